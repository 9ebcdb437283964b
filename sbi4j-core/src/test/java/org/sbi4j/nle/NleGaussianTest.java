package org.sbi4j.nle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.kernels.Activation;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;

/**
 * NLE on the conjugate Gaussian θ ~ N(0, I₂), x | θ ~ N(θ, σ²I₂), σ = 0.5, whose posterior
 * after T iid trials is N(m, s²I) with precision 1 + T/σ², s = (1 + T/σ²)^(−1/2) and
 * m = (Σ_t x_t/σ²)·s². Tolerances: the posterior mean within 0.25·s of m and the standard
 * deviation within 15 % (20 % for 10 trials, where the likelihood's error counts ten times);
 * a likelihood that ignored θ, or a potential that forgot the prior or a trial, misses both
 * by far more.
 */
class NleGaussianTest {

    static final double SIGMA = 0.5;
    static final Prior PRIOR = Priors.normal(List.of("a", "b"), new double[] {0, 0},
            new double[] {1, 1});
    static final Simulator SIM = Simulator.of(2, 2, (theta, rng) -> {
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        return new float[] {(float) (theta[0] + SIGMA * g.sample()),
            (float) (theta[1] + SIGMA * g.sample())};
    });
    static final NleConfig SMALL = new NleConfig(EstimatorSpec.of(new MafSettings(2, 32, 2,
            Activation.TANH, false)), TrainingConfig.SBI.withMaxEpochs(300));
    static final McmcSettings MCMC = McmcSettings.defaults().withChains(10);

    static NleResult nle;

    @BeforeAll
    static void train() {
        nle = SequentialNle.builder(PRIOR, SIM).observation(new float[][] {{0.8f, -0.4f}})
                .simulations(2_000).config(SMALL).seed(5).threads(2).run();
    }

    @Test
    void oneTrialGivesTheAnalyticPosterior() {
        McmcResult r = nle.posterior().sample(5_000, MCMC, 1);
        assertThat(r.diagnostics().warnings()).isEmpty();
        assertAnalytic(r.samples(5_000), new float[][] {{0.8f, -0.4f}}, 0.15);
        assertThat(nle.rounds()).hasSize(1);
        assertThat(nle.reports()).hasSize(1);
    }

    @Test
    void tenIidTrialsGiveTheAnalyticPosterior() {
        UniformRandomProvider rng = SimulationStreams.streamFor(77, 0);
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[][] trials = new float[10][2];
        for (float[] t : trials) {
            t[0] = (float) (0.5 + SIGMA * g.sample());
            t[1] = (float) (-0.3 + SIGMA * g.sample());
        }
        LikelihoodPosterior at = nle.posterior().likelihood().posterior(PRIOR,
                Matrix.fromRows(trials));
        McmcResult r = at.sample(5_000, MCMC, 2);
        assertThat(r.diagnostics().warnings()).isEmpty();
        assertAnalytic(r.samples(5_000), trials, 0.20);
    }

    @Test
    void warmSnleRoundsSampleTheirProposalByMcmcAndResumeFromTheFolder(@TempDir Path dir) {
        SequentialNle run = SequentialNle.builder(PRIOR, SIM)
                .observation(new float[][] {{0.8f, -0.4f}}).rounds(2).simulations(1_600)
                .config(new NleConfig(SMALL.estimator(), SMALL.training(), true)).mcmc(MCMC)
                .seed(6).threads(2).folder(dir);
        NleResult r = run.run();
        assertThat(r.rounds()).hasSize(2);
        assertThat(r.rounds().get(1).proposal()).startsWith("MCMC posterior at x_o");
        assertThat(r.simulations().size()).isEqualTo(1_600);
        Matrix s = r.posterior().sample(5_000, MCMC, 3).samples(5_000);
        assertAnalytic(s, new float[][] {{0.8f, -0.4f}}, 0.15);
        // a rerun on the complete folder reads the rounds back: the same likelihood
        Matrix again = run.run().posterior().sample(5_000, MCMC, 3).samples(5_000);
        assertThat(again.toArray()).containsExactly(s.toArray());
    }

    @Test
    void badObservationsAreRefusedBeforeTraining() {
        SequentialNle b = SequentialNle.builder(PRIOR, SIM);
        assertThatThrownBy(() -> b.observation(new float[][] {{1f, 2f, 3f}}))
                .hasMessageContaining("trial 0 has 3 values; the simulator's x has 2");
        assertThatThrownBy(() -> b.observation(new float[][] {{1f, 2f}, {Float.NaN, 0f}}))
                .hasMessageContaining("trial 1 has value NaN");
        assertThatThrownBy(() -> b.observation(new float[0][]))
                .hasMessageContaining("at least one trial");
        assertThatThrownBy(() -> b.simulations(100).run())
                .hasMessageContaining("give the observation");
        assertThatThrownBy(() -> nle.posterior().likelihood().posterior(PRIOR,
                Matrix.fromRows(new float[][] {{1f}}))).hasMessageContaining("have 1 values");
        assertThatThrownBy(() -> SequentialNle.builder(Priors.withNuisance(PRIOR, "b"), SIM))
                .hasMessageContaining("nuisance");
    }

    /** Mean within 0.25·s per coordinate, standard deviation within {@code sdTol}·s. */
    static void assertAnalytic(Matrix samples, float[][] trials, double sdTol) {
        int t = trials.length;
        double precision = 1 + t / (SIGMA * SIGMA);
        double s = 1 / Math.sqrt(precision);
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            for (float[] x : trials) {
                sum += x[j];
            }
            double m = sum / (SIGMA * SIGMA) / precision;
            double mean = 0;
            for (int i = 0; i < samples.rows(); i++) {
                mean += samples.get(i, j) / samples.rows();
            }
            double var = 0;
            for (int i = 0; i < samples.rows(); i++) {
                var += Math.pow(samples.get(i, j) - mean, 2) / (samples.rows() - 1);
            }
            assertThat(mean).as("posterior mean of θ%d", j).isCloseTo(m, within(0.25 * s));
            assertThat(Math.sqrt(var)).as("posterior sd of θ%d", j)
                    .isCloseTo(s, within(sdTol * s));
        }
    }
}
