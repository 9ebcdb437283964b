package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Guaranteed coverage by split-conformal recalibration of the credibility level of
 * highest-density regions.
 *
 * <p>For calibration pairs (θᵢ, xᵢ) from the prior predictive, held out from training, the
 * score sᵢ is the posterior mass above the truth's density, estimated from L samples as
 * (L − rᵢ + ½)/(L + 1) with rᵢ the joint rank ({@link SbcRanks#jointRanks}): the truth lies in
 * the level-β sample HPD region (the samples of highest density holding a share β) exactly
 * when sᵢ ≤ β. For a nominal level 1 − a the recalibrated level is β = s₍ₖ₎, the k-th smallest
 * score with k = ⌈(n + 1)(1 − a)⌉ (β = 1, the whole support, when k &gt; n). A new pair from the
 * same prior predictive is then exchangeable with the calibration pairs, so the level-β region
 * covers its truth with probability at least 1 − a for every n and whatever the estimator's
 * errors (Vovk et al. 2005; Angelopoulos &amp; Bates 2021): the guarantee is marginal over the
 * prior predictive, not conditional on one observation. An overconfident posterior gets β above
 * the nominal level, an underconfident one below it.
 */
public final class ConformalCoverage {

    /** The levels 0.5, 0.8, 0.9, 0.95, 0.99. */
    public static final double[] DEFAULT_LEVELS = {0.5, 0.8, 0.9, 0.95, 0.99};

    private ConformalCoverage() {
    }

    /**
     * Recalibrated levels.
     *
     * @param nominal  the requested coverage levels
     * @param adjusted the credibility level to use for each, in (0, 1]
     * @param pairs    calibration pairs n
     * @param verdict  the adjustment in plain words
     */
    public record Recalibration(double[] nominal, double[] adjusted, int pairs, String verdict) {

        public Recalibration {
            nominal = nominal.clone();
            adjusted = adjusted.clone();
        }

        @Override
        public double[] nominal() {
            return nominal.clone();
        }

        @Override
        public double[] adjusted() {
            return adjusted.clone();
        }

        /** The credibility level to use for the given nominal one (one of {@link #nominal}). */
        public double adjusted(double level) {
            for (int k = 0; k < nominal.length; k++) {
                if (nominal[k] == level) {
                    return adjusted[k];
                }
            }
            throw new IllegalArgumentException("level " + level + " was not recalibrated; the "
                    + "levels are " + Arrays.toString(nominal));
        }
    }

    /** Recalibrates {@code levels} on the joint ranks of an SBC run on held-out pairs. */
    public static Recalibration recalibrate(SbcRanks calibration, double[] levels) {
        if (!calibration.hasJoint()) {
            throw new IllegalArgumentException("conformal recalibration needs joint log-density "
                    + "ranks: run Sbc.ranks with a PosteriorDensity");
        }
        int l = calibration.samplesPerPair();
        int[] r = calibration.jointRanks();
        double[] s = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            s[i] = (l - r[i] + 0.5) / (l + 1.0);
        }
        Arrays.sort(s);
        double[] adj = new double[levels.length];
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < levels.length; k++) {
            adj[k] = level(s, levels[k]);
            parts.add(String.format(Locale.ROOT, "%s %% → %s %%", Stats.percent(levels[k]),
                    Stats.percent(adj[k])));
        }
        String verdict = "Conformal recalibration on " + r.length + " held-out simulations: to "
                + "cover the truth with at least the nominal probability over the prior "
                + "predictive, use highest-density regions at credibility " + String.join(", ",
                parts) + " (" + direction(levels, adj) + ").";
        return new Recalibration(levels, adj, r.length, verdict);
    }

    /**
     * The recalibrated level for one nominal level from sorted scores: the ⌈(n + 1)·level⌉-th
     * smallest, or 1 when that exceeds n.
     */
    static double level(double[] sortedScores, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("coverage level must lie in (0, 1), got " + level);
        }
        int n = sortedScores.length;
        // a tolerance so that (n + 1)·level landing on an integer is not pushed up by rounding
        int k = (int) Math.ceil((n + 1) * level - 1e-9);
        return k > n ? 1.0 : sortedScores[k - 1];
    }

    /**
     * The log-density threshold of the level-β sample highest-density region: a θ is in the
     * region when log q(θ) ≥ the returned value. {@code sampleLogProb} are log q of L posterior
     * samples; the region holds the ⌈β·L⌉ of highest density (all of them when β = 1).
     */
    public static double logDensityThreshold(double[] sampleLogProb, double level) {
        if (!(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("credibility level must lie in (0, 1], got "
                    + level);
        }
        if (sampleLogProb.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = sampleLogProb.clone();
        Arrays.sort(s);
        if (level == 1) {
            return Double.NEGATIVE_INFINITY;
        }
        int keep = Math.max(1, (int) Math.ceil(level * s.length - 1e-9));
        return s[s.length - keep];
    }

    private static String direction(double[] levels, double[] adj) {
        int up = 0;
        int down = 0;
        for (int k = 0; k < levels.length; k++) {
            up += adj[k] > levels[k] ? 1 : 0;
            down += adj[k] < levels[k] ? 1 : 0;
        }
        return up > 0 && down == 0 ? "levels raised: the posterior is overconfident"
                : down > 0 && up == 0 ? "levels lowered: the posterior is underconfident"
                : "levels adjusted both ways";
    }
}
