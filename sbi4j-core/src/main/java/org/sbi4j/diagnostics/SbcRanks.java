package org.sbi4j.diagnostics;

import java.util.Arrays;

/**
 * The raw output of a simulation-based-calibration run: for every test pair (θᵢ, xᵢ), the rank
 * of the true value among L posterior samples, per parameter and for the joint log-density, and
 * the TARP coverage value. An immutable value (arrays are copied in and out).
 *
 * <p>Rank of parameter j: rᵢⱼ = #{l : θ⁽ˡ⁾ᵢⱼ &lt; θᵢⱼ} ∈ {0, …, L}. Joint rank:
 * #{l : log q(θ⁽ˡ⁾ᵢ | xᵢ) &lt; log q(θᵢ | xᵢ)}. Under a calibrated posterior every rank is
 * discrete-uniform on {0, …, L} (Talts et al. 2018, arXiv:1804.06788, Theorem 1).
 *
 * @param samplesPerPair L, the number of posterior samples per test pair
 * @param ranks          N×D ranks, ranks[i][j] for pair i and parameter j
 * @param jointRanks     N joint log-density ranks, or null if no density was given
 * @param tarpValues     N TARP values fᵢ ∈ [0, 1] (Lemos et al. 2023, arXiv:2302.03026)
 */
public record SbcRanks(int samplesPerPair, int[][] ranks, int[] jointRanks, double[] tarpValues) {

    public SbcRanks {
        if (samplesPerPair < 1) {
            throw new IllegalArgumentException("samplesPerPair must be >= 1, got " + samplesPerPair);
        }
        if (ranks.length == 0) {
            throw new IllegalArgumentException("no test pairs");
        }
        int d = ranks[0].length;
        ranks = ranks.clone();
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i].length != d) {
                throw new IllegalArgumentException("pair " + i + " has " + ranks[i].length
                        + " ranks, pair 0 has " + d);
            }
            ranks[i] = ranks[i].clone();
            for (int r : ranks[i]) {
                checkRank(r, samplesPerPair);
            }
        }
        if (jointRanks != null) {
            checkLength("jointRanks", jointRanks.length, ranks.length);
            jointRanks = jointRanks.clone();
            for (int r : jointRanks) {
                checkRank(r, samplesPerPair);
            }
        }
        if (tarpValues != null) {
            checkLength("tarpValues", tarpValues.length, ranks.length);
            tarpValues = tarpValues.clone();
        }
    }

    private static void checkRank(int r, int l) {
        if (r < 0 || r > l) {
            throw new IllegalArgumentException("rank " + r + " outside [0, " + l + "]");
        }
    }

    private static void checkLength(String what, int got, int n) {
        if (got != n) {
            throw new IllegalArgumentException(what + " has " + got + " entries for " + n
                    + " test pairs");
        }
    }

    /** N, the number of test pairs. */
    public int pairs() {
        return ranks.length;
    }

    /** D, the number of parameters. */
    public int dim() {
        return ranks[0].length;
    }

    /** The N ranks of parameter j. */
    public int[] ranksOf(int j) {
        if (j < 0 || j >= dim()) {
            throw new IllegalArgumentException("parameter index " + j + " outside [0, " + dim()
                    + ")");
        }
        int[] r = new int[ranks.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ranks[i][j];
        }
        return r;
    }

    /** True if joint log-density ranks are present. */
    public boolean hasJoint() {
        return jointRanks != null;
    }

    @Override
    public int[][] ranks() {
        int[][] c = ranks.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].clone();
        }
        return c;
    }

    @Override
    public int[] jointRanks() {
        return jointRanks == null ? null : jointRanks.clone();
    }

    @Override
    public double[] tarpValues() {
        return tarpValues == null ? null : tarpValues.clone();
    }

    /**
     * Histogram of ranks over {@code bins} bins of near-equal width on {0, …, L}: rank r goes to
     * bin ⌊r·bins/(L+1)⌋.
     */
    public static int[] histogram(int[] ranks, int samplesPerPair, int bins) {
        if (bins < 1 || bins > samplesPerPair + 1) {
            throw new IllegalArgumentException("bins must lie in [1, L+1 = " + (samplesPerPair + 1)
                    + "], got " + bins);
        }
        int[] h = new int[bins];
        for (int r : ranks) {
            h[(int) ((long) r * bins / (samplesPerPair + 1))]++;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SbcRanks s && s.samplesPerPair == samplesPerPair
                && Arrays.deepEquals(s.ranks, ranks) && Arrays.equals(s.jointRanks, jointRanks)
                && Arrays.equals(s.tarpValues, tarpValues);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(ranks) + Arrays.hashCode(jointRanks);
    }

    @Override
    public String toString() {
        return "SbcRanks[N=" + pairs() + ", D=" + dim() + ", L=" + samplesPerPair
                + (hasJoint() ? ", joint" : "") + "]";
    }
}
