package org.sbi4j.flows;

import org.sbi4j.kernels.Activation;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.tensor.Ops;

/**
 * Where each element of one {@link RationalQuadraticSpline} call falls: a thread's working room,
 * reused across calls (it grows to the largest call). It holds the bin width and height softmaxes
 * of all elements (as {@link Kernels#softmaxRows} writes them: π_w of element i, bin j at
 * [j·n + i], π_h at [K·n + j·n + i]), and per element i its bin k (−1 outside [−B, B]),
 * {@code geo[4i..4i+3]} = x_k, w_k, y_k, h_k, the logits of the knot derivatives at the bin's two
 * ends and their softplus. The softmaxes and the softplus of all elements run as kernel calls:
 * per element in double precision, their exp and log were the largest cost of sampling a flow.
 */
final class SplineBins {

    private static final Kernels KERNELS = Ops.kernels();
    private static final ThreadLocal<SplineBins> ROOM = ThreadLocal.withInitial(SplineBins::new);

    float[] probs = new float[0];
    int[] bin = new int[0];
    double[] geo = new double[0];
    float[] logits = new float[0];
    float[] softplus = new float[0];

    private SplineBins() {
    }

    /** This thread's room, with space for n elements of a spline with k bins. */
    private static SplineBins of(int n, int k) {
        SplineBins b = ROOM.get();
        if (b.probs.length < 2 * k * n + 64) { // slack: full-width stores of a last, partial block
            b.probs = new float[2 * k * n + 64];
        }
        if (b.bin.length < n) {
            b.bin = new int[n];
            b.geo = new double[4 * n];
            b.logits = new float[2 * n];
            b.softplus = new float[2 * n];
        }
        return b;
    }

    /**
     * The width and height softmaxes of the n parameter blocks (block i at pOff + i·pStride) into
     * this thread's room: one kernel call each, one block per vector lane.
     */
    static float[] softmaxes(RationalQuadraticSpline s, int n, float[] p, int pOff, int pStride) {
        int k = s.bins();
        float[] probs = of(n, k).probs;
        KERNELS.softmaxRows(n, k, s.logitScale(), p, pOff, pStride, probs, 0);
        KERNELS.softmaxRows(n, k, s.logitScale(), p, pOff + k, pStride, probs, k * n);
        return probs;
    }

    /**
     * Locates the bin of every element v_i (by x knots, or by y knots for the inverse) and the
     * softplus of its two knot-derivative logits (one kernel call for all elements).
     */
    static SplineBins locate(RationalQuadraticSpline s, int n, float[] v, int vOff, int vStride,
                             float[] p, int pOff, int pStride, boolean byY) {
        float[] probs = softmaxes(s, n, p, pOff, pStride);
        int k = s.bins();
        double bound = s.bound();
        SplineBins b = of(n, k);
        for (int i = 0; i < n; i++) {
            double t = v[vOff + i * vStride];
            if (!(t >= -bound && t <= bound)) {
                b.bin[i] = -1;
                b.logits[2 * i] = 0f;
                b.logits[2 * i + 1] = 0f;
                continue;
            }
            int bin = walk(s, probs, i, n, t, byY, b.geo, 4 * i);
            int po = pOff + i * pStride + 2 * k;
            b.bin[i] = bin;
            b.logits[2 * i] = bin >= 1 ? p[po + bin - 1] : 0f;
            b.logits[2 * i + 1] = bin + 1 <= k - 1 ? p[po + bin] : 0f;
        }
        KERNELS.activate(Activation.SOFTPLUS, 2 * n, b.logits, 0, b.softplus, 0);
        return b;
    }

    /** δ at the left (end 0) or right (end 1) knot of element i's bin: 1 at the boundaries. */
    double derivative(RationalQuadraticSpline s, int i, int end) {
        int j = bin[i] + end;
        return j == 0 || j == s.bins() ? 1.0 : s.minDerivative() + softplus[2 * i + end];
    }

    /**
     * Walks the knots of block i (of n) only up to the bin holding v, by x knots (forward) or y
     * knots (inverse), and returns the bin k with g[o..o+3] = x_k, w_k, y_k, h_k. The knots are
     * summed in the order of the spline's full knot sums, so the values are the same bits. (A
     * walk over all K − 1 knots with selects instead of the exit was slower: 71 against 55 ns
     * per inverse; the double sums are a dependency chain.)
     */
    private static int walk(RationalQuadraticSpline s, float[] probs, int i, int n, double v,
                            boolean byY, double[] g, int o) {
        int k = s.bins();
        double bound = s.bound();
        double aw = 1.0 - s.minWidth() * k;
        double ah = 1.0 - s.minHeight() * k;
        double twoB = 2.0 * bound;
        double xk = -bound;
        double yk = -bound;
        double xn = bound;
        double yn = bound;
        int b = 0;
        for (; b < k - 1; b++) {
            xn = xk + twoB * (s.minWidth() + aw * probs[i + b * n]);
            yn = yk + twoB * (s.minHeight() + ah * probs[k * n + i + b * n]);
            if (v < (byY ? yn : xn)) {
                break;
            }
            xk = xn;
            yk = yn;
        }
        if (b == k - 1) {
            xn = bound;
            yn = bound;
        }
        g[o] = xk;
        g[o + 1] = xn - xk;
        g[o + 2] = yk;
        g[o + 3] = yn - yk;
        return b;
    }
}
