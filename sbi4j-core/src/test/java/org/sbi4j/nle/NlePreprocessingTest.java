package org.sbi4j.nle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.XPreprocessing;
import org.sbi4j.kernels.Activation;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;

/**
 * NLE's automatic preprocessing on a multiplicative-noise model: θ ~ LogNormal(0, 1),
 * x_j = θ·exp(σ ε_j), j = 1, 2, σ = 0.3, so log x_j | θ ~ N(log θ, σ²) and the posterior of
 * φ = log θ is Gaussian with precision 1 + 2/σ² and mean (Σ_j log x_j/σ²)/precision. x is
 * log-normal with skewness ≈ 7 (above the log1p rule's 2) and θ's support is (0, ∞), so the
 * likelihood learns log(1 + x) given log θ. Tolerances as in {@link NleGaussianTest}: the mean
 * of φ within 0.25 posterior sd, its sd within 15 %.
 */
class NlePreprocessingTest {

    static final double SIGMA = 0.3;
    static final Prior PRIOR = Priors.independent(Priors.logNormal("theta", 0, 1));
    static final Simulator SIM = Simulator.of(1, 2, (theta, rng) -> {
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        return new float[] {(float) (theta[0] * Math.exp(SIGMA * g.sample())),
            (float) (theta[0] * Math.exp(SIGMA * g.sample()))};
    });
    static final float[] X_O = {2.2f, 1.7f};
    static final NleConfig SMALL = new NleConfig(EstimatorSpec.of(new MafSettings(2, 32, 2,
            Activation.TANH, false)), TrainingConfig.SBI.withMaxEpochs(300));

    static NleResult nle;

    @BeforeAll
    static void train() {
        nle = SequentialNle.builder(PRIOR, SIM).observation(new float[][] {X_O})
                .simulations(2_000).config(SMALL).seed(11).threads(2).run();
    }

    @Test
    void skewedPositiveXAndAOneSidedPriorAreLogMappedAndSaidSo() {
        String said = nle.posterior().likelihood().model().provenance().settings()
                .get("x.preprocessing");
        assertThat(said).contains("log(1 + x) on 2 of 2").contains("log(θ − lower bound) for "
                + "theta");
        assertThat(nle.posterior().likelihood().xStandardizer().log1pColumns())
                .containsExactly(true, true);
        assertThat(nle.posterior().likelihood().thetaStandardizer().logShifts())
                .containsExactly(0.0);
    }

    @Test
    void aWarmStartedRoundKeepsTheFirstRoundsMapsAndSaysSo() {
        NleResult warm = SequentialNle.builder(PRIOR, SIM).observation(new float[][] {X_O})
                .rounds(2).simulations(600).config(new NleConfig(SMALL.estimator(),
                        SMALL.training().withMaxEpochs(3), true))
                .mcmc(McmcSettings.defaults().withChains(4)).seed(4).threads(1).run();
        Likelihood l = warm.posterior().likelihood();
        assertThat(l.xStandardizer().log1pColumns()).containsExactly(true, true);
        assertThat(l.thetaStandardizer().logShifts()).containsExactly(0.0);
        assertThat(l.model().provenance().settings().get("x.preprocessing"))
                .contains("log(1 + x) on 2 of 2").contains("log(θ − lower bound)");
    }

    @Test
    void thePosteriorOfLogThetaIsTheAnalyticOne() {
        McmcResult r = nle.posterior().sample(5_000, McmcSettings.defaults().withChains(10), 1);
        Matrix s = r.samples(5_000);
        double precision = 1 + 2 / (SIGMA * SIGMA);
        double sd = 1 / Math.sqrt(precision);
        double mean = (Math.log(X_O[0]) + Math.log(X_O[1])) / (SIGMA * SIGMA) / precision;
        double m = 0;
        double m2 = 0;
        for (int i = 0; i < s.rows(); i++) {
            double phi = Math.log(s.get(i, 0));
            m += phi;
            m2 += phi * phi;
        }
        m /= s.rows();
        double sampleSd = Math.sqrt(m2 / s.rows() - m * m);
        assertThat(m).isCloseTo(mean, within(0.25 * sd));
        assertThat(sampleSd).isCloseTo(sd, within(0.15 * sd));
    }

    @Test
    void noneKeepsZScoringOnlyAndANegativeValueInALogColumnIsRefusedByName() {
        NleConfig none = new NleConfig(SMALL.estimator(), SMALL.training().withMaxEpochs(2),
                false, XPreprocessing.Mode.NONE);
        NleResult plain = SequentialNle.builder(PRIOR, SIM).observation(new float[][] {X_O})
                .simulations(300).config(none).seed(3).threads(1).run();
        assertThat(plain.posterior().likelihood().xStandardizer().hasLogColumns()).isFalse();
        assertThat(plain.posterior().likelihood().thetaStandardizer().hasLogColumns()).isFalse();
        assertThatThrownBy(() -> nle.posterior().likelihood().posterior(PRIOR,
                Matrix.fromRows(new float[][] {{1f, -0.5f}})))
                .hasMessageContaining("trial 0 has -0.5 at 1")
                .hasMessageContaining("log(1 + x) of that column");
    }
}
