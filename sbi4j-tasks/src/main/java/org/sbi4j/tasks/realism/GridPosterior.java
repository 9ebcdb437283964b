package org.sbi4j.tasks.realism;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * A posterior in 2 or 3 working coordinates z with exact sampling from a grid envelope: the
 * reference method of the realism tasks. f(z) is the unnormalised log density (prior ×
 * likelihood, nuisance parameters already integrated out, the Jacobian of the map to z
 * included; −∞ outside the support).
 *
 * <p>Building, in two stages:
 * <ol>
 *   <li>Search ({@link GridSearch}): a {@code searchPoints}^d grid on the box [lo, hi], shrunk to
 *       the cells with f &gt; max f − 30 until it stops shrinking; the e^f-weighted mean m and
 *       covariance C of the last pass describe where the mass lies.</li>
 *   <li>Envelope: f on the (n+1)^d corners of an affine grid z = m + L u, L Lᵀ = C,
 *       u ∈ [−K, K]^d with n = {@code finePoints} cells per axis; K = 8 at first, ×1.5 while a
 *       boundary corner has f &gt; max f − 20 (else IllegalStateException after 6 tries). Cell c
 *       gets q_c = the largest f of its 2^d corners. The rotated grid keeps resolution along
 *       narrow correlated ridges.</li>
 * </ol>
 *
 * <p>Sampling is rejection sampling from the piecewise-constant envelope e^{q_c}: pick a cell
 * with probability ∝ e^{q_c}, a uniform z in it, accept with probability e^{f(z) − q_c} / M.
 * M starts at 1 (or at twice the largest ratio in a pilot of 2,000 proposals, if that exceeds 1)
 * and, should a proposal exceed it (a peak between the corners of a cell), is raised to twice
 * that ratio and sampling restarts. So the draws follow e^f exactly on the grid's domain (which
 * leaves out mass below e^−20 per boundary corner), not a discretised version of it; cells cut
 * by the support boundary are handled exactly too (f = −∞ rejects). The normaliser is the
 * envelope mass times the mean ratio ({@link #logNormalizer}).
 *
 * <p>Evaluations run in parallel; the grid does not depend on the number of threads and draws
 * depend only on the generator passed in. f must be thread-safe. Immutable.
 */
public final class GridPosterior {

    /** Unnormalised log density in working coordinates; −∞ outside the support. */
    @FunctionalInterface
    public interface LogDensity {
        /** log f(z) for z of length d; must not modify z. */
        double at(double[] z);
    }

    /** Maps a point z of the working coordinates to the reported parameters. */
    @FunctionalInterface
    public interface ToTheta {
        /** Writes θ(z) into theta. */
        void map(double[] z, double[] theta);
    }

    /**
     * Grid sizes.
     *
     * @param searchPoints points per axis of the search grid (≥ 10)
     * @param finePoints   cells per axis of the envelope grid (≥ 10)
     */
    public record Resolution(int searchPoints, int finePoints) {
        public Resolution {
            if (searchPoints < 10 || finePoints < 10) {
                throw new IllegalArgumentException("grid resolution needs >= 10 points per axis, got "
                        + searchPoints + " and " + finePoints);
            }
        }

        /** The reference resolution for d dimensions: 300/400 points per axis in 2-D, 48/80 in 3-D. */
        public static Resolution reference(int d) {
            return d == 2 ? new Resolution(300, 400) : new Resolution(48, 80);
        }

        /** A coarser grid for tests that need many posteriors: 100/100 in 2-D, 30/30 in 3-D. */
        public static Resolution coarse(int d) {
            return d == 2 ? new Resolution(100, 100) : new Resolution(30, 30);
        }
    }

    private static final double EDGE_DROP = 20;
    private static final int PILOT = 2_000;
    /** log of the safety factor on M above the largest ratio seen. */
    private static final double MARGIN = Math.log(2);

    private final LogDensity f;
    private final int d;
    private final int n;
    private final double[] mean;
    private final double[][] chol;
    private final double halfWidth;
    private final double[] cellLog;
    private final double[] cdf;
    private final double logEnvelopeMass;

    private GridPosterior(LogDensity f, double[] mean, double[][] chol, double halfWidth, int n,
                          double[] cellLog) {
        this.f = f;
        this.d = mean.length;
        this.n = n;
        this.mean = mean;
        this.chol = chol;
        this.halfWidth = halfWidth;
        this.cellLog = cellLog;
        double max = GridSearch.max(cellLog);
        this.cdf = new double[cellLog.length];
        double acc = 0;
        for (int c = 0; c < cellLog.length; c++) {
            acc += Math.exp(cellLog[c] - max);
            cdf[c] = acc;
        }
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            logDet += Math.log(chol[j][j]);
        }
        this.logEnvelopeMass = max + Math.log(acc) + logDet + d * Math.log(2 * halfWidth / n);
    }

    /**
     * Tabulates f.
     *
     * @param lo lower corner of the search box (finite), length 2 or 3
     * @param hi upper corner (finite, &gt; lo)
     * @throws IllegalArgumentException for a bad box, or when f is −∞ on the whole search grid
     */
    public static GridPosterior of(LogDensity f, double[] lo, double[] hi, Resolution res) {
        if (f == null || res == null || lo == null || hi == null) {
            throw new IllegalArgumentException("grid posterior: log density, box or resolution missing");
        }
        if (lo.length != hi.length || lo.length < 2 || lo.length > 3) {
            throw new IllegalArgumentException("grid posterior works in 2 or 3 dimensions, got box "
                    + Arrays.toString(lo) + " .. " + Arrays.toString(hi));
        }
        for (int j = 0; j < lo.length; j++) {
            if (!(Double.isFinite(lo[j]) && Double.isFinite(hi[j]) && lo[j] < hi[j])) {
                throw new IllegalArgumentException("grid posterior: search box side " + j + " is ["
                        + lo[j] + ", " + hi[j] + "]; need finite lo < hi");
            }
        }
        int d = lo.length;
        double[][] moments = GridSearch.locate(f, lo, hi, res.searchPoints());
        double[] m = moments[0];
        double[][] l = GridSearch.cholesky(Arrays.copyOfRange(moments, 1, d + 1));
        double k = 8;
        for (int attempt = 0; attempt < 6; attempt++, k *= 1.5) {
            double[] cells = envelope(f, m, l, k, res.finePoints());
            if (cells != null) {
                return new GridPosterior(f, m, l, k, res.finePoints(), cells);
            }
        }
        throw new IllegalStateException("grid posterior: mass still on the boundary of a grid of "
                + k / 1.5 + " standard deviations around " + Arrays.toString(m));
    }

    /** Cell log envelope q_c on a grid of half-width k, or null when the boundary carries mass. */
    private static double[] envelope(LogDensity f, double[] m, double[][] l, double k, int cells) {
        int d = m.length;
        int pts = cells + 1;
        double h = 2 * k / cells;
        double[] corner = GridSearch.evaluate(f, pts, d, (idx, z) -> {
            double[] u = new double[d];
            for (int j = 0; j < d; j++) {
                u[j] = -k + idx[j] * h;
            }
            affine(m, l, u, z);
        });
        double max = GridSearch.max(corner);
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("grid posterior: log density is -inf on the whole envelope grid");
        }
        int[] idx = new int[d];
        for (int c = 0; c < corner.length; c++) {
            GridSearch.unflatten(c, pts, idx);
            boolean edge = false;
            for (int j = 0; j < d; j++) {
                edge |= idx[j] == 0 || idx[j] == cells;
            }
            if (edge && corner[c] > max - EDGE_DROP) {
                return null;
            }
        }
        double[] q = new double[(int) Math.pow(cells, d)];
        int[] ci = new int[d];
        for (int c = 0; c < q.length; c++) {
            GridSearch.unflatten(c, cells, ci);
            double best = Double.NEGATIVE_INFINITY;
            for (int mask = 0; mask < (1 << d); mask++) {
                int flat = 0;
                for (int j = 0; j < d; j++) {
                    flat = flat * pts + ci[j] + ((mask >> j) & 1);
                }
                best = Math.max(best, corner[flat]);
            }
            q[c] = best;
        }
        return q;
    }

    private static void affine(double[] m, double[][] l, double[] u, double[] z) {
        for (int i = 0; i < m.length; i++) {
            double v = m[i];
            for (int j = 0; j <= i; j++) {
                v += l[i][j] * u[j];
            }
            z[i] = v;
        }
    }

    /** Dimension d of z. */
    public int dim() {
        return d;
    }

    /** One proposal from the envelope into z; returns log(e^{f(z)} / e^{q_c}) (−∞ outside the support). */
    private double propose(UniformRandomProvider rng, int[] idx, double[] u, double[] z) {
        int c = Arrays.binarySearch(cdf, rng.nextDouble() * cdf[cdf.length - 1]);
        c = Math.min(c >= 0 ? c : -c - 1, cdf.length - 1);
        GridSearch.unflatten(c, n, idx);
        double h = 2 * halfWidth / n;
        for (int j = 0; j < d; j++) {
            u[j] = -halfWidth + (idx[j] + rng.nextDouble()) * h;
        }
        affine(mean, chol, u, z);
        return cellLog[c] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : f.at(z) - cellLog[c];
    }

    /**
     * log ∫ e^{f(z)} dz (the log evidence when f is prior × likelihood), by Monte Carlo over the
     * envelope: its mass times the mean of e^{f − q}; relative standard error about
     * sd(ratio)/(mean(ratio) √draws), small since the ratio lies near 1.
     *
     * @param draws proposals (≥ 1)
     */
    public double logNormalizer(int draws, UniformRandomProvider rng) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        }
        int[] idx = new int[d];
        double[] u = new double[d];
        double[] z = new double[d];
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            sum += Math.exp(propose(rng, idx, u, z));
        }
        return logEnvelopeMass + Math.log(sum / draws);
    }

    /** n exact draws of z (n×d, float32), all randomness from rng. */
    public Matrix sample(int n, UniformRandomProvider rng) {
        return sample(n, d, (z, t) -> System.arraycopy(z, 0, t, 0, d), rng);
    }

    /**
     * n exact draws of θ(z) (n×thetaDim, float32; the map is applied in double precision), all
     * randomness from rng.
     */
    public Matrix sample(int n, int thetaDim, ToTheta map, UniformRandomProvider rng) {
        if (n < 0 || thetaDim < 1 || map == null) {
            throw new IllegalArgumentException("need n >= 0 samples of >= 1 values and a map, got " + n
                    + " and " + thetaDim);
        }
        int[] idx = new int[d];
        double[] u = new double[d];
        double[] z = new double[d];
        double pilotMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < PILOT; i++) {
            pilotMax = Math.max(pilotMax, propose(rng, idx, u, z));
        }
        double logM = pilotMax > 0 ? pilotMax + MARGIN : 0;
        Matrix out = Matrix.of(n, thetaDim);
        double[] theta = new double[thetaDim];
        for (int i = 0; i < n; ) {
            double lr = propose(rng, idx, u, z);
            if (lr > logM) {
                logM = lr + MARGIN;
                i = 0;
                continue;
            }
            if (!(Math.log(rng.nextDouble()) < lr - logM)) {
                continue;
            }
            map.map(z, theta);
            for (int j = 0; j < thetaDim; j++) {
                out.set(i, j, (float) theta[j]);
            }
            i++;
        }
        return out;
    }
}
