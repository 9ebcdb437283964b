package org.sbi4j.plot;

import java.util.Arrays;

/**
 * A 2-D density on a regular grid (package-private): values zⱼᵢ at the points (xᵢ, yⱼ),
 * i &lt; nx, j &lt; ny, and the levels enclosing a given share of its mass.
 *
 * <p>{@link #smoothedHistogram} is a binned Gaussian kernel density estimate (Wand 1994): the
 * samples are counted into cells whose centres are the grid points, and the counts are
 * convolved with a separable Gaussian of standard deviation {@code sigmaCells} cells. The
 * grid is the plotted range widened by ⌈3σ⌉ + 1 cells on every side, so the smoothing leaks
 * no mass out of it and contours near the edge of the plot close outside it (where the plot
 * clips them).
 *
 * <p>{@link #levelEnclosing}(m, …) is the highest-density-region level enclosing the share m
 * of the samples (Hyndman 1996). For a 2-D Gaussian the 1σ and 2σ ellipses enclose
 * 1 − e^{−1/2} ≈ 39.3 % and 1 − e^{−2} ≈ 86.5 %.
 */
final class DensityGrid {

    private final double[] xs;
    private final double[] ys;
    private final double[][] z;

    private DensityGrid(double[] xs, double[] ys, double[][] z) {
        this.xs = xs;
        this.ys = ys;
        this.z = z;
    }

    /**
     * A grid of given values z[j][i] at (xs[i], ys[j]); xs and ys strictly increasing.
     */
    static DensityGrid of(double[] xs, double[] ys, double[][] z) {
        if (xs.length < 2 || ys.length < 2 || z.length != ys.length) {
            throw new IllegalArgumentException("need >= 2 x and y grid points and one row of z per"
                    + " y; got " + xs.length + " x, " + ys.length + " y, " + z.length + " rows");
        }
        double[][] copy = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            if (z[j].length != xs.length) {
                throw new IllegalArgumentException("row " + j + " of z has " + z[j].length
                        + " values for " + xs.length + " x grid points");
            }
            copy[j] = z[j].clone();
        }
        return new DensityGrid(xs.clone(), ys.clone(), copy);
    }

    /**
     * The smoothed 2-D histogram of the points (x[k], y[k]) over cells × cells cells covering
     * xRange × yRange (plus the smoothing margin).
     */
    static DensityGrid smoothedHistogram(double[] x, double[] y, double[] xRange,
                                         double[] yRange, int cells, double sigmaCells) {
        if (x.length != y.length || cells < 2 || !(sigmaCells >= 0)
                || !(xRange[1] > xRange[0]) || !(yRange[1] > yRange[0])) {
            throw new IllegalArgumentException("need as many x as y, >= 2 cells, sigma >= 0 and"
                    + " increasing ranges; got " + x.length + " x, " + y.length + " y, " + cells
                    + " cells, sigma " + sigmaCells + ", ranges " + Arrays.toString(xRange)
                    + " " + Arrays.toString(yRange));
        }
        int pad = (int) Math.ceil(3 * sigmaCells) + 1;
        int n = cells + 2 * pad;
        double dx = (xRange[1] - xRange[0]) / cells;
        double dy = (yRange[1] - yRange[0]) / cells;
        double x0 = xRange[0] - pad * dx;
        double y0 = yRange[0] - pad * dy;
        double[][] h = new double[n][n];
        for (int k = 0; k < x.length; k++) {
            double fi = (x[k] - x0) / dx;
            double fj = (y[k] - y0) / dy;
            if (fi >= 0 && fi < n && fj >= 0 && fj < n) {
                h[(int) fj][(int) fi]++;
            }
        }
        double[][] s = smooth(h, sigmaCells);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x0 + (i + 0.5) * dx;
            ys[i] = y0 + (i + 0.5) * dy;
        }
        return new DensityGrid(xs, ys, s);
    }

    /** Separable Gaussian convolution, kernel truncated at 3σ, zero outside the grid. */
    private static double[][] smooth(double[][] h, double sigma) {
        if (sigma == 0) {
            return h;
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * r + 1];
        for (int k = -r; k <= r; k++) {
            w[k + r] = Math.exp(-0.5 * k * k / (sigma * sigma));
        }
        int ny = h.length;
        int nx = h[0].length;
        double[][] tmp = new double[ny][nx];
        double[][] out = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double acc = 0;
                for (int k = Math.max(-r, -i); k <= Math.min(r, nx - 1 - i); k++) {
                    acc += w[k + r] * h[j][i + k];
                }
                tmp[j][i] = acc;
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double acc = 0;
                for (int k = Math.max(-r, -j); k <= Math.min(r, ny - 1 - j); k++) {
                    acc += w[k + r] * tmp[j + k][i];
                }
                out[j][i] = acc;
            }
        }
        return out;
    }

    /**
     * The level λ whose superlevel set {f ≥ λ} holds the share {@code mass} ∈ (0, 1) of the
     * points (x[k], y[k]): the (1 − mass) sample quantile of the density f at the points
     * (bilinear between grid points), the estimator of Hyndman (1996, §3.2). Unlike a share of
     * the grid's own mass, this stays right where the smoothing blurs thin structures.
     */
    double levelEnclosing(double mass, double[] x, double[] y) {
        if (!(mass > 0 && mass < 1) || x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need mass in (0, 1) and as many x as y (> 0);"
                    + " got " + mass + ", " + x.length + " x and " + y.length + " y");
        }
        double[] f = new double[x.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = at(x[k], y[k]);
        }
        Arrays.sort(f);
        return Quantiles.ofSorted(f, 1 - mass);
    }

    /** f at (px, py): bilinear between the four surrounding grid points, 0 off the grid. */
    double at(double px, double py) {
        int i = cellOf(xs, px);
        int j = cellOf(ys, py);
        if (i < 0 || j < 0) {
            return 0;
        }
        double tx = (px - xs[i]) / (xs[i + 1] - xs[i]);
        double ty = (py - ys[j]) / (ys[j + 1] - ys[j]);
        return (1 - ty) * ((1 - tx) * z[j][i] + tx * z[j][i + 1])
                + ty * ((1 - tx) * z[j + 1][i] + tx * z[j + 1][i + 1]);
    }

    /** The i with g[i] ≤ v ≤ g[i+1], or −1 outside the grid. */
    private static int cellOf(double[] g, double v) {
        if (!(v >= g[0] && v <= g[g.length - 1])) {
            return -1;
        }
        int i = Arrays.binarySearch(g, v);
        i = i >= 0 ? i : -i - 2;
        return Math.min(i, g.length - 2);
    }

    int nx() {
        return xs.length;
    }

    int ny() {
        return ys.length;
    }

    double x(int i) {
        return xs[i];
    }

    double y(int j) {
        return ys[j];
    }

    double z(int i, int j) {
        return z[j][i];
    }
}
