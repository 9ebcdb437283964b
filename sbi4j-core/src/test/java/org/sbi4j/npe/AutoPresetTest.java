package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.Conv1dEmbedding;
import org.sbi4j.posterior.Cnn2dEmbedding;
import org.sbi4j.posterior.DeepSetsEmbedding;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.MlpEmbedding;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.sim.XKind;
import org.sbi4j.tensor.Matrix;

/** The auto preset: x preprocessing stored with the model, the embedding chosen from the shape. */
class AutoPresetTest {

    /** Counts x_t ~ Poisson(exp(a + b·t)), t < 8: values from 1 to about 10⁴ within one x. */
    private static final Simulator COUNTS = Simulator.of(2, 8, (theta, rng) -> {
        float[] x = new float[8];
        for (int t = 0; t < 8; t++) {
            x[t] = PoissonSampler.of(rng, Math.exp(theta[0] + theta[1] * t)).sample();
        }
        return x;
    });

    private static final Prior PRIOR = Priors.independent(Priors.uniform("a", 0, 3),
            Priors.uniform("b", 0.2, 0.9));

    @Test
    void skewedCountsAreLog1pTransformedAndTheChoiceIsStoredInTheModel(@TempDir Path dir)
            throws Exception {
        NpeSettings s = NpeSettings.auto().withTraining(NpeTestModels.fast().training());
        NpeResult r = Npe.builder(PRIOR, COUNTS).simulations(600).seed(3).settings(s).run();
        boolean[] log1p = r.posterior().xStandardizer().log1pColumns();
        // t = 0: Poisson(e^a), a ~ U(0, 3), skewness about 1.2: left alone; t = 7 spans 1…10⁴
        assertThat(log1p[0]).isFalse();
        assertThat(log1p[7]).isTrue();
        assertThat(r.choices()).anyMatch(c -> c.contains("log(1 + x) on"))
                .anyMatch(c -> c.startsWith("embedding: none"));
        assertThat(r.posterior().spec().embedding()).isEqualTo(EmbeddingSettings.none());

        Path f = dir.resolve("m.sbi4j");
        PosteriorFiles.save(r.posterior(), f);
        Posterior back = PosteriorFiles.load(f);
        assertThat(back.xStandardizer()).isEqualTo(r.posterior().xStandardizer());
        float[] xo = {3, 6, 12, 25, 60, 120, 300, 700};
        Matrix theta = PRIOR.sample(20, org.apache.commons.rng.simple.RandomSource
                .XO_RO_SHI_RO_128_PP.create(1L));
        assertThat(back.at(xo).logProb(theta)).containsExactly(r.posterior().at(xo)
                .logProb(theta));
        float[] bad = xo.clone();
        bad[7] = -1;
        assertThatThrownBy(() -> back.at(bad)).hasMessageContaining("observation value 7 is"
                + " -1.0").hasMessageContaining("log(1 + x)");
    }

    @Test
    void thePlainPresetLeavesXAsItIs() {
        NpeResult r = Npe.builder(PRIOR, COUNTS).simulations(300).seed(3)
                .settings(NpeTestModels.fast()).run();
        assertThat(r.posterior().xStandardizer().log1pColumns()).containsOnly(false);
        assertThat(r.choices()).isEmpty();
    }

    @Test
    void theEmbeddingFollowsTheShapeAndKind() {
        assertThat(AutoEmbedding.choose(new int[] {1, 48, 48}, XKind.IMAGE).embedding())
                .isEqualTo(org.sbi4j.posterior.EmbeddingKinds.bind("cnn2d", java.util.Map.of(
                        "pooling", "average2", "channels", "8,16,32,32")));
        assertThat(((Cnn2dEmbedding) AutoEmbedding.choose(new int[] {12, 12}, XKind.IMAGE)
                .embedding()).channels()).isEqualTo(Cnn2dEmbedding.defaults().channels());
        assertThat(AutoEmbedding.choose(new int[] {1, 100}, XKind.SERIES).embedding())
                .isEqualTo(Conv1dEmbedding.defaults());
        assertThat(AutoEmbedding.choose(new int[] {2, 8}, XKind.SERIES).embedding())
                .isEqualTo(EmbeddingSettings.none());
        assertThat(AutoEmbedding.choose(new int[] {40, 2}, XKind.SET).embedding())
                .isEqualTo(DeepSetsEmbedding.defaults());
        assertThat(AutoEmbedding.choose(new int[] {100}, XKind.VECTOR).embedding())
                .isEqualTo(EmbeddingSettings.none());
        assertThat(AutoEmbedding.choose(new int[] {101}, XKind.VECTOR).embedding())
                .isEqualTo(MlpEmbedding.defaults());
        assertThat(XKind.of(new int[] {40, 2}, true)).isEqualTo(XKind.SET);
        assertThat(XKind.of(new int[] {1, 100}, false)).isEqualTo(XKind.SERIES);
        assertThat(XKind.of(new int[] {1, 9, 9}, false)).isEqualTo(XKind.IMAGE);
        assertThatThrownBy(() -> XKind.of(new int[] {1, 2, 3, 4}, false))
                .hasMessageContaining("rank 4");
        assertThatThrownBy(() -> AutoEmbedding.choose(new int[] {1, 4, 4}, XKind.SET))
                .hasMessageContaining("x kind set does not fit the x shape [1, 4, 4]");
    }

    @Test
    void aRunResolvesAutoToAConcreteKindBeforeAnyWork() {
        Simulator series = Simulator.of(2, new int[] {1, 32}, (theta, rng) -> {
            float[] x = new float[32];
            for (int t = 0; t < 32; t++) {
                x[t] = (float) (theta[0] * Math.sin(theta[1] * t) + 0.1 * rng.nextDouble());
            }
            return x;
        });
        NpeSettings s = NpeSettings.auto().withTraining(NpeTestModels.fast().training()
                .withMaxEpochs(2));
        NpeResult r = Npe.builder(PRIOR, series).simulations(200).seed(1).settings(s).run();
        assertThat(r.posterior().spec().embedding()).isEqualTo(Conv1dEmbedding.defaults());
        assertThat(r.choices()).anyMatch(c -> c.startsWith("embedding: conv1d"));
        assertThatThrownBy(() -> Npe.builder(PRIOR, series).simulations(200).xKind(XKind.VECTOR)
                .settings(s).run()).hasMessageContaining("x kind vector does not fit");
    }

    /**
     * A one-sided prior (log-normal scale) is learnt in log space: every draw is inside the
     * support without rejection, and the density on the original scale (with the Jacobian)
     * integrates to 1 over a fine grid (tolerance 2 %: trapezoid error and the mass beyond the
     * grid are below 0.5 %, so more means a wrong Jacobian).
     */
    @Test
    void aOneSidedParameterIsLearntInLogSpaceWithItsJacobian() {
        Prior prior = Priors.independent(Priors.logNormal("scale", 0, 0.5));
        Simulator sim = Simulator.of(1, 3, (theta, rng) -> {
            var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler
                    .NormalizedGaussian.of(rng);
            float[] x = new float[3];
            for (int j = 0; j < 3; j++) {
                x[j] = (float) (theta[0] * g.sample());
            }
            return x;
        });
        NpeSettings s = NpeSettings.auto().withTraining(NpeTestModels.fast().training());
        NpeResult r = Npe.builder(prior, sim).simulations(1000).seed(2).settings(s).run();
        assertThat(r.posterior().thetaStandardizer().logShifts()).containsExactly(0.0);
        assertThat(r.choices()).anyMatch(c -> c.contains("log(θ − lower bound) for scale"));
        var at = r.posterior().at(new float[] {0.5f, -1.2f, 0.8f});
        Matrix draws = at.sample(2000, org.apache.commons.rng.simple.RandomSource
                .XO_RO_SHI_RO_128_PP.create(4L));
        for (int i = 0; i < draws.rows(); i++) {
            assertThat(draws.get(i, 0)).isPositive();
        }
        assertThat(massOn(at, 8.0, 20_000)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.02));
    }

    /**
     * A parameter measured three times with noise 0.03 (posterior sd 0.017 on a prior of sd
     * 0.29) is learnt as a residual of the linear regression on x, stored in the model file; the
     * posterior mean and sd match the analytic Gaussian (tolerances 0.01 and 30 %: a 1,500-pair
     * fit's error, not the 10× too wide posterior a unit-scale flow gives here) and the density
     * on the original scale integrates to 1 (2 %).
     */
    @Test
    void aParameterThatXPinsDownIsLearntAsAResidualAndStoredInTheModel(@TempDir Path dir)
            throws Exception {
        Prior prior = Priors.independent(Priors.uniform("mu", 0, 1));
        double noise = 0.03;
        Simulator sim = Simulator.of(1, 3, (theta, rng) -> {
            var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler
                    .NormalizedGaussian.of(rng);
            float[] x = new float[3];
            for (int j = 0; j < 3; j++) {
                x[j] = (float) (theta[0] + noise * g.sample());
            }
            return x;
        });
        NpeSettings s = NpeSettings.auto().withTraining(NpeTestModels.fast().training());
        NpeResult r = Npe.builder(prior, sim).simulations(1500).seed(2).settings(s).run();
        assertThat(r.posterior().thetaRegression()).isNotNull();
        assertThat(r.choices()).anyMatch(c -> c.contains("linear regression on x for mu"));
        float[] xo = {0.42f, 0.47f, 0.44f};
        var at = r.posterior().at(xo);
        Matrix draws = at.sample(4000, org.apache.commons.rng.simple.RandomSource
                .XO_RO_SHI_RO_128_PP.create(4L));
        double m = 0;
        double m2 = 0;
        for (int i = 0; i < draws.rows(); i++) {
            m += draws.get(i, 0) / draws.rows();
            m2 += draws.get(i, 0) * (double) draws.get(i, 0) / draws.rows();
        }
        double sdExact = noise / Math.sqrt(3);
        assertThat(m).isCloseTo(0.44, org.assertj.core.api.Assertions.within(0.01));
        assertThat(Math.sqrt(m2 - m * m)).isCloseTo(sdExact,
                org.assertj.core.api.Assertions.within(0.3 * sdExact));
        assertThat(massOn(at, 1.0, 4000)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.02));

        Path f = dir.resolve("m.sbi4j");
        PosteriorFiles.save(r.posterior(), f);
        Posterior back = PosteriorFiles.load(f);
        Matrix grid = Matrix.of(100, 1);
        for (int i = 0; i < 100; i++) {
            grid.set(i, 0, (float) ((i + 0.5) / 100));
        }
        assertThat(back.thetaRegression().toRows()).isDeepEqualTo(
                r.posterior().thetaRegression().toRows());
        assertThat(back.at(xo).logProb(grid)).containsExactly(at.logProb(grid));
    }

    /**
     * The auto preset's ensemble size follows the training pairs: 5 members below 3,600 (4,000
     * simulations with 10 % validation), 1 from there up; an explicit size is kept, and the
     * model file stores the size that was trained.
     */
    @Test
    void theAutomaticEnsembleHasFiveMembersBelowFourThousandSimulations(@TempDir Path dir)
            throws Exception {
        org.sbi4j.posterior.EstimatorSpec auto = NpeSettings.auto().estimator();
        assertThat(auto.ensemble()).isEqualTo(org.sbi4j.posterior.EstimatorSpec.AUTO_ENSEMBLE);
        assertThat(auto.membersFor(3_599)).isEqualTo(5);
        assertThat(auto.membersFor(3_600)).isEqualTo(1);
        assertThat(auto.withEnsemble(2).membersFor(100)).isEqualTo(2);
        assertThat(NpeSettings.auto().training().trainingPairs(4_000)).isEqualTo(3_600);
        assertThat(NpeSettings.auto().training().trainingPairs(3_999)).isEqualTo(3_600);
        assertThat(NpeSettings.auto().training().trainingPairs(3_998)).isEqualTo(3_599);
        assertThatThrownBy(() -> auto.build(2, new int[] {2}, org.apache.commons.rng.simple
                .RandomSource.XO_RO_SHI_RO_128_PP.create(1L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("automatic");

        NpeSettings quick = NpeSettings.auto().withTraining(
                NpeTestModels.fast().training().withMaxEpochs(5));
        NpeResult small = Npe.builder(PRIOR, COUNTS).simulations(300).seed(4).settings(quick)
                .run();
        assertThat(small.reports()).hasSize(5);
        assertThat(small.posterior().spec().ensemble()).isEqualTo(5);
        assertThat(small.choices()).anyMatch(c -> c.startsWith("ensemble: 5 independently"));
        Path f = dir.resolve("e.sbi4j");
        PosteriorFiles.save(small.posterior(), f);
        assertThat(PosteriorFiles.load(f).spec().ensemble()).isEqualTo(5);

        NpeResult one = Npe.builder(PRIOR, COUNTS).simulations(300).seed(4)
                .settings(quick.withEstimator(quick.estimator().withEnsemble(1))).run();
        assertThat(one.reports()).hasSize(1);
        assertThat(one.choices()).noneMatch(c -> c.startsWith("ensemble:"));
    }

    /** ∫₀^hi q(θ | x) dθ by the midpoint rule on n cells (a 1-D posterior). */
    private static double massOn(org.sbi4j.posterior.ConditionedPosterior at, double hi, int n) {
        double h = hi / n;
        Matrix grid = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            grid.set(i, 0, (float) ((i + 0.5) * h));
        }
        double mass = 0;
        for (double lp : at.logProb(grid)) {
            mass += Math.exp(lp) * h;
        }
        return mass;
    }
}
