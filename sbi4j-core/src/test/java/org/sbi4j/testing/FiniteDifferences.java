package org.sbi4j.testing;

import java.util.function.DoubleSupplier;
import org.sbi4j.tensor.Matrix;

/**
 * Central finite differences for gradient checks.
 *
 * <p>The scalar function is evaluated in whatever precision the code under test uses (float32);
 * the step h = 1e-2·max(1, |v|) balances truncation error O(h²) against float32 rounding
 * O(ε·|f|/h), which keeps the relative error of a central difference near 1e-3 on well-scaled
 * inputs. Callers compare with {@link #relativeError}.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** Step used for a value v. */
    public static float step(float v) {
        return 1e-2f * Math.max(1f, Math.abs(v));
    }

    /**
     * d f / d values[off + i] for i &lt; n by central differences; the array is restored after
     * each probe. f must read the array afresh on every call.
     */
    public static double[] gradient(DoubleSupplier f, float[] values, int off, int n) {
        return gradient(f, values, off, n, 1e-2f);
    }

    /**
     * As {@link #gradient(DoubleSupplier, float[], int, int)} with step h = relStep·max(1, |v|):
     * a smaller step (e.g. 1e-3) suits functions evaluated internally in double precision whose
     * curvature makes the O(h²) truncation error of the default step too large.
     */
    public static double[] gradient(DoubleSupplier f, float[] values, int off, int n,
                                    float relStep) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            float v = values[off + i];
            float h = relStep * Math.max(1f, Math.abs(v));
            values[off + i] = v + h;
            double fp = f.getAsDouble();
            values[off + i] = v - h;
            double fm = f.getAsDouble();
            values[off + i] = v;
            g[i] = (fp - fm) / ((double) (v + h) - (double) (v - h));
        }
        return g;
    }

    /** Gradient with respect to every element of m's logical rows. */
    public static double[] gradient(DoubleSupplier f, Matrix m) {
        return gradient(f, m.data(), m.offset(), m.size());
    }

    /**
     * Jacobian J[r][c] = d out_r / d in_c of a vector function evaluated into {@code out} by
     * {@code eval}, by central differences on {@code in[off .. off+n)}.
     */
    public static double[][] jacobian(Runnable eval, float[] in, int off, int n, float[] out,
                                      int outOff, int outN) {
        double[][] j = new double[outN][n];
        float[] plus = new float[outN];
        for (int c = 0; c < n; c++) {
            float v = in[off + c];
            float h = step(v);
            in[off + c] = v + h;
            eval.run();
            System.arraycopy(out, outOff, plus, 0, outN);
            in[off + c] = v - h;
            eval.run();
            in[off + c] = v;
            double denom = (double) (v + h) - (double) (v - h);
            for (int r = 0; r < outN; r++) {
                j[r][c] = (plus[r] - (double) out[outOff + r]) / denom;
            }
        }
        eval.run();
        return j;
    }

    /**
     * max_i |a_i − b_i| / max(‖b‖_∞, floor): the error relative to the gradient's scale, so
     * entries near zero do not blow the ratio up. floor guards against an all-zero gradient.
     */
    public static double relativeError(double[] a, double[] b, double floor) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
        }
        double scale = floor;
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / scale;
    }

    /** Converts a float array range to double. */
    public static double[] toDouble(float[] v, int off, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v[off + i];
        }
        return d;
    }
}
