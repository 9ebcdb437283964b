package org.sbi4j.tasks.mcmc;

import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.tensor.Matrix;

/**
 * Adaptive random-walk Metropolis (Haario, Saksman &amp; Tamminen, "An adaptive Metropolis
 * algorithm", Bernoulli 7 (2001) 223–242), with the adaptation frozen after burn-in so the kept
 * chain is a plain (reversible) Metropolis chain.
 *
 * <p>Proposal θ' = θ + s L ε, ε ~ N(0, I), with L the Cholesky factor of the running covariance
 * of the chain during burn-in (plus 1e-8 I), refreshed every 100 steps, and the scale s tuned by
 * Robbins–Monro towards an acceptance rate of 0.234 (Roberts, Gelman &amp; Gilks 1997), starting
 * at 2.38/√d. Accept with probability min(1, exp(log π(θ') − log π(θ))). Kept samples: every
 * {@code thin}-th state after burn-in. All randomness comes from the rng passed in.
 */
public final class Metropolis {

    /** The chain's output. */
    public record Result(Matrix samples, double acceptanceRate) {
    }

    private final ToDoubleFunction<double[]> logDensity;
    private final int burnIn;
    private final int thin;

    private Metropolis(ToDoubleFunction<double[]> logDensity, int burnIn, int thin) {
        this.logDensity = logDensity;
        this.burnIn = burnIn;
        this.thin = thin;
    }

    /**
     * @param logDensity unnormalised log π(θ) (−∞ outside the support)
     * @param burnIn     adaptation steps discarded (≥ 200)
     * @param thin       keep every thin-th state (≥ 1)
     */
    public static Metropolis of(ToDoubleFunction<double[]> logDensity, int burnIn, int thin) {
        if (logDensity == null) {
            throw new IllegalArgumentException("log density is missing");
        }
        if (burnIn < 200 || thin < 1) {
            throw new IllegalArgumentException("need burnIn >= 200 and thin >= 1, got " + burnIn
                    + " and " + thin);
        }
        return new Metropolis(logDensity, burnIn, thin);
    }

    /** Runs one chain from {@code start} (finite log π) and keeps n samples (n×d). */
    public Result run(double[] start, int n, UniformRandomProvider rng) {
        int d = start.length;
        double[] cur = start.clone();
        double lp = logDensity.applyAsDouble(cur);
        if (!Double.isFinite(lp)) {
            throw new IllegalArgumentException("log density at the start point is " + lp);
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] chol = identity(d);
        double logScale = Math.log(2.38 / Math.sqrt(d));
        double[] mean = new double[d];
        double[][] m2 = new double[d][d];
        double[] prop = new double[d];
        double[] eps = new double[d];
        Matrix out = Matrix.of(n, d);
        long accepted = 0;
        long total = (long) burnIn + (long) n * thin;
        int kept = 0;
        for (long step = 0; step < total; step++) {
            for (int j = 0; j < d; j++) {
                eps[j] = g.sample();
            }
            double s = Math.exp(logScale);
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int j = 0; j <= i; j++) {
                    v += chol[i][j] * eps[j];
                }
                prop[i] = cur[i] + s * v;
            }
            double lq = logDensity.applyAsDouble(prop);
            boolean accept = lq - lp >= 0 || Math.log(rng.nextDouble()) < lq - lp;
            if (accept) {
                System.arraycopy(prop, 0, cur, 0, d);
                lp = lq;
            }
            if (step < burnIn) {
                logScale += ((accept ? 1 : 0) - 0.234) / Math.sqrt(step + 1.0);
                welford(cur, mean, m2, step + 1);
                if (step >= 2L * d && (step + 1) % 100 == 0) {
                    chol = cholesky(m2, step + 1, chol);
                }
            } else {
                accepted += accept ? 1 : 0;
                if ((step - burnIn + 1) % thin == 0) {
                    for (int j = 0; j < d; j++) {
                        out.set(kept, j, (float) cur[j]);
                    }
                    kept++;
                }
            }
        }
        return new Result(out, accepted / (double) (total - burnIn));
    }

    private static void welford(double[] x, double[] mean, double[][] m2, long count) {
        int d = x.length;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / count;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m2[i][j] += delta[i] * (x[j] - mean[j]);
            }
        }
    }

    /** Lower Cholesky factor of m2/(count−1) + 1e-8 I, or {@code fallback} if not positive definite. */
    private static double[][] cholesky(double[][] m2, long count, double[][] fallback) {
        int d = m2.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m2[i][j] / (count - 1) + (i == j ? 1e-8 : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return fallback;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
