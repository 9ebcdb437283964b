package org.sbi4j.data;

import java.util.Arrays;
import org.sbi4j.tensor.Matrix;

/**
 * The affine z-scoring map z_j = (v_j − μ_j) / σ_j per column: the only standardisation in
 * sbi4j. It sits outside the density estimator, whose densities are on the z scale; since
 * p_v(v) = p_z(z(v))·|det ∂z/∂v|, adding {@link #logAbsDet()} = Σ_j −log σ_j returns log-densities
 * on the original scale.
 *
 * <p>{@link #fit} uses the training split only: μ is the column mean and σ the sample standard
 * deviation with the n−1 denominator, both accumulated in double (two passes). A constant column
 * (σ = 0, σ below {@value #MIN_STD}, or σ ≤ 2^−20·|μ|, i.e. variation within about eight float32
 * rounding steps of the mean) gets σ = 1, so it is only centred, its z is 0 and it adds nothing to
 * log|det|. Immutable; {@link #mean()} and {@link #std()} give the parameters to store with a model
 * and {@link #of} restores them.
 *
 * <p>Chosen columns may first go through v ↦ log(v − a_j) ({@link #withLog}): z_j = (log(v_j −
 * a_j) − μ_j)/σ_j, μ and σ being fitted on the transformed values. For x, a = −1 gives
 * log(1 + v) for skewed counts ({@link #withLog1p}, chosen by {@link XPreprocessing}); for θ,
 * a = the lower bound of a one-sided prior maps its support (a, ∞) onto the line, so the
 * estimator puts no mass outside it. {@link #inverse} undoes both steps; the Jacobian then
 * depends on v: {@link #logAbsDet(float[], int)} gives it per row and {@link #logAbsDet()} is
 * refused.
 */
public final class Standardizer {

    /** Below this absolute standard deviation a column counts as constant. */
    public static final double MIN_STD = 1e-20;

    /** σ ≤ RELATIVE_STD·|μ| counts as constant: 2^−20, about eight float32 ulps of μ. */
    public static final double RELATIVE_STD = 0x1p-20;

    private final double[] mean;
    private final double[] std;
    private final double logAbsDet;
    /** a_j of the columns mapped by v ↦ log(v − a_j) before z-scoring (NaN: none); null: none. */
    private final double[] shift;

    private Standardizer(double[] mean, double[] std) {
        this(mean, std, null);
    }

    private Standardizer(double[] mean, double[] std, double[] shift) {
        this.mean = mean;
        this.std = std;
        this.shift = shift;
        double s = 0;
        for (double v : std) {
            s -= Math.log(v);
        }
        this.logAbsDet = s;
    }

    /**
     * Fits μ and σ (n−1) per column of {@code data} (n ≥ 2 rows, finite values), in double
     * (two passes); constant columns get σ = 1 (see the class comment).
     *
     * @throws IllegalArgumentException for fewer than 2 rows or a non-finite value
     */
    public static Standardizer fit(Matrix data) {
        double[][] ms = StandardizerFit.columns(data);
        return new Standardizer(ms[0], ms[1]);
    }

    /**
     * Fits x made of trials (the input of a set embedding): a row holds T = cols/trialDim trials
     * of trialDim values, trial-major, and NaN marks padding. Value j of every trial shares one
     * μ_j and σ_j (n−1), computed over all non-NaN entries of the columns t·trialDim + j, so the
     * standardised trials stay exchangeable; NaN entries are skipped here and stay NaN under
     * {@link #transform}. Constant values get σ = 1 as in {@link #fit}.
     *
     * @throws IllegalArgumentException if trialDim does not divide the columns, a value is
     *         infinite, or some value j has fewer than 2 non-NaN entries
     */
    public static Standardizer fitTrials(Matrix data, int trialDim) {
        double[][] ms = StandardizerFit.trials(data, trialDim);
        return new Standardizer(ms[0], ms[1]);
    }

    /**
     * Restores a standardizer from stored parameters (copied).
     *
     * @throws IllegalArgumentException if lengths differ, a value is not finite or σ ≤ 0
     */
    public static Standardizer of(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length
                    + " standard deviations");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(std[j]) || !(std[j] > 0)) {
                throw new IllegalArgumentException("column " + j + ": mean " + mean[j] + ", std "
                        + std[j] + " (need finite values and std > 0)");
            }
        }
        return new Standardizer(mean.clone(), std.clone());
    }

    /**
     * This standardizer after v ↦ log(1 + v) on the columns where {@code columns} is true (its
     * μ and σ must have been fitted on the transformed values); all false gives this map.
     *
     * @throws IllegalArgumentException if the mask's length is not {@link #dim()}
     */
    public Standardizer withLog1p(boolean[] columns) {
        if (columns.length != mean.length) {
            throw new IllegalArgumentException("log1p mask of " + columns.length
                    + " columns for a standardizer of " + mean.length);
        }
        double[] a = new double[columns.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = columns[j] ? -1 : Double.NaN;
        }
        return withLog(a);
    }

    /**
     * This standardizer after v ↦ log(v − a_j) on the columns with a finite {@code shift[j]}
     * (NaN: left as it is); μ and σ must have been fitted on the transformed values.
     *
     * @throws IllegalArgumentException if the length is not {@link #dim()} or a shift is ±∞
     */
    public Standardizer withLog(double[] shift) {
        if (shift.length != mean.length) {
            throw new IllegalArgumentException("log shifts of " + shift.length
                    + " columns for a standardizer of " + mean.length);
        }
        boolean any = false;
        for (double a : shift) {
            if (Double.isInfinite(a)) {
                throw new IllegalArgumentException("a log shift must be finite or NaN, got " + a);
            }
            any |= !Double.isNaN(a);
        }
        return new Standardizer(mean, std, any ? shift.clone() : null);
    }

    /** a_j per column of v ↦ log(v − a_j), NaN where a column is not log-mapped (a copy). */
    public double[] logShifts() {
        double[] a = new double[mean.length];
        Arrays.fill(a, Double.NaN);
        return shift == null ? a : shift.clone();
    }

    /** The columns mapped by log(1 + v) before z-scoring (all false when none; a copy). */
    public boolean[] log1pColumns() {
        boolean[] b = new boolean[mean.length];
        for (int j = 0; shift != null && j < b.length; j++) {
            b[j] = shift[j] == -1;
        }
        return b;
    }

    /** v ↦ log(v − a) (log1p for a = −1, the more accurate form). */
    private static double log(double v, double a) {
        return a == -1 ? Math.log1p(v) : Math.log(v - a);
    }

    /** The identity map on {@code dim} columns (μ = 0, σ = 1). */
    public static Standardizer identity(int dim) {
        double[] ones = new double[dim];
        Arrays.fill(ones, 1.0);
        return new Standardizer(new double[dim], ones);
    }

    /** Number of columns. */
    public int dim() {
        return mean.length;
    }

    /** μ per column (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** σ per column, 1 for constant columns (a copy). */
    public double[] std() {
        return std.clone();
    }

    /**
     * log|det ∂z/∂v| = Σ_j −log σ_j, the same for every row.
     *
     * @throws IllegalStateException when some column is log-mapped
     */
    public double logAbsDet() {
        if (shift != null) {
            throw new IllegalStateException("a standardizer with log-mapped columns has no"
                    + " constant Jacobian; use logAbsDet(row)");
        }
        return logAbsDet;
    }

    /**
     * log|det ∂z/∂v| at the vector v = {@code v[off..off+dim)} (original scale): Σ_j −log σ_j
     * minus Σ log(v_j − a_j) over the log-mapped columns (−∞ terms never arise inside the
     * support; outside it the result is NaN).
     */
    public double logAbsDet(float[] v, int off) {
        double s = logAbsDet;
        for (int j = 0; shift != null && j < shift.length; j++) {
            if (!Double.isNaN(shift[j])) {
                s -= shift[j] == -1 ? Math.log1p(v[off + j]) : Math.log(v[off + j] - shift[j]);
            }
        }
        return s;
    }

    /** True when some column is log-mapped (the Jacobian depends on the row). */
    public boolean hasLogColumns() {
        return shift != null;
    }

    /** z = (v − μ)/σ row by row into {@code out} (same shape; may be {@code in} itself). */
    public Matrix transform(Matrix in, Matrix out) {
        check(in, out);
        float[] a = in.data();
        float[] b = out.data();
        for (int i = 0; i < in.rows(); i++) {
            transform(a, in.rowOffset(i), b, out.rowOffset(i));
        }
        return out;
    }

    /** Standardises {@code m} in place. */
    public Matrix transformInPlace(Matrix m) {
        return transform(m, m);
    }

    /** z = (v − μ)/σ for one vector: v at {@code in[inOff..)}, z to {@code out[outOff..)}. */
    public void transform(float[] in, int inOff, float[] out, int outOff) {
        if (shift == null) {
            for (int j = 0; j < mean.length; j++) {
                out[outOff + j] = (float) ((in[inOff + j] - mean[j]) / std[j]);
            }
            return;
        }
        for (int j = 0; j < mean.length; j++) {
            double v = Double.isNaN(shift[j]) ? in[inOff + j] : log(in[inOff + j], shift[j]);
            out[outOff + j] = (float) ((v - mean[j]) / std[j]);
        }
    }

    /** v = z·σ + μ row by row into {@code out} (same shape; may be {@code z} itself). */
    public Matrix inverse(Matrix z, Matrix out) {
        check(z, out);
        float[] a = z.data();
        float[] b = out.data();
        for (int i = 0; i < z.rows(); i++) {
            inverse(a, z.rowOffset(i), b, out.rowOffset(i));
        }
        return out;
    }

    /** Maps {@code m} back to the original scale in place. */
    public Matrix inverseInPlace(Matrix m) {
        return inverse(m, m);
    }

    /** v = z·σ + μ for one vector. */
    public void inverse(float[] z, int zOff, float[] out, int outOff) {
        for (int j = 0; j < mean.length; j++) {
            double v = z[zOff + j] * std[j] + mean[j];
            out[outOff + j] = (float) (shift == null || Double.isNaN(shift[j]) ? v
                    : shift[j] == -1 ? Math.expm1(v) : Math.exp(v) + shift[j]);
        }
    }

    private void check(Matrix in, Matrix out) {
        if (in.cols() != mean.length || out.cols() != mean.length || in.rows() != out.rows()) {
            throw new IllegalArgumentException("standardizer of dimension " + mean.length
                    + " cannot map a " + in.shape() + " matrix into a " + out.shape() + " matrix");
        }
        if (in != out && in.overlaps(out) && in.offset() != out.offset()) {
            throw new IllegalArgumentException("input and output overlap without being the same"
                    + " matrix");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(mean, s.mean)
                && Arrays.equals(std, s.std) && Arrays.equals(logShifts(), s.logShifts());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std))
                + Arrays.hashCode(logShifts());
    }

    @Override
    public String toString() {
        return "Standardizer[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
