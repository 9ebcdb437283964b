package org.sbi4j.diagnostics;

/**
 * Expected coverage of highest-density regions (HPD), from the joint log-density ranks.
 *
 * <p>The truth θᵢ lies in the α highest-density region of q(θ | xᵢ) iff the posterior mass with
 * higher density than θᵢ is below α. With L samples that mass is estimated from the joint rank
 * r (the number of samples with lower density) as (L − r + ½)/(L + 1), which is uniform on a
 * fine grid under calibration, so the covered share estimates α without a ½/L bias. Band:
 * Clopper–Pearson at confidence 1 − α_fw/K over K levels (Bonferroni), so a calibrated posterior
 * leaves the band anywhere with probability at most α_fw. See Hermans et al. 2022,
 * "A trust crisis in simulation-based inference?", arXiv:2110.06581, for the expected-coverage
 * diagnostic.
 */
public final class Coverage {

    private Coverage() {
    }

    /** The levels 0.05, 0.10, …, 0.95. */
    public static double[] defaultLevels() {
        double[] a = new double[19];
        for (int k = 0; k < a.length; k++) {
            a[k] = 0.05 * (k + 1);
        }
        return a;
    }

    /** HPD coverage from an SBC run with a density, at the default levels. */
    public static CoverageResult hpd(SbcRanks ranks, double alpha) {
        if (!ranks.hasJoint()) {
            throw new IllegalArgumentException("HPD coverage needs joint log-density ranks: run "
                    + "Sbc.ranks with a PosteriorDensity");
        }
        int l = ranks.samplesPerPair();
        int[] r = ranks.jointRanks();
        double[] mass = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            mass[i] = (l - r[i] + 0.5) / (l + 1.0);
        }
        return fromMass("highest-density region", mass, defaultLevels(), alpha);
    }

    /**
     * A coverage curve from per-pair "credible mass needed to reach the truth" values mᵢ ∈ [0,1]:
     * coverage(α) = share of pairs with mᵢ &lt; α.
     *
     * @param method a name for the region, used in the verdict
     * @param mass   N values
     * @param levels credibility levels in (0, 1)
     * @param alpha  family-wise false-alarm rate of the band
     */
    public static CoverageResult fromMass(String method, double[] mass, double[] levels,
                                          double alpha) {
        Stats.checkAlpha(alpha);
        int n = mass.length;
        if (n == 0) {
            throw new IllegalArgumentException("no test pairs");
        }
        int k = levels.length;
        double[] cov = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        for (int j = 0; j < k; j++) {
            if (!(levels[j] > 0 && levels[j] < 1)) {
                throw new IllegalArgumentException("credibility level must lie in (0, 1), got "
                        + levels[j]);
            }
            int c = 0;
            for (double m : mass) {
                c += m < levels[j] ? 1 : 0;
            }
            cov[j] = (double) c / n;
            double[] band = Stats.clopperPearson(c, n, alpha / k);
            lo[j] = band[0];
            hi[j] = band[1];
        }
        CoverageResult probe = new CoverageResult(method, n, levels, cov, lo, hi, alpha, "");
        return new CoverageResult(method, n, levels, cov, lo, hi, alpha, verdict(probe));
    }

    private static String verdict(CoverageResult c) {
        String head = "Expected coverage of the " + c.method() + " over N = " + c.pairs()
                + " pairs (band: family-wise false-alarm rate " + Stats.fmt(c.alpha())
                + "; mean coverage minus level " + Stats.fmt(c.meanDeviation()) + "): ";
        int below = c.levelsBelow();
        int above = c.levelsAbove();
        int k = c.levels().length;
        if (below == 0 && above == 0) {
            return head + "consistent with calibration: the curve follows the diagonal.";
        }
        if (above == 0) {
            return head + "coverage BELOW nominal at " + below + " of " + k + " levels: "
                    + "over-confident, the credible regions are too small (or misplaced).";
        }
        if (below == 0) {
            return head + "coverage ABOVE nominal at " + above + " of " + k + " levels: "
                    + "under-confident (conservative), the credible regions are too large.";
        }
        return head + "coverage above nominal at levels " + range(c, true) + " and below at "
                + range(c, false) + ": miscalibrated, crossing the diagonal (for TARP an "
                + "above-then-below S shape comes with over-confident posteriors).";
    }

    /** "lo–hi" of the levels whose nominal value lies below (above = true) or above the band. */
    private static String range(CoverageResult c, boolean above) {
        double[] lv = c.levels();
        double[] lo = c.lower();
        double[] hi = c.upper();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int k = 0; k < lv.length; k++) {
            if (above ? lv[k] < lo[k] : lv[k] > hi[k]) {
                first = Double.isNaN(first) ? lv[k] : first;
                last = lv[k];
            }
        }
        return first == last ? Stats.fmt(first) : Stats.fmt(first) + "-" + Stats.fmt(last);
    }
}
