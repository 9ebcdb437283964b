package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_trials (θ = (intercept α, slope β, noise σ), x: shape [40, 2]): a set of i.i.d.
 * trials of varying size, as a psychophysics session or a sequence of lab measurements gives
 * them. Each trial is a pair (stimulus s_t, response y_t) with s_t ~ U(−1, 1) and
 * y_t = α + β s_t + σ ε_t; a data set has m ~ U{5, …, 40} trials (drawn by the simulator, not
 * informative about θ) and is padded to 40 rows with NaN trials (both values NaN), as
 * {@link org.sbi4j.nn.DeepSets} and {@link Simulator#nanPadding()} expect. Value j of trial t
 * is at index 2t + j.
 *
 * <p>Prior: α, β ~ N(0, 1); σ ~ LogNormal(log 0.5, 0.5) (one-sided).
 *
 * <p>Likelihood: Π_{valid t} N(y_t; α + β s_t, σ²) (the densities of s_t and m do not depend on
 * θ). Reference: a 3-D {@link GridPosterior} in z = (α, β, log σ), the residual sum of squares
 * from the six sufficient statistics of the valid trials.
 */
public final class RegressionTrials implements Simulator {

    /** Maximum number of trials (rows of x). */
    public static final int MAX_TRIALS = 40;
    /** Minimum number of valid trials. */
    public static final int MIN_TRIALS = 5;
    static final double LOG_NOISE_MEAN = Math.log(0.5);
    static final double LOG_NOISE_SD = 0.5;

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_trials", prior(), new RegressionTrials(),
                new double[][] {{0.5, -1.0, 0.3}, {-0.8, 0.4, 0.8}, {0.0, 1.5, 0.5}},
                (x, t) -> logLikelihood(x, t[0], t[1], t[2]),
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(3), rng));
    }

    static Prior prior() {
        return Priors.independent(Priors.normal("intercept", 0, 1), Priors.normal("slope", 0, 1),
                Priors.logNormal("noise", LOG_NOISE_MEAN, LOG_NOISE_SD));
    }

    /** Sufficient statistics {m, Σs, Σy, Σs², Σsy, Σy²} of the valid trials. */
    static double[] statistics(float[] x) {
        if (x.length != 2 * MAX_TRIALS) {
            throw new IllegalArgumentException("realism_trials has " + MAX_TRIALS + " trials of 2 values, got "
                    + x.length + " values");
        }
        double[] st = new double[6];
        for (int t = 0; t < MAX_TRIALS; t++) {
            float s = x[2 * t];
            float y = x[2 * t + 1];
            if (Float.isNaN(s) != Float.isNaN(y)) {
                throw new IllegalArgumentException("realism_trials: trial " + t + " is only partly NaN");
            }
            if (Float.isNaN(s)) {
                continue;
            }
            st[0] += 1;
            st[1] += s;
            st[2] += y;
            st[3] += (double) s * s;
            st[4] += (double) s * y;
            st[5] += (double) y * y;
        }
        if (st[0] == 0) {
            throw new IllegalArgumentException("realism_trials: no valid trial in x");
        }
        return st;
    }

    /** Σ_t (y_t − α − β s_t)² from the sufficient statistics. */
    private static double rss(double[] st, double a, double b) {
        return st[5] + st[0] * a * a + b * b * st[3] - 2 * a * st[2] - 2 * b * st[4] + 2 * a * b * st[1];
    }

    /** log p(x | α, β, σ) of the responses given the stimuli, normalised. */
    public static double logLikelihood(float[] x, double a, double b, double sigma) {
        double[] st = statistics(x);
        return -st[0] * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI)) - 0.5 * rss(st, a, b) / (sigma * sigma);
    }

    /** The log posterior in z = (α, β, log σ), up to a constant. */
    static GridPosterior.LogDensity logPosterior(float[] x) {
        double[] st = statistics(x);
        return z -> {
            double u = (z[2] - LOG_NOISE_MEAN) / LOG_NOISE_SD;
            double s2 = Math.exp(2 * z[2]);
            return -0.5 * (z[0] * z[0] + z[1] * z[1] + u * u) - st[0] * z[2] - 0.5 * rss(st, z[0], z[1]) / s2;
        };
    }

    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        return GridPosterior.of(logPosterior(x), new double[] {-6, -6, LOG_NOISE_MEAN - 4},
                new double[] {6, 6, LOG_NOISE_MEAN + 4}, res);
    }

    /** n reference draws of (α, β, σ) at a given grid resolution. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        return reference(x, res).sample(n, 3, (z, t) -> {
            t[0] = z[0];
            t[1] = z[1];
            t[2] = Math.exp(z[2]);
        }, rng);
    }

    @Override
    public int thetaDim() {
        return 3;
    }

    @Override
    public int xDim() {
        return 2 * MAX_TRIALS;
    }

    @Override
    public int[] xShape() {
        return new int[] {MAX_TRIALS, 2};
    }

    @Override
    public boolean nanPadding() {
        return true;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        int m = MIN_TRIALS + rng.nextInt(MAX_TRIALS - MIN_TRIALS + 1);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double a = theta[thetaOff];
        double b = theta[thetaOff + 1];
        double sigma = theta[thetaOff + 2];
        for (int t = 0; t < MAX_TRIALS; t++) {
            if (t < m) {
                float s = (float) (2 * rng.nextDouble() - 1);
                x[xOff + 2 * t] = s;
                x[xOff + 2 * t + 1] = (float) (a + b * s + sigma * g.sample());
            } else {
                x[xOff + 2 * t] = Float.NaN;
                x[xOff + 2 * t + 1] = Float.NaN;
            }
        }
    }
}
