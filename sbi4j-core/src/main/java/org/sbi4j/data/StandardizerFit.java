package org.sbi4j.data;

import org.sbi4j.tensor.Matrix;

/**
 * The fitting of {@link Standardizer}: μ and σ (n−1) per column or per trial component, in
 * double, two passes; constant columns get σ = 1 ({@link Standardizer#MIN_STD},
 * {@link Standardizer#RELATIVE_STD}). Returns {mean, std}.
 */
final class StandardizerFit {

    private StandardizerFit() {
    }

    /**
     * Fits μ and σ (n−1) per column of {@code data} (n ≥ 2 rows, finite values).
     *
     * @throws IllegalArgumentException for fewer than 2 rows or a non-finite value
     */
    static double[][] columns(Matrix data) {
        int n = data.rows();
        int d = data.cols();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 rows to fit a standardizer, got "
                    + n);
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        float[] a = data.data();
        for (int i = 0; i < n; i++) {
            int off = data.rowOffset(i);
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(a[off + j])) {
                    throw new IllegalArgumentException("cannot fit a standardizer: row " + i
                            + ", column " + j + " is " + a[off + j]);
                }
                mean[j] += a[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            int off = data.rowOffset(i);
            for (int j = 0; j < d; j++) {
                double dev = a[off + j] - mean[j];
                std[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(std[j] / (n - 1));
            std[j] = isConstant(s, mean[j]) ? 1.0 : s;
        }
        return new double[][] {mean, std};
    }

    /**
     * Fits x made of trials (the input of a set embedding): a row holds T = cols/trialDim trials
     * of trialDim values, trial-major, and NaN marks padding. Value j of every trial shares one
     * μ_j and σ_j (n−1), computed over all non-NaN entries of the columns t·trialDim + j, so the
     * standardised trials stay exchangeable; NaN entries are skipped here and stay NaN under
     * {@link Standardizer#transform}. Constant values get σ = 1 as in {@link Standardizer#fit}.
     *
     * @throws IllegalArgumentException if trialDim does not divide the columns, a value is
     *         infinite, or some value j has fewer than 2 non-NaN entries
     */
    static double[][] trials(Matrix data, int trialDim) {
        int d = data.cols();
        if (trialDim < 1 || d % trialDim != 0) {
            throw new IllegalArgumentException("trial size " + trialDim + " does not divide the "
                    + d + " columns of x");
        }
        double[] sum = new double[trialDim];
        long[] count = new long[trialDim];
        float[] a = data.data();
        for (int i = 0; i < data.rows(); i++) {
            int off = data.rowOffset(i);
            for (int k = 0; k < d; k++) {
                float v = a[off + k];
                if (Float.isInfinite(v)) {
                    throw new IllegalArgumentException("cannot fit a standardizer: row " + i
                            + ", column " + k + " is " + v);
                }
                if (!Float.isNaN(v)) {
                    sum[k % trialDim] += v;
                    count[k % trialDim]++;
                }
            }
        }
        double[] sq = new double[trialDim];
        for (int i = 0; i < data.rows(); i++) {
            int off = data.rowOffset(i);
            for (int k = 0; k < d; k++) {
                float v = a[off + k];
                if (!Float.isNaN(v)) {
                    double dev = v - sum[k % trialDim] / count[k % trialDim];
                    sq[k % trialDim] += dev * dev;
                }
            }
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < trialDim; j++) {
            if (count[j] < 2) {
                throw new IllegalArgumentException("need at least 2 non-NaN values of trial"
                        + " component " + j + " to fit a standardizer, got " + count[j]);
            }
            double m = sum[j] / count[j];
            double s = Math.sqrt(sq[j] / (count[j] - 1));
            for (int k = j; k < d; k += trialDim) {
                mean[k] = m;
                std[k] = isConstant(s, m) ? 1.0 : s;
            }
        }
        return new double[][] {mean, std};
    }

    private static boolean isConstant(double std, double mean) {
        return !(std >= Standardizer.MIN_STD) || std <= Standardizer.RELATIVE_STD * Math.abs(mean);
    }
}
