package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The computation behind {@link Intervals#highestDensityRegion}. The density f̂ is a Gaussian
 * kernel estimate with bandwidth h = 0.9·min(sd, IQR/1.34)·n^(−1/5) (Silverman's rule of thumb
 * with the IQR guard, which keeps separated modes apart), binned on {@value #GRID} points over
 * [min − 3h, max + 3h] and smoothed by direct summation over ±5h. The threshold c is the
 * ⌊(1 − level)·n⌋-th smallest of f̂ at the samples (interpolated from the grid), the region
 * the grid cells with f̂ ≥ c, their ends placed where f̂ crosses c by linear interpolation.
 */
final class DensityRegions {

    static final int GRID = 1024;

    private DensityRegions() {
    }

    static DensityRegion of(double[] sorted, String name, double level) {
        int n = sorted.length;
        double lo = sorted[0];
        double hi = sorted[n - 1];
        if (n < 2 || hi == lo) {
            return new DensityRegion(name, level, List.of(new Interval(name, level, lo, hi)));
        }
        double h = bandwidth(sorted);
        double a = lo - 3 * h;
        double step = (hi - lo + 6 * h) / (GRID - 1);
        double[] f = density(sorted, a, step, h);
        double[] atSample = new double[n];
        for (int i = 0; i < n; i++) {
            atSample[i] = interpolate(f, (sorted[i] - a) / step);
        }
        Arrays.sort(atSample);
        double c = atSample[(int) Math.floor((1 - level) * n)];
        List<Interval> pieces = new ArrayList<>();
        int g = 0;
        while (g < GRID) {
            while (g < GRID && f[g] < c) {
                g++;
            }
            if (g == GRID) {
                break;
            }
            int start = g;
            while (g < GRID && f[g] >= c) {
                g++;
            }
            double left = start == 0 ? a
                    : a + step * (start - 1 + cross(f[start - 1], f[start], c));
            double right = g == GRID ? a + step * (GRID - 1)
                    : a + step * (g - 1 + cross(f[g - 1], f[g], c));
            pieces.add(new Interval(name, level, Math.max(left, lo), Math.min(right, hi)));
        }
        return new DensityRegion(name, level, merge(pieces, name, level));
    }

    /** Where between two grid values (0 … 1) the density crosses c. */
    private static double cross(double f0, double f1, double c) {
        return f1 == f0 ? 0.5 : Math.min(1, Math.max(0, (c - f0) / (f1 - f0)));
    }

    /** Pieces clipped to [min, max] may touch; join those. */
    private static List<Interval> merge(List<Interval> in, String name, double level) {
        List<Interval> out = new ArrayList<>();
        for (Interval p : in) {
            if (!out.isEmpty() && !(p.lower() > out.getLast().upper())) {
                Interval last = out.removeLast();
                out.add(new Interval(name, level, last.lower(), Math.max(last.upper(),
                        p.upper())));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static double bandwidth(double[] s) {
        int n = s.length;
        double mean = 0;
        for (double v : s) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : s) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / (n - 1));
        double iqr = Intervals.quantile(s, 0.75) - Intervals.quantile(s, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    /** Kernel density on the grid a + step·g: bin counts, then a Gaussian of width h. */
    private static double[] density(double[] s, double a, double step, double h) {
        double[] counts = new double[GRID];
        for (double v : s) {
            double pos = (v - a) / step;
            int k = (int) Math.floor(pos);
            double w = pos - k;
            counts[Math.min(GRID - 1, Math.max(0, k))] += 1 - w;
            counts[Math.min(GRID - 1, Math.max(0, k + 1))] += w;
        }
        int reach = (int) Math.ceil(5 * h / step);
        double[] kernel = new double[reach + 1];
        for (int r = 0; r <= reach; r++) {
            double z = r * step / h;
            kernel[r] = Math.exp(-0.5 * z * z);
        }
        double[] f = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            if (counts[g] == 0) {
                continue;
            }
            for (int r = -reach; r <= reach; r++) {
                int t = g + r;
                if (t >= 0 && t < GRID) {
                    f[t] += counts[g] * kernel[Math.abs(r)];
                }
            }
        }
        return f;
    }

    private static double interpolate(double[] f, double pos) {
        int k = (int) Math.floor(pos);
        if (k < 0) {
            return f[0];
        }
        if (k >= f.length - 1) {
            return f[f.length - 1];
        }
        double w = pos - k;
        return f[k] * (1 - w) + f[k + 1] * w;
    }
}
