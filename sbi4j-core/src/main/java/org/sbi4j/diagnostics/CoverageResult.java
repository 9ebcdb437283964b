package org.sbi4j.diagnostics;

/**
 * An expected-coverage curve: at each credibility level α, the share of test pairs whose true
 * value lies in the posterior's α-credible region, with a Clopper–Pearson band. On a calibrated
 * posterior the curve follows the diagonal. Immutable (arrays are copied in and out).
 *
 * @param method   how the region is defined, e.g. "highest-density region" or "TARP"
 * @param pairs    N, the number of test pairs
 * @param levels   credibility levels α (0.05, 0.10, …, 0.95 by default)
 * @param coverage empirical coverage per level
 * @param lower    lower end of the band per level
 * @param upper    upper end of the band per level
 * @param alpha    family-wise false-alarm rate of the band (Bonferroni over the levels)
 * @param verdict  the finding in plain words
 */
public record CoverageResult(String method, int pairs, double[] levels, double[] coverage,
                             double[] lower, double[] upper, double alpha, String verdict) {

    public CoverageResult {
        int k = levels.length;
        if (coverage.length != k || lower.length != k || upper.length != k) {
            throw new IllegalArgumentException("levels, coverage and band lengths differ: " + k
                    + ", " + coverage.length + ", " + lower.length + ", " + upper.length);
        }
        levels = levels.clone();
        coverage = coverage.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** Levels whose nominal value lies above the band: the regions cover too rarely. */
    public int levelsBelow() {
        int c = 0;
        for (int k = 0; k < levels.length; k++) {
            c += levels[k] > upper[k] ? 1 : 0;
        }
        return c;
    }

    /** Levels whose nominal value lies below the band: the regions cover too often. */
    public int levelsAbove() {
        int c = 0;
        for (int k = 0; k < levels.length; k++) {
            c += levels[k] < lower[k] ? 1 : 0;
        }
        return c;
    }

    /** True if every nominal level lies within the band. */
    public boolean calibrated() {
        return levelsBelow() == 0 && levelsAbove() == 0;
    }

    /** Mean of (coverage − level): negative when over-confident, positive when under-confident. */
    public double meanDeviation() {
        double s = 0;
        for (int k = 0; k < levels.length; k++) {
            s += coverage[k] - levels[k];
        }
        return s / levels.length;
    }
}
