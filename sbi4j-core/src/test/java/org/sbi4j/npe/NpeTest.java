package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Dataset;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

class NpeTest {

    static final Prior PRIOR = NpeTestModels.standardNormal("a");
    /** x = θ + N(0, 0.5²): the posterior is N(x/1.25, 0.2). */
    static final Simulator SIM = NpeTestModels.linear(new double[][] {{1}}, 0.5);

    static NpeResult fit(Prior prior, Simulator sim, int threads, long seed) {
        return Npe.builder(prior, sim).simulations(4000).seed(seed)
                .settings(NpeTestModels.fast()).threads(threads).run();
    }

    @Test
    void recoversTheConjugateGaussianPosterior() {
        NpeResult r = fit(PRIOR, SIM, 2, 1L);
        Matrix s = r.posterior().at(new float[] {1f}).sample(20_000,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        // exact: mean 0.8, variance 0.2; 4,000 simulations and a MAF give a few-% errors, so
        // 0.05 on the mean (0.11 sd) and 20 % on the variance
        assertThat(Intervals.mean(s)[0]).isCloseTo(0.8, within(0.05));
        assertThat(Intervals.covariance(s)[0][0]).isCloseTo(0.2, within(0.04));
    }

    /**
     * Balanced NPE (λ = 100) on the conjugate Gaussian: still the right posterior, not narrower
     * (balance makes it conservative). Tolerances as above, widened to 0.07 on the mean: one
     * fixed seed, 4,000 simulations. With a nuisance parameter it is refused (no marginal prior).
     */
    @Test
    void balancedNpeFitsAndRefusesNuisanceParameters() {
        NpeResult r = Npe.builder(PRIOR, SIM).simulations(4000).seed(1L)
                .settings(NpeTestModels.fast().withBalance(100)).threads(2).run();
        Matrix s = r.posterior().at(new float[] {1f}).sample(20_000,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(Intervals.mean(s)[0]).isCloseTo(0.8, within(0.07));
        assertThat(Intervals.covariance(s)[0][0]).isBetween(0.17, 0.3);
        Prior nuisance = Priors.withNuisance(NpeTestModels.standardNormal("a", "b"), "b");
        assertThatThrownBy(() -> Npe.builder(nuisance, NpeTestModels.linear(
                new double[][] {{1, 1}}, 0.3)).simulations(100).seed(1L)
                .settings(NpeTestModels.fast().withBalance(100)).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nuisance");
    }

    @Test
    void sameSeedGivesIdenticalModelBytesWithOneAndTwoThreads(@TempDir Path dir)
            throws Exception {
        PosteriorFiles.save(fit(PRIOR, SIM, 1, 3L).posterior(), dir.resolve("one.sbi4j"));
        PosteriorFiles.save(fit(PRIOR, SIM, 2, 3L).posterior(), dir.resolve("two.sbi4j"));
        assertThat(Files.readAllBytes(dir.resolve("two.sbi4j")))
                .isEqualTo(Files.readAllBytes(dir.resolve("one.sbi4j")));
    }

    @Test
    void nuisanceMarginalEqualsTheMarginalOfTheJointFit() {
        // x = a + b + N(0, 0.3²), a, b ~ N(0, 1): a | x ~ N(x/2.09, 1.09/2.09)
        Simulator sim = NpeTestModels.linear(new double[][] {{1, 1}}, 0.3);
        Prior both = NpeTestModels.standardNormal("a", "b");
        Prior nuisance = Priors.withNuisance(both, "b");
        NpeResult joint = Npe.builder(both, sim).simulations(8000).seed(5L)
                .settings(NpeTestModels.fast()).threads(2).run();
        NpeResult marginal = Npe.builder(nuisance, sim).simulations(8000).seed(5L)
                .settings(NpeTestModels.fast()).threads(2).run();
        assertThat(marginal.posterior().names()).containsExactly("a");
        float[] xo = {1.5f};
        Matrix sj = joint.posterior().at(xo).sample(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        Matrix sm = marginal.posterior().at(xo).sample(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        double meanJoint = Intervals.mean(sj)[0];
        double varJoint = Intervals.covariance(sj)[0][0];
        double meanMarg = Intervals.mean(sm)[0];
        double varMarg = Intervals.covariance(sm)[0][0];
        // both near the exact marginal (mean 0.718, sd 0.722, variance 0.522) and near each
        // other; the tolerances (0.1 ≈ 0.14 sd on means, 20 % on variances) cover the errors of
        // two independent 8k-simulation fits, while ignoring the nuisance's effect (treating b
        // as 0 gives mean 1.38) or conditioning on b = 0 (variance 0.08) fails them
        assertThat(meanMarg).isCloseTo(meanJoint, within(0.1));
        assertThat(varMarg).isCloseTo(varJoint, within(0.2 * 0.522));
        assertThat(meanMarg).isCloseTo(1.5 / 2.09, within(0.1));
        assertThat(varMarg).isCloseTo(1.09 / 2.09, within(0.2 * 0.522));
    }

    @Test
    void modelFilesRoundTripAndRefuseForeignOrDamagedFiles(@TempDir Path dir) throws Exception {
        NpeResult r = fit(PRIOR, SIM, 2, 8L);
        Path f = dir.resolve("m.sbi4j");
        PosteriorFiles.save(r.posterior(), f);
        var loaded = PosteriorFiles.load(f);
        Matrix theta = Matrix.fromRows(new float[][] {{-1f}, {0.3f}, {2f}});
        assertThat(loaded.at(new float[] {0.5f}).unnormalizedLogProb(theta))
                .containsExactly(r.posterior().at(new float[] {0.5f}).unnormalizedLogProb(theta));
        assertThat(loaded.names()).containsExactly("a");

        byte[] bytes = Files.readAllBytes(f);
        byte[] newer = bytes.clone();
        newer[11] = 9; // format version 9
        Files.write(dir.resolve("newer.sbi4j"), newer);
        assertThatThrownBy(() -> PosteriorFiles.load(dir.resolve("newer.sbi4j")))
                .hasMessageContaining("format version 9").hasMessageContaining("reads versions 1, 2, 3, 4 and 5");
        byte[] damaged = bytes.clone();
        damaged[bytes.length / 2] ^= 0x40;
        Files.write(dir.resolve("damaged.sbi4j"), damaged);
        assertThatThrownBy(() -> PosteriorFiles.load(dir.resolve("damaged.sbi4j")))
                .hasMessageContaining("damaged");
        Files.writeString(dir.resolve("text.sbi4j"), "hello");
        assertThatThrownBy(() -> PosteriorFiles.load(dir.resolve("text.sbi4j")))
                .hasMessageContaining("not an sbi4j model file");
    }

    @Test
    void badInputIsRejectedWithTheProblemAndTheValue() {
        NpeResult r = fit(PRIOR, SIM, 2, 9L);
        assertThatThrownBy(() -> r.posterior().at(new float[] {1f, 2f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values")
                .hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> r.posterior().at(new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        ConditionedPosterior p = r.posterior().at(new float[] {0f});
        assertThatThrownBy(() -> p.logProb(Matrix.of(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 columns");
        assertThatThrownBy(() -> Npe.builder(PRIOR).data(Dataset.of(Matrix.of(0, 1),
                Matrix.of(0, 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Priors.uniform("c", 2.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2.0");
        assertThatThrownBy(() -> Npe.builder(NpeTestModels.standardNormal("a", "b"), SIM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 parameters").hasMessageContaining("expects 1");
    }

    @Test
    void warnsWhenTheObservationLiesOutsideTheTrainingData() {
        NpeResult r = fit(PRIOR, SIM, 2, 10L);
        assertThat(r.posterior().at(new float[] {0.5f}).misspecification().outside()).isFalse();
        assertThat(r.posterior().at(new float[] {40f}).misspecification().outside()).isTrue();
    }

    @Test
    void mapEstimateFindsTheMode() {
        NpeResult r = fit(PRIOR, SIM, 2, 11L);
        double[] map = r.posterior().at(new float[] {1f}).map(RandomSource.XO_RO_SHI_RO_128_PP.create(12L));
        // the exact mode is 0.8; the fitted density's mode is within the fit's error
        assertThat(map[0]).isCloseTo(0.8, within(0.06));
    }

    @Test
    void sampleAndLogProbGivesTheSamplesOfSampleAndTheirLogDensities() {
        NpeResult r = fit(PRIOR, SIM, 2, 11L);
        ConditionedPosterior p = r.posterior().at(new float[] {1f});
        ConditionedPosterior.Scored s = p.sampleAndLogProb(500, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        Matrix plain = p.sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        assertThat(s.samples().data()).containsExactly(plain.data());
        double[] lp = p.unnormalizedLogProb(s.samples());
        for (int i = 0; i < lp.length; i++) {
            // the inverse pass and the forward pass round differently in float32: 1e-3 nats
            assertThat(s.unnormalizedLogProb()[i]).isCloseTo(lp[i], within(1e-3));
        }
    }

    @Test
    void samplesManyObservationsInChunks() {
        NpeResult r = fit(PRIOR, SIM, 2, 13L);
        int m = 30_000;
        Matrix xs = Matrix.of(m, 1);
        for (int i = 0; i < m; i++) {
            xs.set(i, 0, (float) (-2 + 4.0 * i / m));
        }
        double[] sumMean = new double[1];
        int[] seen = new int[1];
        r.posterior().sampleEach(xs, 50, RandomSource.XO_RO_SHI_RO_128_PP.create(14L),
                (k, s) -> {
                    assertThat(k).isEqualTo(seen[0]++);
                    assertThat(s.rows()).isEqualTo(50);
                    // mean of 50 draws minus the exact posterior mean x/1.25 (sd 0.447/√50)
                    sumMean[0] += Intervals.mean(s)[0] - xs.get(k, 0) / 1.25;
                });
        assertThat(seen[0]).isEqualTo(m);
        // the average error over 30,000 observations is the fit's bias: within 0.05 as above
        assertThat(sumMean[0] / m).isCloseTo(0, within(0.05));
    }

    @Test
    void ensembleIsTheEqualWeightMixtureOfItsMembers() {
        NpeSettings two = NpeTestModels.fast().withEstimator(
                NpeTestModels.fast().estimator().withEnsemble(2));
        NpeResult r = Npe.builder(PRIOR, SIM).simulations(4000).seed(15L).settings(two)
                .threads(2).run();
        assertThat(r.reports()).hasSize(2);
        var ens = (org.sbi4j.posterior.Ensemble) r.posterior().estimator();
        Matrix z = Matrix.fromRows(new float[][] {{-1f}, {0f}, {0.7f}});
        Matrix ctx = Matrix.fromRows(new float[][] {{0.2f}, {0.2f}, {0.2f}});
        float[] mix = new float[3];
        float[] a = new float[3];
        float[] b = new float[3];
        ens.logProb(z, ctx, mix, ens.workspace(3));
        ens.members().get(0).logProb(z, ctx, a, ens.members().get(0).workspace(3));
        ens.members().get(1).logProb(z, ctx, b, ens.members().get(1).workspace(3));
        for (int i = 0; i < 3; i++) {
            double expected = Math.log(0.5 * Math.exp(a[i]) + 0.5 * Math.exp(b[i]));
            assertThat((double) mix[i]).isCloseTo(expected, within(1e-5));
        }
        // the members were trained independently: their densities differ
        assertThat(a).isNotEqualTo(b);
        Matrix s = r.posterior().at(new float[] {1f}).sample(20_000,
                RandomSource.XO_RO_SHI_RO_128_PP.create(16L));
        // exact mean 0.8; as for a single 4k-simulation fit (0.05) plus room for the quick
        // training of two members
        assertThat(Intervals.mean(s)[0]).isCloseTo(0.8, within(0.08));
    }
}
