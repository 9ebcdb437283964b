package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;

/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari &amp; Gelman 2018,
 * arXiv:1804.06788).
 *
 * <p>For N test pairs (θᵢ, xᵢ) with θᵢ ~ p(θ), xᵢ ~ p(x | θᵢ) (drawn by the caller), draw L
 * samples from q(θ | xᵢ) and record the rank of θᵢ among them ({@link SbcRanks}); if q is the
 * true posterior the ranks are uniform. The same draws give TARP values ({@link Tarp}) and, with
 * a density, highest-density coverage ({@link Coverage}), so one posterior run feeds all three.
 */
public final class Sbc {

    /** Default number of test pairs N (Talts et al. use about 1,000). */
    public static final int DEFAULT_PAIRS = 1000;
    /** Default number of posterior samples per pair L. */
    public static final int DEFAULT_SAMPLES = 1000;
    /** Default family-wise false-alarm rate. */
    public static final double DEFAULT_ALPHA = 0.01;

    private Sbc() {
    }

    /**
     * As {@link #ranks(Matrix, Matrix, PosteriorSampler, PosteriorDensity, int, int,
     * UniformRandomProvider)} on one thread.
     */
    public static SbcRanks ranks(Matrix theta, Matrix x, PosteriorSampler sampler,
                                 PosteriorDensity density, int samplesPerPair,
                                 UniformRandomProvider rng) {
        return ranks(theta, x, sampler, density, samplesPerPair, 1, rng);
    }

    /**
     * Draws L posterior samples per test pair and ranks the truth.
     *
     * <p>TARP reference points θ_ref,i are drawn uniformly in the bounding box of the test θ's,
     * and distances are taken after scaling each parameter to that box (as sbi does). The TARP
     * value is (#closer + ½)/(L + 1), uniform on a fine grid under calibration. The joint rank
     * takes the samples' log-densities from {@link PosteriorSampler#sampleAndLogProb}.
     *
     * <p>Pair i draws from its own generator, seeded from (one draw of rng, i): the ranks are the
     * same for any number of threads.
     *
     * @param theta          N×D true parameters
     * @param x              N×dim x observations, row i simulated from θᵢ
     * @param sampler        the posterior to test (called from several threads when threads &gt; 1)
     * @param density        its log-density (for joint ranks and HPD coverage), or null
     * @param samplesPerPair L
     * @param threads        pairs processed in parallel (≥ 1)
     * @param rng            the references, then one seed for the pairs' generators
     */
    public static SbcRanks ranks(Matrix theta, Matrix x, PosteriorSampler sampler,
                                 PosteriorDensity density, int samplesPerPair, int threads,
                                 UniformRandomProvider rng) {
        int n = theta.rows();
        int d = theta.cols();
        if (x.rows() != n) {
            throw new IllegalArgumentException("theta has " + n + " rows but x has " + x.rows());
        }
        if (samplesPerPair < 1) {
            throw new IllegalArgumentException("samplesPerPair must be >= 1, got " + samplesPerPair);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        double[] lo = new double[d];
        double[] scale = new double[d];
        box(theta, lo, scale);
        double[][] ref = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                ref[i][j] = rng.nextDouble();
            }
        }
        long pairSeed = rng.nextLong();
        int[][] ranks = new int[n][d];
        int[] joint = density == null ? null : new int[n];
        double[] tarp = new double[n];
        Parallel.forEach(n, threads, i -> {
            float[] xi = x.row(i);
            UniformRandomProvider r = SimulationStreams.streamFor(pairSeed, i);
            Matrix s;
            if (density != null) {
                PosteriorSampler.Scored sc = sampler.sampleAndLogProb(xi, samplesPerPair, r, density);
                s = checkShape(sc.theta(), samplesPerPair, d);
                Matrix truth = Matrix.of(1, d);
                System.arraycopy(theta.data(), theta.rowOffset(i), truth.data(), 0, d);
                joint[i] = jointRank(sc.logProb(), density.logProb(truth, xi), samplesPerPair);
            } else {
                s = checkShape(sampler.sample(xi, samplesPerPair, r), samplesPerPair, d);
            }
            int ti = theta.rowOffset(i);
            float[] t = theta.data();
            float[] a = s.data();
            double dTrue = dist(t, ti, lo, scale, ref[i]);
            int closer = 0;
            for (int l = 0; l < samplesPerPair; l++) {
                int o = s.rowOffset(l);
                for (int j = 0; j < d; j++) {
                    ranks[i][j] += a[o + j] < t[ti + j] ? 1 : 0;
                }
                closer += dist(a, o, lo, scale, ref[i]) < dTrue ? 1 : 0;
            }
            tarp[i] = (closer + 0.5) / (samplesPerPair + 1.0);
        });
        return new SbcRanks(samplesPerPair, ranks, joint, tarp);
    }

    private static Matrix checkShape(Matrix s, int rows, int d) {
        if (s.rows() != rows || s.cols() != d) {
            throw new IllegalArgumentException("sampler returned " + s.shape() + ", expected "
                    + rows + "x" + d);
        }
        return s;
    }

    /**
     * Tests the ranks for uniformity: every parameter and the joint rank at level α/m, with m
     * the number of tests (Bonferroni), so a calibrated posterior is called miscalibrated with
     * probability at most α.
     *
     * @param names parameter names (D of them)
     * @param alpha family-wise false-alarm rate
     * @param rng   draws the KS randomisation
     */
    public static SbcResult test(SbcRanks ranks, List<String> names, double alpha,
                                 UniformRandomProvider rng) {
        Stats.checkAlpha(alpha);
        if (names.size() != ranks.dim()) {
            throw new IllegalArgumentException(names.size() + " names for " + ranks.dim()
                    + " parameters: " + names);
        }
        int m = ranks.dim() + (ranks.hasJoint() ? 1 : 0);
        double level = alpha / m;
        int l = ranks.samplesPerPair();
        List<RankCheck> tests = new ArrayList<>();
        for (int j = 0; j < ranks.dim(); j++) {
            tests.add(RankCheck.of(names.get(j), false, ranks.ranksOf(j), l, level, rng));
        }
        RankCheck joint = ranks.hasJoint()
                ? RankCheck.of("joint log-density", true, ranks.jointRanks(), l, level, rng) : null;
        return new SbcResult(ranks, names, alpha, tests, joint, verdict(ranks, alpha, tests, joint));
    }

    /** {@link #ranks} then {@link #test} with the same rng. */
    public static SbcResult run(Matrix theta, Matrix x, PosteriorSampler sampler,
                                PosteriorDensity density, int samplesPerPair, List<String> names,
                                double alpha, UniformRandomProvider rng) {
        return test(ranks(theta, x, sampler, density, samplesPerPair, rng), names, alpha, rng);
    }

    private static String verdict(SbcRanks r, double alpha, List<RankCheck> tests, RankCheck joint) {
        List<RankCheck> all = new ArrayList<>(tests);
        if (joint != null) {
            all.add(joint);
        }
        String head = "SBC with N = " + r.pairs() + " pairs and L = " + r.samplesPerPair()
                + " samples each, family-wise false-alarm rate " + Stats.fmt(alpha)
                + " (each of the " + all.size() + " rank tests at the corrected threshold "
                + Stats.fmt(alpha) + "/" + all.size() + " = " + Stats.fmt(alpha / all.size())
                + "): ";
        List<String> bad = all.stream().filter(RankCheck::rejected).map(RankCheck::verdict).toList();
        if (bad.isEmpty()) {
            RankCheck closest = all.stream().min(java.util.Comparator
                    .comparingDouble(RankCheck::pValue)).orElseThrow();
            return head + "consistent with calibration (no rank test rejects uniformity; the"
                    + " smallest combined p is " + Stats.fmt(closest.pValue()) + ", "
                    + closest.name() + ", >= " + Stats.fmt(closest.threshold()) + ").";
        }
        return head + "NOT calibrated. " + String.join("; ", bad) + ".";
    }

    private static int jointRank(double[] lp, double[] truth, int l) {
        if (lp.length != l || truth.length != 1) {
            throw new IllegalArgumentException("density returned " + lp.length + " and "
                    + truth.length + " values for " + l + " samples and 1 true value");
        }
        int rank = 0;
        for (int k = 0; k < l; k++) {
            rank += lp[k] < truth[0] ? 1 : 0;
        }
        return rank;
    }

    private static void box(Matrix theta, double[] lo, double[] scale) {
        int d = theta.cols();
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < theta.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double v = theta.get(i, j);
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = hi[j] > lo[j] ? hi[j] - lo[j] : 1;
        }
    }

    /** Squared distance between a point (box-scaled) and a reference in the unit box. */
    private static double dist(float[] a, int o, double[] lo, double[] scale, double[] ref) {
        double s = 0;
        for (int j = 0; j < ref.length; j++) {
            double v = (a[o + j] - lo[j]) / scale[j] - ref[j];
            s += v * v;
        }
        return s;
    }
}
