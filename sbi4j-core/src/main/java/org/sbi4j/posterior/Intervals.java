package org.sbi4j.posterior;

import java.util.Arrays;
import org.sbi4j.tensor.Matrix;

/**
 * Marginal credible intervals and summaries from posterior samples (one column per parameter).
 *
 * <p>Equal-tailed: the (1−level)/2 and (1+level)/2 sample quantiles (linear interpolation between
 * order statistics, numpy's default). Highest-density: the shortest interval holding
 * ⌈level·n⌉ sorted samples (Chen &amp; Shao 1999), which for a unimodal marginal converges to
 * the HPD interval; for a multimodal marginal it spans the gaps between modes, and
 * {@link #highestDensityRegion} gives the union of intervals instead.
 */
public final class Intervals {

    private Intervals() {
    }

    /** Equal-tailed interval of column j at the given level. */
    public static Interval equalTailed(Matrix samples, int j, String name, double level) {
        double[] s = sortedColumn(samples, j, level);
        return new Interval(name, level, quantile(s, (1 - level) / 2), quantile(s, (1 + level) / 2));
    }

    /** Shortest interval of column j holding a fraction {@code level} of the samples. */
    public static Interval highestDensity(Matrix samples, int j, String name, double level) {
        double[] s = sortedColumn(samples, j, level);
        int n = s.length;
        int k = Math.max(1, (int) Math.ceil(level * n));
        if (k >= n) {
            return new Interval(name, level, s[0], s[n - 1]);
        }
        int best = 0;
        double bestWidth = Double.POSITIVE_INFINITY;
        for (int i = 0; i + k - 1 < n; i++) {
            double w = s[i + k - 1] - s[i];
            if (w < bestWidth) {
                bestWidth = w;
                best = i;
            }
        }
        return new Interval(name, level, s[best], s[best + k - 1]);
    }

    /**
     * Highest-density region of column j: {θ : f̂(θ) ≥ c}, with f̂ a Gaussian kernel density
     * estimate and c the (1 − level) sample quantile of f̂ at the samples themselves (Hyndman
     * 1996), so that a share {@code level} of the samples lies inside. A union of intervals when
     * the marginal is multimodal (see {@link DensityRegions}).
     */
    public static DensityRegion highestDensityRegion(Matrix samples, int j, String name,
                                                     double level) {
        return DensityRegions.of(sortedColumn(samples, j, level), name, level);
    }

    /** Sample mean of each column. */
    public static double[] mean(Matrix samples) {
        double[] m = new double[samples.cols()];
        for (int i = 0; i < samples.rows(); i++) {
            for (int j = 0; j < m.length; j++) {
                m[j] += samples.get(i, j);
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= samples.rows();
        }
        return m;
    }

    /** Sample covariance (n − 1 denominator), in double precision. */
    public static double[][] covariance(Matrix samples) {
        int d = samples.cols();
        int n = samples.rows();
        double[] m = mean(samples);
        double[][] c = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double da = samples.get(i, a) - m[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += da * (samples.get(i, b) - m[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Per-column sample standard deviation (n − 1); 1 where it is zero or undefined. */
    public static double[] covarianceDiagonalSqrt(Matrix samples) {
        double[][] c = covariance(samples);
        double[] sd = new double[c.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = c[j][j] > 0 ? Math.sqrt(c[j][j]) : 1.0;
        }
        return sd;
    }

    /** Linear-interpolated quantile of sorted values (numpy's default method). */
    public static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] sortedColumn(Matrix samples, int j, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("credibility level must lie in (0, 1), got " + level);
        }
        if (samples.rows() == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        if (j < 0 || j >= samples.cols()) {
            throw new IllegalArgumentException("column " + j + " outside " + samples.shape());
        }
        double[] s = new double[samples.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = samples.get(i, j);
        }
        Arrays.sort(s);
        return s;
    }
}
