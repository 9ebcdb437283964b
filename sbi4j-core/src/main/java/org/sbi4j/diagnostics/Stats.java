package org.sbi4j.diagnostics;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.sbi4j.tensor.Matrix;

/** Small double-precision statistics shared by the diagnostics (package-private helpers). */
final class Stats {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Stats() {
    }

    /** Column means of an n×d matrix, in double. */
    static double[] mean(Matrix m) {
        int n = m.rows();
        int d = m.cols();
        double[] mu = new double[d];
        float[] a = m.data();
        for (int i = 0; i < n; i++) {
            int o = m.rowOffset(i);
            for (int j = 0; j < d; j++) {
                mu[j] += a[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        return mu;
    }

    /** Sample covariance (divisor n−1) of the rows of m, d×d, given the column means. */
    static double[][] covariance(Matrix m, double[] mu) {
        int n = m.rows();
        int d = m.cols();
        double[][] c = new double[d][d];
        float[] a = m.data();
        double[] r = new double[d];
        for (int i = 0; i < n; i++) {
            int o = m.rowOffset(i);
            for (int j = 0; j < d; j++) {
                r[j] = a[o + j] - mu[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    c[j][k] += r[j] * r[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                c[j][k] /= n - 1;
                c[k][j] = c[j][k];
            }
        }
        return c;
    }

    /** Φ(z), the standard normal CDF. */
    static double normalCdf(double z) {
        return STANDARD_NORMAL.cumulativeProbability(z);
    }

    /** Two-sided p-value 2·Φ(−|z|) of a z-statistic. */
    static double twoSidedP(double z) {
        return Double.isNaN(z) ? 1.0 : 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /**
     * Clopper–Pearson interval for a binomial proportion k/n at confidence 1 − γ:
     * [B⁻¹(γ/2; k, n−k+1), B⁻¹(1−γ/2; k+1, n−k)] (Clopper &amp; Pearson 1934).
     *
     * @return {lower, upper}
     */
    static double[] clopperPearson(int k, int n, double gamma) {
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0)
                .inverseCumulativeProbability(gamma / 2);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k)
                .inverseCumulativeProbability(1 - gamma / 2);
        return new double[] {lo, hi};
    }

    /** Validates 0 &lt; alpha &lt; 1 (a false-alarm rate). */
    static double checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("false-alarm rate alpha must lie in (0, 1), got "
                    + alpha);
        }
        return alpha;
    }

    /** Formats a number for verdicts: 2 significant-ish digits, no exponent for usual ranges. */
    static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(java.util.Locale.ROOT, "%.2g", v);
        }
        return String.format(java.util.Locale.ROOT, a < 0.1 ? "%.3f" : "%.2f", v);
    }

    /** 100·p with up to 4 significant digits and no trailing zeros, e.g. 0.99 → "99". */
    static String percent(double p) {
        return new java.math.BigDecimal(100 * p).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString();
    }
}
