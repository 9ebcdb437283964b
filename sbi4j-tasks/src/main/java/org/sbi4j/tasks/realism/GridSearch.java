package org.sbi4j.tasks.realism;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The search stage of {@link GridPosterior} and the grid evaluation it shares: finds where a
 * log density of 2 or 3 variables has its mass by repeatedly tabulating it on a box and shrinking
 * the box to the cells within 30 log units of the maximum (padded by two cells).
 */
final class GridSearch {

    private static final double DROP = 30;

    private GridSearch() {
    }

    /** Places a point of the grid at the given multi-index. */
    @FunctionalInterface
    interface GridPoint {
        void fill(int[] idx, double[] z);
    }

    /**
     * Mean (row 0) and covariance (rows 1..d) of e^f on the last search grid, the covariance
     * including the within-cell variance h²/12.
     */
    static double[][] locate(GridPosterior.LogDensity f, double[] lo, double[] hi, int pts) {
        int d = lo.length;
        double[] a = lo.clone();
        double[] b = hi.clone();
        double[][] moments = null;
        for (int iter = 0; iter < 8; iter++) {
            double[][] pass = once(f, a, b, pts);
            moments = Arrays.copyOfRange(pass, 2, d + 3);
            boolean shrunk = true;
            for (int j = 0; j < d; j++) {
                shrunk &= pass[1][j] - pass[0][j] < 0.5 * (b[j] - a[j]);
            }
            a = pass[0];
            b = pass[1];
            if (!shrunk) {
                break;
            }
        }
        return moments;
    }

    /** One pass: rows {new lo, new hi, mean, covariance rows}. */
    private static double[][] once(GridPosterior.LogDensity f, double[] lo, double[] hi, int pts) {
        int d = lo.length;
        double[] h = new double[d];
        for (int j = 0; j < d; j++) {
            h[j] = (hi[j] - lo[j]) / pts;
        }
        double[] vals = evaluate(f, pts, d, (idx, z) -> {
            for (int j = 0; j < d; j++) {
                z[j] = lo[j] + (idx[j] + 0.5) * h[j];
            }
        });
        double max = max(vals);
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("grid posterior: log density is -inf on the whole search box "
                    + Arrays.toString(lo) + " .. " + Arrays.toString(hi));
        }
        int[] imin = new int[d];
        int[] imax = new int[d];
        Arrays.fill(imin, pts);
        Arrays.fill(imax, -1);
        double[] sum = new double[d];
        double[][] sq = new double[d][d];
        double w = 0;
        int[] idx = new int[d];
        double[] z = new double[d];
        for (int c = 0; c < vals.length; c++) {
            if (!(vals[c] > max - DROP)) {
                continue;
            }
            unflatten(c, pts, idx);
            double wc = Math.exp(vals[c] - max);
            for (int j = 0; j < d; j++) {
                imin[j] = Math.min(imin[j], idx[j]);
                imax[j] = Math.max(imax[j], idx[j]);
                z[j] = lo[j] + (idx[j] + 0.5) * h[j];
            }
            w += wc;
            for (int i = 0; i < d; i++) {
                sum[i] += wc * z[i];
                for (int j = 0; j < d; j++) {
                    sq[i][j] += wc * z[i] * z[j];
                }
            }
        }
        double[][] out = new double[d + 3][d];
        for (int i = 0; i < d; i++) {
            out[0][i] = Math.max(lo[i], lo[i] + (imin[i] - 2) * h[i]);
            out[1][i] = Math.min(hi[i], lo[i] + (imax[i] + 3) * h[i]);
            out[2][i] = sum[i] / w;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[3 + i][j] = sq[i][j] / w - out[2][i] * out[2][j] + (i == j ? h[i] * h[i] / 12 : 0);
            }
        }
        return out;
    }

    /**
     * f at the pts^d points of a grid (row-major multi-index), NaN read as −∞; in parallel over
     * the first index, each value computed independently (so the same whatever the threads).
     */
    static double[] evaluate(GridPosterior.LogDensity f, int pts, int d, GridPoint point) {
        int perSlab = (int) Math.pow(pts, d - 1);
        double[] vals = new double[perSlab * pts];
        IntStream.range(0, pts).parallel().forEach(i0 -> {
            int[] idx = new int[d];
            double[] z = new double[d];
            for (int r = 0; r < perSlab; r++) {
                int c = i0 * perSlab + r;
                unflatten(c, pts, idx);
                point.fill(idx, z);
                double v = f.at(z);
                vals[c] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            }
        });
        return vals;
    }

    /** Row-major multi-index of flat index c on a grid of pts points per axis. */
    static void unflatten(int c, int pts, int[] idx) {
        for (int j = idx.length - 1; j >= 0; j--) {
            idx[j] = c % pts;
            c /= pts;
        }
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Lower Cholesky factor of a covariance (tiny pivots floored, so it never fails). */
    static double[][] cholesky(double[][] c) {
        int d = c.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-12 * Math.abs(c[i][i]) + 1e-300));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
