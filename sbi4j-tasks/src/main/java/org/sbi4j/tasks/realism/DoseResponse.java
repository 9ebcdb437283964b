package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_binomial (θ = (ed50 e, slope β, guess_rate γ), x: 8 integer counts): a dose–response
 * (or psychometric) experiment with discrete outcomes. At each of 8 doses d_j = j (log units),
 * j = 0..7, 20 subjects respond with probability p_j = γ + (1 − γ) / (1 + e^{−β (d_j − e)});
 * x_j ~ Binomial(20, p_j) is the number of responders, an integer in 0..20.
 *
 * <p>Prior: e ~ U(1, 6); β ~ LogNormal(0, 0.5) (one-sided); γ ~ Beta(2, 18) (a small guess or
 * background rate, mean 0.1).
 *
 * <p>Reference: a 3-D {@link GridPosterior} in z = (e, log β, logit γ); in these coordinates the
 * prior density is U(1, 6) × N(log β; 0, 0.5²) × γ²(1 − γ)¹⁸ (Beta(2, 18) times the Jacobian
 * γ(1 − γ) of the logit).
 */
public final class DoseResponse implements Simulator {

    /** Number of dose levels. */
    public static final int DOSES = 8;
    /** Subjects per dose. */
    public static final int SUBJECTS = 20;
    static final double ED_LOW = 1;
    static final double ED_HIGH = 6;
    static final double LOG_SLOPE_SD = 0.5;
    static final double GUESS_A = 2;
    static final double GUESS_B = 18;

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_binomial", prior(), new DoseResponse(),
                new double[][] {{3.5, 1.2, 0.1}, {2.0, 0.6, 0.05}, {5.0, 2.0, 0.15}},
                (x, t) -> logLikelihood(x, t[0], t[1], t[2]),
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(3), rng));
    }

    static Prior prior() {
        return Priors.independent(Priors.uniform("ed50", ED_LOW, ED_HIGH),
                Priors.logNormal("slope", 0, LOG_SLOPE_SD), Priors.beta("guess_rate", GUESS_A, GUESS_B));
    }

    /** Response probability at dose j. */
    static double probability(int j, double ed50, double slope, double guess) {
        return guess + (1 - guess) / (1 + Math.exp(-slope * (j - ed50)));
    }

    /** log p(x | e, β, γ), normalised (with the binomial coefficients); x must hold counts 0..20. */
    public static double logLikelihood(float[] x, double ed50, double slope, double guess) {
        check(x);
        double ll = 0;
        for (int j = 0; j < DOSES; j++) {
            ll += BinomialDistribution.of(SUBJECTS, probability(j, ed50, slope, guess))
                    .logProbability(Math.round(x[j]));
        }
        return ll;
    }

    /** The log posterior in z = (e, log β, logit γ), up to a constant. */
    static GridPosterior.LogDensity logPosterior(float[] x) {
        check(x);
        return z -> {
            if (!(z[0] >= ED_LOW && z[0] <= ED_HIGH)) {
                return Double.NEGATIVE_INFINITY;
            }
            double slope = Math.exp(z[1]);
            // log γ and log(1 − γ) from the logit without cancellation
            double logG = -Math.log1p(Math.exp(-z[2]));
            double log1mG = -Math.log1p(Math.exp(z[2]));
            double guess = Math.exp(logG);
            double u = z[1] / LOG_SLOPE_SD;
            double lp = -0.5 * u * u + GUESS_A * logG + GUESS_B * log1mG;
            for (int j = 0; j < DOSES; j++) {
                double p = probability(j, z[0], slope, guess);
                lp += x[j] * Math.log(p) + (SUBJECTS - x[j]) * Math.log1p(-p);
            }
            return Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp;
        };
    }

    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        return GridPosterior.of(logPosterior(x), new double[] {ED_LOW, -2.5, -7},
                new double[] {ED_HIGH, 2.5, 1.5}, res);
    }

    /** n reference draws of (e, β, γ) at a given grid resolution. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        return reference(x, res).sample(n, 3, (z, t) -> {
            t[0] = z[0];
            t[1] = Math.exp(z[1]);
            t[2] = 1 / (1 + Math.exp(-z[2]));
        }, rng);
    }

    private static void check(float[] x) {
        if (x.length != DOSES) {
            throw new IllegalArgumentException("realism_binomial has " + DOSES + " dose levels, got " + x.length);
        }
    }

    @Override
    public int thetaDim() {
        return 3;
    }

    @Override
    public int xDim() {
        return DOSES;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        for (int j = 0; j < DOSES; j++) {
            double p = probability(j, theta[thetaOff], theta[thetaOff + 1], theta[thetaOff + 2]);
            int k = 0;
            for (int s = 0; s < SUBJECTS; s++) {
                k += rng.nextDouble() < p ? 1 : 0;
            }
            x[xOff + j] = k;
        }
    }
}
