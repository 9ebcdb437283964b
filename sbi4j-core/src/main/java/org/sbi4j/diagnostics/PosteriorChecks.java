package org.sbi4j.diagnostics;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * Runs the calibration diagnostics on a trained {@link Posterior}: draws fresh test pairs from
 * the prior and simulator (with their own seed, so they are independent of the training pairs),
 * then SBC ranks, uniformity tests and HPD coverage.
 */
public final class PosteriorChecks {

    private PosteriorChecks() {
    }

    /**
     * The posterior as a {@link PosteriorSampler} (no warnings: diagnostics sample thousands of
     * simulated observations, some in the tails of the training data by design), whose
     * {@code sampleAndLogProb} takes the log-densities from the sampling pass.
     */
    public static PosteriorSampler sampler(Posterior p) {
        return new PosteriorSampler() {
            @Override
            public Matrix sample(float[] x, int n, UniformRandomProvider rng) {
                return p.at(x).sampleWithStats(n, rng, false).samples();
            }

            @Override
            public Scored sampleAndLogProb(float[] x, int n, UniformRandomProvider rng,
                                           PosteriorDensity density) {
                ConditionedPosterior.Scored s = p.at(x).sampleAndLogProb(n, rng);
                return new Scored(s.samples(), s.unnormalizedLogProb());
            }
        };
    }

    /**
     * The posterior's (unnormalised, support-restricted) log-density: ranks compare densities
     * at one x, so the support renormalisation (a constant) drops out.
     */
    public static PosteriorDensity density(Posterior p) {
        return (theta, x) -> p.at(x).unnormalizedLogProb(theta);
    }

    /** SBC and coverage results of one calibration run. */
    public record Calibration(SbcResult sbc, CoverageResult coverage) {
    }

    /**
     * Simulation-based calibration of p with {@code pairs} test pairs and {@code samples}
     * posterior samples each.
     *
     * @param testSeed seed of the test simulations (use one different from the training run's)
     */
    public static Calibration calibrate(Posterior p, Prior prior, Simulator simulator, int pairs,
                                        int samples, long testSeed, int threads,
                                        UniformRandomProvider rng) {
        SimulationResult test = Simulations.builder(prior, simulator).seed(testSeed)
                .threads(threads).run(pairs);
        Matrix theta = interest(test.theta(), prior.interestIndices());
        SbcRanks ranks = Sbc.ranks(theta, test.x(), sampler(p), density(p), samples, threads,
                rng);
        SbcResult sbc = Sbc.test(ranks, p.names(), Sbc.DEFAULT_ALPHA, rng);
        return new Calibration(sbc, Coverage.hpd(ranks, Sbc.DEFAULT_ALPHA));
    }

    private static Matrix interest(Matrix theta, int[] idx) {
        if (idx.length == theta.cols()) {
            return theta;
        }
        Matrix m = Matrix.of(theta.rows(), idx.length);
        for (int i = 0; i < theta.rows(); i++) {
            for (int k = 0; k < idx.length; k++) {
                m.set(i, k, theta.get(i, idx[k]));
            }
        }
        return m;
    }
}
