package org.sbi4j.mcmc;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;

/**
 * Starting points by sampling-importance-resampling from the prior (sbi's {@code resample}
 * initialisation): chain c draws K candidates θ_1 … θ_K from the prior with its own generator
 * and keeps θ_k with probability w_k/Σw, w_k = π(θ_k)/p(θ_k) (for a posterior
 * π ∝ L·p, the likelihood). The candidates of all chains are evaluated in one batch.
 */
final class SirStarts {

    /** The starts (chains × dim) and the prior spread per coordinate (initial widths). */
    record Starts(double[] points, double[] spread, long evaluations) {
    }

    private SirStarts() {
    }

    static Starts draw(LogDensity target, Prior prior, int candidates,
                       UniformRandomProvider[] rng) {
        int d = prior.dim();
        int chains = rng.length;
        int n = chains * candidates;
        double[] points = new double[n * d];
        double[] logPrior = new double[n];
        float[] one = new float[d];
        Prior.Sampler[] samplers = new Prior.Sampler[chains];
        for (int c = 0; c < chains; c++) {
            samplers[c] = prior.sampler(rng[c]);
            for (int k = 0; k < candidates; k++) {
                int i = c * candidates + k;
                samplers[c].sample(one, 0);
                logPrior[i] = prior.logProb(one, 0);
                for (int j = 0; j < d; j++) {
                    points[i * d + j] = one[j];
                }
            }
        }
        double[] lp = new double[n];
        target.logDensity(points, n, lp);
        double[] starts = new double[chains * d];
        for (int c = 0; c < chains; c++) {
            int pick = resample(lp, logPrior, c * candidates, candidates, rng[c]);
            if (pick < 0) {
                throw new IllegalArgumentException("MCMC: none of the " + candidates + " prior "
                        + "draws of chain " + c + " has a finite log density; the target is "
                        + "-inf (or NaN) where the prior puts its mass");
            }
            System.arraycopy(points, pick * d, starts, c * d, d);
        }
        return new Starts(starts, spread(points, n, d), n);
    }

    /** Index of the candidate drawn with weights exp(lp − logPrior), or −1 if all are 0. */
    private static int resample(double[] lp, double[] logPrior, int from, int k,
                                UniformRandomProvider rng) {
        double max = Double.NEGATIVE_INFINITY;
        double[] lw = new double[k];
        for (int i = 0; i < k; i++) {
            double v = lp[from + i] - logPrior[from + i];
            lw[i] = Double.isNaN(v) || !Double.isFinite(lp[from + i])
                    ? Double.NEGATIVE_INFINITY : v;
            max = Math.max(max, lw[i]);
        }
        double u = rng.nextDouble();
        if (max == Double.NEGATIVE_INFINITY) {
            return -1;
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += Math.exp(lw[i] - max);
        }
        double acc = 0;
        for (int i = 0; i < k; i++) {
            acc += Math.exp(lw[i] - max);
            if (u * total < acc) {
                return from + i;
            }
        }
        for (int i = k - 1; i >= 0; i--) { // rounding at the end of the sum
            if (lw[i] > Double.NEGATIVE_INFINITY) {
                return from + i;
            }
        }
        return -1;
    }

    /** Standard deviation of each coordinate over the n points (1 where not positive). */
    static double[] spread(double[] points, int n, int d) {
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += points[i * d + j] / n;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (points[i * d + j] - mean) * (points[i * d + j] - mean);
            }
            sd[j] = n > 1 ? Math.sqrt(s / (n - 1)) : 0;
            if (!(sd[j] > 0) || !Double.isFinite(sd[j])) {
                sd[j] = 1;
            }
        }
        return sd;
    }
}
