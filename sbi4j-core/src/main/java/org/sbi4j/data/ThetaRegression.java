package org.sbi4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * Linear pre-conditioning of the standardised parameters on the standardised data: for each
 * parameter k that x predicts well, the estimator learns the residual
 * <pre>
 *   r_k = (z_k − c_k(x)) / s_k(x),   c_k(x) = b_k + Σ_j B_kj·x_j,
 *   log s_k(x) = clamp(g_k0 + Σ_j g_kj·x_j)
 * </pre>
 * with (b, B) the ridge regression of z_k on x over the training pairs and g the ridge regression
 * of log |z_k − c_k(x)| on x (plus 0.635 = −E log|N(0, 1)|), clamped to the range it takes on the
 * training x: a heteroscedastic linear model. When x pins θ down to a small part of its prior
 * (counts spanning orders of magnitude, a well-measured mean) the posterior in z units is far
 * narrower than the estimator's unit-scale base and its spline bins, and its width varies with
 * x; in r units it is of order one. For a fixed x the map is a shift and a scale, one more affine
 * z-scoring: {@link #conditioned} folds it into the θ standardiser of that observation
 * (log-densities gain Σ −log s_k(x); sampling, support checks and Jacobians work as before).
 *
 * <p>Only parameters whose residual standard deviation is below {@value #MAX_RESIDUAL_RATIO} of
 * their standard deviation are mapped (R² above 0.94); the others keep r_k = z_k. x wider than
 * {@value #MAX_X_DIM} values or holding non-finite values (NaN-padded sets) is not regressed.
 * Coefficients are rounded to float32 when fitted, so what is stored is what was trained on.
 */
public final class ThetaRegression {

    /** A parameter is regressed when residual sd / sd is below this. */
    public static final double MAX_RESIDUAL_RATIO = 0.25;
    /** Widest x regressed on (the normal equations cost n·p²/2). */
    public static final int MAX_X_DIM = 512;
    /** Ridge penalty per training pair on the standardised x coefficients. */
    static final double RIDGE = 1e-3;
    /** −E log|ε| for ε ~ N(0, 1): turns a mean log absolute residual into a log sd. */
    static final double LOG_ABS_NORMAL = 0.6351814227307391;

    /** d rows of [b_k, B_k1 … B_kp]; zero rows for parameters not regressed. */
    private final float[][] coef;
    /** d rows of [g_k0, g_k1 … g_kp]; zero rows (s = 1) for parameters not regressed. */
    private final float[][] scale;
    /** Range of log s_k(x) over the training x (the clamp). */
    private final float[] lo;
    private final float[] hi;

    private ThetaRegression(float[][] coef, float[][] scale, float[] lo, float[] hi) {
        this.coef = coef;
        this.scale = scale;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Fits the regression of standardised θ (n×d) on standardised x (n×p); null when no
     * parameter qualifies, x is wider than {@value #MAX_X_DIM}, has fewer than 2(p + 1) rows or
     * holds a non-finite value.
     */
    public static ThetaRegression fit(Matrix thetaZ, Matrix xZ) {
        int n = thetaZ.rows();
        int d = thetaZ.cols();
        int p = xZ.cols() + 1;
        if (xZ.cols() > MAX_X_DIM || n < 2 * p || !finite(xZ)) {
            return null;
        }
        RidgeLeastSquares ridge = RidgeLeastSquares.of(xZ, RIDGE * n);
        float[][] coef = ridge.solve(thetaZ);
        Matrix logAbs = Matrix.of(n, d);
        boolean[] keep = new boolean[d];
        boolean any = false;
        for (int k = 0; k < d; k++) {
            double ss = 0;
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                double t = thetaZ.get(i, k);
                double e = t - linear(coef[k], xZ.data(), xZ.rowOffset(i));
                ss += e * e;
                sum += t;
                sum2 += t * t;
                logAbs.set(i, k, (float) Math.log(Math.abs(e) + 1e-12));
            }
            double resid = Math.sqrt(ss / n);
            double total = Math.sqrt(Math.max(0, sum2 / n - (sum / n) * (sum / n)));
            keep[k] = resid > 0 && resid < MAX_RESIDUAL_RATIO * total;
            any |= keep[k];
        }
        if (!any) {
            return null;
        }
        float[][] scale = ridge.solve(logAbs);
        float[] lo = new float[d];
        float[] hi = new float[d];
        for (int k = 0; k < d; k++) {
            if (!keep[k]) {
                Arrays.fill(coef[k], 0f);
                Arrays.fill(scale[k], 0f);
                continue;
            }
            scale[k][0] += (float) LOG_ABS_NORMAL;
            lo[k] = Float.POSITIVE_INFINITY;
            hi[k] = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float g = (float) linear(scale[k], xZ.data(), xZ.rowOffset(i));
                lo[k] = Math.min(lo[k], g);
                hi[k] = Math.max(hi[k], g);
            }
        }
        return new ThetaRegression(coef, scale, lo, hi);
    }

    private static double linear(float[] c, float[] x, int off) {
        double s = c[0];
        for (int j = 1; j < c.length; j++) {
            s += c[j] * (double) x[off + j - 1];
        }
        return s;
    }

    private static boolean finite(Matrix m) {
        for (int i = 0; i < m.rows(); i++) {
            int off = m.rowOffset(i);
            for (int j = 0; j < m.cols(); j++) {
                if (!Float.isFinite(m.data()[off + j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Number of parameters. */
    public int dim() {
        return coef.length;
    }

    /** Length of the x rows it reads. */
    public int xDim() {
        return coef[0].length - 1;
    }

    /** Which parameters are mapped to residuals. */
    public boolean[] regressed() {
        boolean[] r = new boolean[coef.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = !(allZero(coef[k]) && allZero(scale[k]));
        }
        return r;
    }

    private static boolean allZero(float[] v) {
        for (float f : v) {
            if (f != 0f) {
                return false;
            }
        }
        return true;
    }

    /** c_k(x) for the x row at {@code x[off..]}. */
    public double shift(int k, float[] x, int off) {
        return linear(coef[k], x, off);
    }

    /** s_k(x) for the x row at {@code x[off..]}. */
    public double scale(int k, float[] x, int off) {
        double g = linear(scale[k], x, off);
        return Math.exp(lo[k] == hi[k] ? g : Math.min(hi[k], Math.max(lo[k], g)));
    }

    /** The pairs with θ (standardised) replaced by the residuals r; x unchanged. */
    public Dataset residuals(Dataset standardized) {
        Matrix t = standardized.theta();
        Matrix x = standardized.x();
        Matrix r = Matrix.of(t.rows(), t.cols());
        int d = coef.length;
        for (int i = 0; i < t.rows(); i++) {
            for (int k = 0; k < d; k++) {
                int off = x.rowOffset(i);
                r.set(i, k, (float) ((t.get(i, k) - shift(k, x.data(), off))
                        / scale(k, x.data(), off)));
            }
        }
        return Dataset.of(r, x, standardized.index(), standardized.xShape());
    }

    /**
     * The θ standardiser for one standardised observation x (at {@code xz[off..off+p)}): z-scoring
     * by {@code zTheta} followed by r = (z − c(x))/s(x), as one standardiser with mean μ + σ·c(x)
     * and standard deviation σ·s(x) (the log columns of zTheta kept).
     */
    public Standardizer conditioned(Standardizer zTheta, float[] xz, int off) {
        double[] mu = zTheta.mean();
        double[] s = zTheta.std();
        for (int k = 0; k < mu.length; k++) {
            mu[k] += s[k] * shift(k, xz, off);
            s[k] *= scale(k, xz, off);
        }
        return Standardizer.of(mu, s).withLog(zTheta.logShifts());
    }

    /** One line for the run's choices. */
    public String explanation(List<String> names) {
        List<String> mapped = new ArrayList<>();
        boolean[] r = regressed();
        for (int k = 0; k < r.length; k++) {
            if (r[k]) {
                mapped.add(String.format(java.util.Locale.ROOT,
                        "%s (residual sd %.3g to %.3g of its sd)", names.get(k),
                        Math.exp(lo[k]), Math.exp(hi[k])));
            }
        }
        return "parameters: learnt as residuals of a heteroscedastic linear regression on x for "
                + String.join(", ", mapped) + " (x predicts them closely: the posterior is much"
                + " narrower than the prior)";
    }

    /** The stored form: d rows of [lo_k, hi_k, b_k, B_k1 … B_kp, g_k0, g_k1 … g_kp]. */
    public float[][] toRows() {
        int p = coef[0].length;
        int d = coef.length;
        float[][] rows = new float[d][2 + 2 * p];
        for (int k = 0; k < d; k++) {
            rows[k][0] = lo[k];
            rows[k][1] = hi[k];
            System.arraycopy(coef[k], 0, rows[k], 2, p);
            System.arraycopy(scale[k], 0, rows[k], 2 + p, p);
        }
        return rows;
    }

    /** Reads {@link #toRows()}: d rows of 2(xDim + 2) finite values with lo ≤ hi. */
    public static ThetaRegression fromRows(float[][] rows, int d, int xDim) {
        if (rows.length != d) {
            throw new IllegalArgumentException("theta regression has " + rows.length
                    + " rows, the posterior has " + d + " parameters");
        }
        int p = xDim + 1;
        float[][] coef = new float[d][];
        float[][] scale = new float[d][];
        float[] lo = new float[d];
        float[] hi = new float[d];
        for (int k = 0; k < d; k++) {
            float[] r = rows[k];
            if (r.length != 2 + 2 * p) {
                throw new IllegalArgumentException("theta regression row " + k + " has "
                        + r.length + " values, expected " + (2 + 2 * p));
            }
            for (float v : r) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("theta regression row " + k
                            + " holds the value " + v + "; every value must be finite");
                }
            }
            if (!(r[0] <= r[1])) {
                throw new IllegalArgumentException("theta regression row " + k
                        + ": scale range [" + r[0] + ", " + r[1] + "] is empty");
            }
            lo[k] = r[0];
            hi[k] = r[1];
            coef[k] = Arrays.copyOfRange(r, 2, 2 + p);
            scale[k] = Arrays.copyOfRange(r, 2 + p, 2 + 2 * p);
        }
        return new ThetaRegression(coef, scale, lo, hi);
    }
}
