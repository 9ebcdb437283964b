package org.sbi4j.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Simultaneous confidence bands for the empirical CDF of SBC ranks (Säilynoja, Bürkner &amp;
 * Vehtari 2022, "Graphical test for discrete uniformity", Statistics and Computing 32:32).
 *
 * <p>N ranks on {0, …, L} are compared with the discrete uniform law at K = min(N, L + 1, 100)
 * thresholds t_k = ⌈k(L + 1)/K⌉, k = 1 … K − 1: under uniformity the count c_k = #{rᵢ &lt; t_k}
 * is Binomial(N, p_k) with p_k = t_k/(L + 1) exactly. Pointwise bands at level γ are the
 * binomial γ/2 and 1 − γ/2 quantiles; γ is chosen by simulating {@value #SIMULATIONS} uniform
 * rank sets so that all K − 1 counts of a uniform set lie inside with probability 1 − α, i.e. γ is
 * the α-quantile of the smallest pointwise two-sided tail probability over k. The ranks fail the
 * test when one count leaves its band; the family-wise false-alarm rate is α (up to the
 * simulation's resolution, 1/{@value #SIMULATIONS}). The band drawn is the pointwise binomial
 * quantiles at γ; the decision uses the same tail probabilities as the simulation.
 */
public final class EcdfBands {

    /** Uniform rank sets simulated to adjust the pointwise level. */
    static final int SIMULATIONS = 2000;
    /** Most thresholds. */
    static final int MAX_POINTS = 100;

    private EcdfBands() {
    }

    /**
     * The band and its verdict.
     *
     * @param name       what the ranks are of
     * @param levels     p_k, the uniform CDF at each threshold
     * @param ecdf       the ranks' empirical CDF at each threshold
     * @param lower      lower end of the simultaneous band (a share)
     * @param upper      upper end
     * @param gamma      the adjusted pointwise level
     * @param alpha      family-wise false-alarm rate
     * @param inside     true if the ECDF stays within the band everywhere
     * @param verdict    the finding in plain words
     */
    public record Result(String name, double[] levels, double[] ecdf, double[] lower, double[] upper,
                         double gamma, double alpha, boolean inside, String verdict) {
        public Result {
            levels = levels.clone();
            ecdf = ecdf.clone();
            lower = lower.clone();
            upper = upper.clone();
        }
    }

    /**
     * @param name  what the ranks are of (for the verdict)
     * @param ranks N ranks in [0, L]
     * @param l     L
     * @param alpha family-wise false-alarm rate in (0, 1)
     * @param rng   the uniform rank sets of the simulation
     */
    public static Result test(String name, int[] ranks, int l, double alpha,
                              UniformRandomProvider rng) {
        Stats.checkAlpha(alpha);
        int n = ranks.length;
        if (n < 2 || l < 1) {
            throw new IllegalArgumentException("need at least 2 ranks and L >= 1, got " + n
                    + " ranks, L = " + l);
        }
        int k = Math.min(Math.min(n, l + 1), MAX_POINTS);
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 thresholds, got " + k);
        }
        int[] t = new int[k - 1];
        double[] p = new double[k - 1];
        BinomialDistribution[] law = new BinomialDistribution[k - 1];
        double[][] tails = new double[k - 1][n + 1];
        for (int j = 0; j < k - 1; j++) {
            t[j] = (int) Math.ceil((j + 1) * (l + 1.0) / k);
            p[j] = t[j] / (l + 1.0);
            law[j] = BinomialDistribution.of(n, p[j]);
            for (int c = 0; c <= n; c++) {
                tails[j][c] = tail(c, law[j]);
            }
        }
        double[] minTail = new double[SIMULATIONS];
        int[] sim = new int[n];
        for (int s = 0; s < SIMULATIONS; s++) {
            for (int i = 0; i < n; i++) {
                sim[i] = rng.nextInt(l + 1);
            }
            minTail[s] = smallestTail(counts(sim, t, l), tails);
        }
        Arrays.sort(minTail);
        double gamma = minTail[Math.max(0, (int) Math.floor(alpha * SIMULATIONS) - 1)];
        int[] c = counts(ranks, t, l);
        double[] ecdf = new double[k - 1];
        double[] lo = new double[k - 1];
        double[] hi = new double[k - 1];
        boolean inside = true;
        int worst = -1;
        for (int j = 0; j < k - 1; j++) {
            ecdf[j] = c[j] / (double) n;
            lo[j] = law[j].inverseCumulativeProbability(gamma / 2) / (double) n;
            hi[j] = law[j].inverseSurvivalProbability(gamma / 2) / (double) n;
            if (tails[j][c[j]] < gamma) {
                inside = false;
                worst = worst < 0 || tails[j][c[j]] < tails[worst][c[worst]] ? j : worst;
            }
        }
        String verdict = inside
                ? String.format(Locale.ROOT, "%s: the rank ECDF stays within the %s %% "
                        + "simultaneous band at all %d points: consistent with calibration",
                name, Stats.percent(1 - alpha), k - 1)
                : String.format(Locale.ROOT, "%s: the rank ECDF leaves the %s %% simultaneous "
                        + "band (at %.3g: %.3g against [%.3g, %.3g]): NOT calibrated", name,
                Stats.percent(1 - alpha), p[worst], ecdf[worst], lo[worst], hi[worst]);
        return new Result(name, p, ecdf, lo, hi, gamma, alpha, inside, verdict);
    }

    private static int[] counts(int[] ranks, int[] t, int l) {
        int[] hist = new int[l + 2];
        for (int r : ranks) {
            if (r < 0 || r > l) {
                throw new IllegalArgumentException("rank " + r + " outside [0, " + l + "]");
            }
            hist[r + 1]++;
        }
        for (int i = 1; i < hist.length; i++) {
            hist[i] += hist[i - 1];
        }
        int[] c = new int[t.length];
        for (int j = 0; j < t.length; j++) {
            c[j] = hist[t[j]];
        }
        return c;
    }

    /** Two-sided binomial tail probability of count c: 2·min(P(X ≤ c), P(X ≥ c)), at most 1. */
    private static double tail(int c, BinomialDistribution law) {
        return Math.min(1, 2 * Math.min(law.cumulativeProbability(c),
                law.survivalProbability(c - 1)));
    }

    private static double smallestTail(int[] c, double[][] tails) {
        double m = 1;
        for (int j = 0; j < c.length; j++) {
            m = Math.min(m, tails[j][c[j]]);
        }
        return m;
    }
}
