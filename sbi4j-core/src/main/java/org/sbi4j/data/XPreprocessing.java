package org.sbi4j.data;

import java.util.Locale;
import org.sbi4j.tensor.Matrix;

/**
 * The data-driven choice of how x enters the network before z-scoring: v ↦ log(1 + v) for groups
 * of columns whose values are non-negative and heavily right-skewed (counts spanning orders of
 * magnitude, as in growth or epidemic curves), identity otherwise. z-scoring such columns
 * directly gives the bulk of the values z ≈ −0.3 and a few rows z ≫ 10, so the network barely
 * resolves the typical observation (sbi #346 reports C2ST 0.95 against 0.51 for that reason).
 *
 * <p>Rule, per group of columns ({@link #groups}: one per column of a vector, one per channel of
 * a series or image, one per trial component of a set), on the training rows (NaN skipped):
 * log1p when every value is finite and ≥ 0, the sample skewness g₁ of the values exceeds
 * {@value #MIN_SKEWNESS}, and the skewness after log1p is smaller in absolute value than half of
 * g₁. Binary columns map affinely (0, log 2) and are unchanged after z-scoring. Where a group
 * holds more than {@value #MAX_VALUES} values an evenly spaced subset of rows is used.
 */
public final class XPreprocessing {

    /** Skewness above which a non-negative group is a candidate for log1p. */
    public static final double MIN_SKEWNESS = 2.0;

    /** Values per group used for the skewness (an evenly spaced subset of rows beyond). */
    public static final int MAX_VALUES = 1_000_000;

    /** How x preprocessing is chosen. */
    public enum Mode {
        /** z-scoring only (sbi's behaviour). */
        NONE,
        /** log1p for skewed non-negative groups, then z-scoring ({@link #choose}). */
        AUTO
    }

    /** The columns chosen for log1p and the reason, for the run's summary. */
    public record Choice(boolean[] log1p, String explanation) {

        /** Number of columns mapped by log1p. */
        public int count() {
            int c = 0;
            for (boolean b : log1p) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }

    private XPreprocessing() {
    }

    /**
     * Column groups of x for {@link #choose}: {@code group[j]} for column j. A set's groups are
     * its trial components (shape {T, D}: column t·D + d in group d), a series' or image's its
     * channels (the leading entry of a rank-2 or rank-3 shape), a vector's its columns.
     */
    public static int[] groups(int[] xShape, boolean set) {
        int d = 1;
        for (int s : xShape) {
            d *= s;
        }
        int[] g = new int[d];
        for (int j = 0; j < d; j++) {
            if (xShape.length == 1) {
                g[j] = j;
            } else if (set) {
                g[j] = j % xShape[xShape.length - 1];
            } else {
                g[j] = j / (d / xShape[0]);
            }
        }
        return g;
    }

    /** Chooses log1p columns of {@code x} (rows = training simulations) group by group. */
    public static Choice choose(Matrix x, int[] groups) {
        if (groups.length != x.cols()) {
            throw new IllegalArgumentException(groups.length + " column groups for x of "
                    + x.cols() + " columns");
        }
        int ng = 0;
        for (int g : groups) {
            ng = Math.max(ng, g + 1);
        }
        int[] width = new int[ng];
        for (int g : groups) {
            width[g]++;
        }
        boolean[] mask = new boolean[x.cols()];
        int chosen = 0;
        double before = 0;
        double after = 0;
        for (int g = 0; g < ng; g++) {
            int step = (int) Math.max(1, (long) x.rows() * width[g] / MAX_VALUES);
            double[] raw = moments(x, groups, g, step, false);
            if (raw == null || raw[3] > 0 || !(raw[2] > MIN_SKEWNESS)) {
                continue; // a negative or non-finite value (raw[3] > 0), or not skewed
            }
            double[] logged = moments(x, groups, g, step, true);
            if (Math.abs(logged[2]) < raw[2] / 2) {
                for (int j = 0; j < mask.length; j++) {
                    mask[j] |= groups[j] == g;
                }
                chosen++;
                before = Math.max(before, raw[2]);
                after = Math.max(after, Math.abs(logged[2]));
            }
        }
        String why = chosen == 0 ? "x preprocessing: z-scoring only (no skewed non-negative "
                + "column)" : String.format(Locale.ROOT, "x preprocessing: log(1 + x) on %d of"
                + " %d column groups (non-negative, skewness up to %.1f, %.1f after), then"
                + " z-scoring", chosen, ng, before, after);
        return new Choice(mask, why);
    }

    /**
     * {n, mean, skewness, bad} of group g's non-NaN values (log1p of them when asked), over
     * every step-th row; bad = 1 when a value is infinite or negative; null without values.
     */
    private static double[] moments(Matrix x, int[] groups, int g, int step, boolean log) {
        float[] a = x.data();
        long n = 0;
        double sum = 0;
        for (int i = 0; i < x.rows(); i += step) {
            int off = x.rowOffset(i);
            for (int j = 0; j < groups.length; j++) {
                float v = a[off + j];
                if (groups[j] != g || Float.isNaN(v)) {
                    continue;
                }
                if (Float.isInfinite(v) || v < 0) {
                    return new double[] {0, 0, 0, 1};
                }
                sum += log ? Math.log1p(v) : v;
                n++;
            }
        }
        if (n < 3) {
            return null;
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < x.rows(); i += step) {
            int off = x.rowOffset(i);
            for (int j = 0; j < groups.length; j++) {
                float v = a[off + j];
                if (groups[j] == g && !Float.isNaN(v)) {
                    double d = (log ? Math.log1p(v) : v) - mean;
                    m2 += d * d;
                    m3 += d * d * d;
                }
            }
        }
        m2 /= n;
        m3 /= n;
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
        return new double[] {n, mean, skew, 0};
    }

    /**
     * x with the chosen columns mapped by log1p (NaN stays NaN) into a new matrix; x itself
     * when no column is chosen.
     */
    public static Matrix apply(Matrix x, boolean[] log1p) {
        double[] shift = new double[log1p.length];
        for (int j = 0; j < shift.length; j++) {
            shift[j] = log1p[j] ? -1 : Double.NaN;
        }
        return logMapped(x, shift);
    }

    /**
     * m with each column j of finite {@code shift[j]} = a mapped by v ↦ log(v − a) (log1p for
     * a = −1; the map of {@link Standardizer#withLog}) into a new matrix; m itself when every
     * shift is NaN. NaN stays NaN.
     */
    public static Matrix logMapped(Matrix m, double[] shift) {
        boolean any = false;
        for (double a : shift) {
            any |= !Double.isNaN(a);
        }
        if (!any) {
            return m;
        }
        Matrix out = Matrix.of(m.rows(), m.cols());
        float[] a = m.data();
        float[] b = out.data();
        for (int i = 0; i < m.rows(); i++) {
            int in = m.rowOffset(i);
            int o = out.rowOffset(i);
            for (int j = 0; j < m.cols(); j++) {
                double s = shift[j];
                b[o + j] = Double.isNaN(s) ? a[in + j] : (float) (s == -1
                        ? Math.log1p(a[in + j]) : Math.log(a[in + j] - s));
            }
        }
        return out;
    }
}
