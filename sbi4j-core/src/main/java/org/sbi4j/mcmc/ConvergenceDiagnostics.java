package org.sbi4j.mcmc;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Convergence diagnostics of M chains of one scalar quantity, each chain an array of N draws
 * ({@code chains[m][i]}, all chains of equal length).
 *
 * <p><b>Split R-hat</b> (Gelman et al., <i>Bayesian Data Analysis</i>, 3rd ed., §11.4): each
 * chain is cut into its first and second half (the middle draw dropped when N is odd), giving
 * M' = 2M chains of n = ⌊N/2⌋ draws with means θ̄_m and variances s²_m (divisor n − 1);
 * W = mean_m s²_m, B = n/(M' − 1)·Σ_m (θ̄_m − θ̄)², var⁺ = (n − 1)/n·W + B/n and
 * R̂ = √(var⁺/W). The rank-normalised version (Vehtari, Gelman, Simpson, Carpenter, Bürkner
 * 2021, "Rank-normalization, folding, and localization") replaces the draws by
 * z = Φ⁻¹((r − 3/8)/(S + 1/4)), r their pooled ranks (ties averaged) among all S = MN draws,
 * and takes the larger of R̂ of z and of the rank-normalised folded draws |θ − median|.
 *
 * <p><b>Effective sample size</b> (Geyer 1992's initial monotone sequence, as Stan computes
 * it; Stan Reference Manual, "Effective sample size"): with the per-chain autocovariances
 * γ_m(t) = (1/N)·Σ_{i&lt;N−t} (θ_{m,i} − θ̄_m)(θ_{m,i+t} − θ̄_m), W and var⁺ as above on the
 * chains given, ρ̂_t = 1 − (W − mean_m γ_m(t))/var⁺; the pair sums P_k = ρ̂_{2k} + ρ̂_{2k+1}
 * are kept while positive and made non-increasing (P_k ← min(P_k, P_{k−1})); τ = −1 + 2·Σ P_k
 * and ESS = MN/τ. <b>Bulk ESS</b> is this ESS of the rank-normalised split chains (Vehtari et
 * al. 2021). Stan's small corrections (an extra lag term at the end of the sum, the cap
 * ESS ≤ MN·log10(MN)) are not applied.
 */
public final class ConvergenceDiagnostics {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ConvergenceDiagnostics() {
    }

    /** Split R-hat (BDA3); needs N ≥ 4 draws per chain. */
    public static double splitRhat(double[][] chains) {
        return rhat(split(check(chains, 4)));
    }

    /** Rank-normalised split R-hat: the larger of the bulk and the folded (tail) value. */
    public static double rankNormalizedSplitRhat(double[][] chains) {
        double[][] c = check(chains, 4);
        double bulk = rhat(split(rankNormalize(c)));
        double median = median(c);
        double[][] folded = new double[c.length][];
        for (int m = 0; m < c.length; m++) {
            folded[m] = new double[c[m].length];
            for (int i = 0; i < c[m].length; i++) {
                folded[m][i] = Math.abs(c[m][i] - median);
            }
        }
        return Math.max(bulk, rhat(split(rankNormalize(folded))));
    }

    /** ESS of the chains as given (Geyer's initial monotone sequence); N ≥ 2. */
    public static double ess(double[][] chains) {
        return geyerEss(check(chains, 2));
    }

    /** Bulk ESS: the ESS of the rank-normalised split chains; N ≥ 4. */
    public static double bulkEss(double[][] chains) {
        return geyerEss(split(rankNormalize(check(chains, 4))));
    }

    /** The chains cut into halves: chain m's first half is chain 2m, its second 2m + 1. */
    static double[][] split(double[][] chains) {
        int n = chains[0].length / 2;
        int len = chains[0].length;
        double[][] out = new double[2 * chains.length][];
        for (int m = 0; m < chains.length; m++) {
            out[2 * m] = Arrays.copyOfRange(chains[m], 0, n);
            out[2 * m + 1] = Arrays.copyOfRange(chains[m], len - n, len);
        }
        return out;
    }

    /** z = Φ⁻¹((r − 3/8)/(S + 1/4)) of the pooled ranks r (1 … S, ties averaged). */
    static double[][] rankNormalize(double[][] chains) {
        int n = chains[0].length;
        int s = chains.length * n;
        double[] all = new double[s];
        for (int m = 0; m < chains.length; m++) {
            System.arraycopy(chains[m], 0, all, m * n, n);
        }
        Integer[] order = new Integer[s];
        for (int i = 0; i < s; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double[] rank = new double[s];
        for (int i = 0; i < s; ) {
            int j = i;
            while (j + 1 < s && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1; // ranks i+1 … j+1 averaged
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        double[][] z = new double[chains.length][n];
        for (int m = 0; m < chains.length; m++) {
            for (int i = 0; i < n; i++) {
                z[m][i] = STANDARD_NORMAL.inverseCumulativeProbability(
                        (rank[m * n + i] - 0.375) / (s + 0.25));
            }
        }
        return z;
    }

    /** √(var⁺/W) of the chains as given (no split). */
    static double rhat(double[][] c) {
        Moments mo = Moments.of(c);
        double w = mo.w();
        double varPlus = mo.varPlus();
        return w > 0 ? Math.sqrt(varPlus / w) : varPlus > 0 ? Double.POSITIVE_INFINITY : 1.0;
    }

    /**
     * Chain means, the mean within-chain variance W, the between-chain variance B (n times the
     * variance of the chain means; 0 for one chain) and var⁺ = (n − 1)/n · W + B/n.
     */
    private record Moments(double[] chainMean, double w, double b, double varPlus) {

        static Moments of(double[][] c) {
            int mCount = c.length;
            int n = c[0].length;
            double[] mean = new double[mCount];
            double w = 0;
            double grand = 0;
            for (int m = 0; m < mCount; m++) {
                mean[m] = mean(c[m]);
                grand += mean[m] / mCount;
                w += variance(c[m], mean[m]) / mCount;
            }
            double b = 0;
            for (int m = 0; m < mCount && mCount > 1; m++) {
                b += (mean[m] - grand) * (mean[m] - grand) * n / (mCount - 1.0);
            }
            return new Moments(mean, w, b, (n - 1.0) / n * w + b / n);
        }
    }

    private static double geyerEss(double[][] c) {
        int mCount = c.length;
        int n = c[0].length;
        Moments mo = Moments.of(c);
        double[] mean = mo.chainMean();
        double w = mo.w();
        double varPlus = mo.varPlus();
        if (!(varPlus > 0)) {
            return Double.NaN; // constant draws: no information about mixing
        }
        double sum = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double p = rho(c, mean, 2 * k, w, varPlus) + rho(c, mean, 2 * k + 1, w, varPlus);
            if (!(p > 0)) {
                break;
            }
            p = Math.min(p, previous);
            sum += p;
            previous = p;
        }
        double tau = -1 + 2 * sum;
        return mCount * (double) n / Math.max(tau, 1e-12);
    }

    /** ρ̂_t = 1 − (W − mean_m γ_m(t))/var⁺. */
    private static double rho(double[][] c, double[] mean, int t, double w, double varPlus) {
        double acov = 0;
        int n = c[0].length;
        for (int m = 0; m < c.length; m++) {
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (c[m][i] - mean[m]) * (c[m][i + t] - mean[m]);
            }
            acov += s / n / c.length;
        }
        return 1 - (w - acov) / varPlus;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    private static double median(double[][] c) {
        double[] all = Arrays.stream(c).flatMapToDouble(Arrays::stream).sorted().toArray();
        int s = all.length;
        return s % 2 == 1 ? all[s / 2] : (all[s / 2 - 1] + all[s / 2]) / 2;
    }

    private static double[][] check(double[][] chains, int minDraws) {
        if (chains == null || chains.length == 0) {
            throw new IllegalArgumentException("diagnostics need at least 1 chain");
        }
        int n = chains[0] == null ? 0 : chains[0].length;
        for (int m = 0; m < chains.length; m++) {
            if (chains[m] == null || chains[m].length != n) {
                throw new IllegalArgumentException("chain " + m + " has " + (chains[m] == null
                        ? "no" : chains[m].length) + " draws, chain 0 has " + n);
            }
            for (double v : chains[m]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("chain " + m + " holds " + v);
                }
            }
        }
        if (n < minDraws) {
            throw new IllegalArgumentException("diagnostics need at least " + minDraws
                    + " draws per chain, got " + n);
        }
        return chains;
    }
}
