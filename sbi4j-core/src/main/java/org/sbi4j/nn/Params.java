package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Operations on a network's parameter list ({@link Layer#params()}), in its fixed order.
 *
 * <p>The flat layout concatenates each parameter's values row-major, in list order: it is what
 * best-weight snapshots and model files store. {@link #zeroGrad} and {@link #gradNorm}, used at
 * every training step, allocate nothing.
 */
public final class Params {

    private Params() {
    }

    /** Total number of scalar parameters. */
    public static int count(List<Param> params) {
        int n = 0;
        for (Param p : params) {
            n = Math.addExact(n, p.size());
        }
        return n;
    }

    /** Sets every gradient to zero. */
    public static void zeroGrad(List<Param> params) {
        for (int i = 0; i < params.size(); i++) { // indexed: no iterator per training step
            params.get(i).zeroGrad();
        }
    }

    /** A new flat array of all values. */
    public static float[] values(List<Param> params) {
        float[] out = new float[count(params)];
        copyValues(params, out);
        return out;
    }

    /** Copies all values into dst (length {@link #count}). */
    public static void copyValues(List<Param> params, float[] dst) {
        copy(params, dst, false);
    }

    /** Copies all gradients into dst (length {@link #count}). */
    public static void copyGrads(List<Param> params, float[] dst) {
        copy(params, dst, true);
    }

    /** Sets all values from src (length {@link #count}), e.g. to restore a snapshot. */
    public static void setValues(List<Param> params, float[] src) {
        checkLength(params, src.length);
        int pos = 0;
        for (Param p : params) {
            Matrix v = p.value();
            System.arraycopy(src, pos, v.data(), v.offset(), v.size());
            pos += v.size();
        }
    }

    /** Global gradient norm √(Σ_p ‖∇p‖²) over all parameters (accumulated in double). */
    public static double gradNorm(List<Param> params) {
        double s = 0;
        for (int i = 0; i < params.size(); i++) {
            Matrix g = params.get(i).grad();
            s += Ops.kernels().dot(g.size(), g.data(), g.offset(), g.data(), g.offset());
        }
        return Math.sqrt(s);
    }

    private static void copy(List<Param> params, float[] dst, boolean grads) {
        checkLength(params, dst.length);
        int pos = 0;
        for (Param p : params) {
            Matrix m = grads ? p.grad() : p.value();
            System.arraycopy(m.data(), m.offset(), dst, pos, m.size());
            pos += m.size();
        }
    }

    private static void checkLength(List<Param> params, int length) {
        int n = count(params);
        if (length != n) {
            throw new IllegalArgumentException("flat array of length " + length
                    + " does not match " + n + " parameters");
        }
    }
}
