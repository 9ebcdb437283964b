package org.sbi4j.diagnostics;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Uniformity test of one vector of SBC ranks on {0, …, L}, with the shape of any departure.
 *
 * <p>Four statistics, each with a p-value under H₀: rank ~ discrete-uniform{0, …, L}:
 * <ul>
 * <li>Kolmogorov–Smirnov on the randomised ranks uᵢ = (rᵢ + Vᵢ)/(L+1), Vᵢ ~ U(0,1): under H₀ the
 *     uᵢ are exactly U(0,1), so the continuous KS p-value is exact (the usual KS p-value on
 *     discrete data would be conservative);</li>
 * <li>Pearson χ² on B = clamp(N/5, 2, min(20, L+1)) bins (rank r → bin ⌊rB/(L+1)⌋), expected
 *     counts proportional to the number of rank values per bin;</li>
 * <li>mean normalised rank m = mean((rᵢ + ½)/(L+1)), z_mean = (m − ½)/√(((L+1)²−1)/(12(L+1)²N));</li>
 * <li>outer fraction f = share of normalised ranks below ¼ or above ¾, compared to its exact
 *     value p₀ under H₀ (≈ ½): z_outer = (f − p₀)/√(p₀(1−p₀)/N).</li>
 * </ul>
 * The combined p-value is the Bonferroni minimum 4·min(p); the verdict names the test with the
 * smallest p (the deciding one), its p, the combined p and the threshold. When it falls below the caller's
 * threshold, the shape is the larger of |z_mean| (skew: bias) and |z_outer| (U: z_outer &gt; 0,
 * over-confident; ∩: z_outer &lt; 0, under-confident), provided that z alone is significant
 * (4·p(z) below the threshold); otherwise the shape is {@link RankShape#IRREGULAR}.
 *
 * @param name                  the parameter name, or "joint log-density"
 * @param joint                 true for joint log-density ranks (the verdict reads differently)
 * @param ksPValue              Kolmogorov–Smirnov p-value
 * @param chiSquarePValue       χ² p-value
 * @param meanRank              mean normalised rank m (½ expected)
 * @param outerFraction         f (expectedOuterFraction expected)
 * @param expectedOuterFraction p₀
 * @param zMean                 z_mean
 * @param zOuter                z_outer
 * @param pValue                combined (Bonferroni over the four tests) p-value
 * @param threshold             the level pValue is compared to
 * @param shape                 the shape
 * @param verdict               the finding in plain words
 */
public record RankCheck(String name, boolean joint, double ksPValue, double chiSquarePValue,
                       double meanRank, double outerFraction, double expectedOuterFraction,
                       double zMean, double zOuter, double pValue, double threshold,
                       RankShape shape, String verdict) {

    private static final int TESTS = 4;

    /** The four tests, in the order their p-values are combined. */
    private static final String[] TEST_NAMES = {"Kolmogorov-Smirnov", "chi-square",
        "mean-rank z", "outer-fraction z"};

    /** True if uniformity is rejected. */
    public boolean rejected() {
        return shape != RankShape.UNIFORM;
    }

    /**
     * Tests the ranks for uniformity at the given per-test level.
     *
     * @param ranks     N ranks in [0, L]
     * @param l         L, the number of posterior samples per pair
     * @param threshold the level (already corrected for the number of parameters)
     * @param rng       draws the KS randomisation
     */
    public static RankCheck of(String name, boolean joint, int[] ranks, int l, double threshold,
                              UniformRandomProvider rng) {
        int n = ranks.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 ranks, got " + n);
        }
        double lp1 = l + 1.0;
        double[] u = new double[n];
        double sum = 0;
        int outer = 0;
        for (int i = 0; i < n; i++) {
            if (ranks[i] < 0 || ranks[i] > l) {
                throw new IllegalArgumentException("rank " + ranks[i] + " outside [0, " + l + "]");
            }
            u[i] = (ranks[i] + rng.nextDouble()) / lp1;
            double mid = (ranks[i] + 0.5) / lp1;
            sum += mid;
            outer += isOuter(mid) ? 1 : 0;
        }
        double pKs = KolmogorovSmirnovTest.withDefaults()
                .test(u, v -> Math.min(1, Math.max(0, v))).getPValue();
        double pChi = chiSquare(ranks, l);
        double mean = sum / n;
        double zMean = (mean - 0.5) / Math.sqrt((lp1 * lp1 - 1) / (12 * lp1 * lp1 * n));
        double p0 = expectedOuter(l);
        double f = (double) outer / n;
        double zOuter = (f - p0) / Math.sqrt(p0 * (1 - p0) / n);
        double[] ps = {pKs, pChi, Stats.twoSidedP(zMean), Stats.twoSidedP(zOuter)};
        int decider = 0;
        for (int k = 1; k < TESTS; k++) {
            decider = ps[k] < ps[decider] ? k : decider;
        }
        double p = Math.min(1, TESTS * ps[decider]);
        RankShape shape = shape(p, zMean, zOuter, threshold);
        String decided = String.format(Locale.ROOT, "; deciding test: %s, p = %s, x%d tests ="
                        + " %s %s the corrected threshold %s", TEST_NAMES[decider],
                Stats.fmt(ps[decider]), TESTS, Stats.fmt(p), p < threshold ? "<" : ">=",
                Stats.fmt(threshold));
        return new RankCheck(name, joint, pKs, pChi, mean, f, p0, zMean, zOuter, p, threshold,
                shape, verdict(name, joint, shape, pKs, pChi, mean, f, p0, decided));
    }

    private static boolean isOuter(double u) {
        return u < 0.25 || u > 0.75;
    }

    /** Exact share of rank values r ∈ {0..L} with (r+½)/(L+1) outside [¼, ¾]. */
    static double expectedOuter(int l) {
        int c = 0;
        for (int r = 0; r <= l; r++) {
            c += isOuter((r + 0.5) / (l + 1.0)) ? 1 : 0;
        }
        return (double) c / (l + 1);
    }

    /** Number of χ² bins for N ranks on {0..L}. */
    static int bins(int n, int l) {
        return Math.max(2, Math.min(Math.min(20, l + 1), n / 5));
    }

    private static double chiSquare(int[] ranks, int l) {
        int b = bins(ranks.length, l);
        int[] h = SbcRanks.histogram(ranks, l, b);
        long[] observed = new long[b];
        double[] expected = new double[b];
        for (int r = 0; r <= l; r++) {
            expected[(int) ((long) r * b / (l + 1))] += 1;
        }
        for (int k = 0; k < b; k++) {
            observed[k] = h[k];
        }
        return ChiSquareTest.withDefaults().test(expected, observed).getPValue();
    }

    private static RankShape shape(double p, double zMean, double zOuter, double threshold) {
        if (!(p < threshold)) {
            return RankShape.UNIFORM;
        }
        boolean skew = Math.abs(zMean) >= Math.abs(zOuter);
        double z = skew ? zMean : zOuter;
        if (!(TESTS * Stats.twoSidedP(z) < threshold)) {
            return RankShape.IRREGULAR;
        }
        if (skew) {
            return zMean > 0 ? RankShape.SKEWED_HIGH : RankShape.SKEWED_LOW;
        }
        return zOuter > 0 ? RankShape.U_SHAPED : RankShape.CAP_SHAPED;
    }

    private static String verdict(String name, boolean joint, RankShape shape, double pKs,
                                  double pChi, double mean, double f, double p0,
                                  String decided) {
        String stats = String.format(Locale.ROOT,
                " (KS p = %s, chi-square p = %s, mean normalised rank %.2f vs 0.50, "
                        + "%.0f%% of ranks in the outer half vs %.0f%%%s)",
                Stats.fmt(pKs), Stats.fmt(pChi), mean, 100 * f, 100 * p0, decided);
        String what = switch (shape) {
            case UNIFORM -> "consistent with calibration";
            case U_SHAPED -> joint ? "not uniform, U-shaped (no simple reading for joint ranks)"
                    : "U-shaped: over-confident, the posteriors are too narrow";
            case CAP_SHAPED -> joint ? "not uniform, cap-shaped (no simple reading for joint ranks)"
                    : "cap-shaped: under-confident, the posteriors are too wide";
            case SKEWED_HIGH -> joint
                    ? "skewed to high ranks: the true values sit in higher posterior density than"
                    + " the samples do: under-confident, the posteriors are too wide"
                    : "skewed to high ranks: the true value tends to lie above the posterior:"
                    + " the posterior is biased low (underestimates " + name + ")";
            case SKEWED_LOW -> joint
                    ? "skewed to low ranks: the true values sit in lower posterior density than"
                    + " the samples do: over-confident (too narrow) or biased"
                    : "skewed to low ranks: the true value tends to lie below the posterior:"
                    + " the posterior is biased high (overestimates " + name + ")";
            case IRREGULAR -> "not uniform, with no simple U, cap or skew shape";
        };
        return name + ": " + what + stats;
    }
}
