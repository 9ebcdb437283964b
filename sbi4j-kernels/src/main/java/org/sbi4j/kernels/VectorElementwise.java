package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the row/column, BLAS-1 and reduction kernels of {@link Kernels}. Tails
 * shorter than a vector use masked loads and stores. Sums use four vector accumulators (lane l of
 * accumulator q holds the elements i ≡ 4L·t + q·L + l) combined as (s0 + s1) + (s2 + s3) and then by
 * {@link VectorMath#HALVES}: a fixed order, so repeated calls give the same bits.
 */
final class VectorElementwise {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    private VectorElementwise() {
    }

    // Column tails are scalar, or (addRowVector) one last vector overlapping the full ones with only
    // its tail lanes stored: a masked access whose full width would pass the end of its array (bias
    // vectors and small matrices, on every row) is not intrinsified. Each tail element is computed
    // with the same operations as a vector lane, so results are the same bits.

    static void addRowVector(int m, int n, float[] bias, int biasOff, float[] c, int cOff) {
        int full = n - n % L;
        if (full == 0 || full == n) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                for (int j = 0; j < full; j += L) {
                    FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, bias, biasOff + j))
                            .intoArray(c, ci + j);
                }
                for (int j = full; j < n; j++) {
                    c[ci + j] += bias[biasOff + j];
                }
            }
            return;
        }
        // the last L columns as one vector overlapping the full ones, only its top lanes stored;
        // loaded before the row's stores (a load overlapping a just-stored vector stalls)
        VectorMask<Float> top = S.indexInRange(0, L - (n - full)).not();
        FloatVector lastBias = FloatVector.fromArray(S, bias, biasOff + n - L);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            FloatVector last = FloatVector.fromArray(S, c, ci + n - L).add(lastBias);
            for (int j = 0; j < full; j += L) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, bias, biasOff + j))
                        .intoArray(c, ci + j);
            }
            last.intoArray(c, ci + n - L, top);
        }
    }

    static void columnSums(int m, int n, float[] a, int aOff, float beta, float[] out, int outOff) {
        int full = n - n % L;
        for (int j = 0; j < full; j += L) {
            FloatVector acc = beta == 0f ? FloatVector.zero(S)
                    : FloatVector.fromArray(S, out, outOff + j).mul(beta);
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                acc = acc.add(FloatVector.fromArray(S, a, ai));
            }
            acc.intoArray(out, outOff + j);
        }
        for (int j = full; j < n; j++) {
            float acc = beta == 0f ? 0f : out[outOff + j] * beta;
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                acc += a[ai];
            }
            out[outOff + j] = acc;
        }
    }

    static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i)
                    .fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    /** y = x + r·s lane-wise (product rounded, then the sum, as the scalar loop), the tail scalar. */
    static void addProduct(int n, float[] x, int xOff, float[] r, int rOff, float[] s, int sOff,
                           float[] y, int yOff) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector p = FloatVector.fromArray(S, r, rOff + i).mul(FloatVector.fromArray(S, s, sOff + i));
            FloatVector.fromArray(S, x, xOff + i).add(p).intoArray(y, yOff + i);
        }
        ScalarKernels.INSTANCE.addProduct(n - i, x, xOff + i, r, rOff + i, s, sOff + i, y, yOff + i);
    }

    /** {@link Kernels#gatedResidualBackward}: the scalar operations lane-wise, the tail scalar. */
    static void gateBackward(int n, float[] g, int gOff, float[] r, int rOff, float[] s, int sOff,
                             float[] gr, int grOff, float[] ga, int gaOff) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, gOff + i);
            FloatVector sv = FloatVector.fromArray(S, s, sOff + i);
            gv.mul(sv).intoArray(gr, grOff + i);
            gv.mul(FloatVector.fromArray(S, r, rOff + i)).mul(sv).mul(sv.neg().add(1f))
                    .intoArray(ga, gaOff + i);
        }
        ScalarKernels.INSTANCE.gatedResidualBackward(n - i, g, gOff + i, r, rOff + i, s, sOff + i,
                gr, grOff + i, ga, gaOff + i);
    }

    /** {@link Kernels#adam}: the same operations lane-wise (√ is exactly rounded), the tail scalar. */
    static void adam(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                     float[] v, int vOff, float b1, float b2, float eps, float step,
                     float invSqrtBc2, float l2, float shrink) {
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i).add(wi.mul(l2));
            FloatVector mi = FloatVector.fromArray(S, m, mOff + i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, vOff + i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).mul(invSqrtBc2).add(eps);
            wi.mul(shrink).sub(mi.mul(step).div(denom)).intoArray(w, wOff + i);
        }
        ScalarKernels.INSTANCE.adam(n - i, w, wOff + i, g, gOff + i, m, mOff + i, v, vOff + i, b1, b2,
                eps, step, invSqrtBc2, l2, shrink);
    }

    static void scale(int n, float alpha, float[] x, int xOff) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    static float sum(int n, float[] x, int xOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOff + i));
            s1 = s1.add(FloatVector.fromArray(S, x, xOff + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, xOff + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, xOff + i + 3 * L));
        }
        for (; i < n; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n)));
        }
        FloatVector v = s0.add(s1).add(s2.add(s3));
        for (VectorShuffle<Float> sh : VectorMath.HALVES) { // horizontal sum of VectorMath.HALVES (no boxing)
            v = v.add(v.rearrange(sh));
        }
        return v.lane(0);
    }

    static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
            s1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), s1);
            s2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).fma(FloatVector.fromArray(S, y, yOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).fma(FloatVector.fromArray(S, y, yOff + i + 3 * L), s3);
        }
        for (; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            s0 = FloatVector.fromArray(S, x, xOff + i, mk).fma(FloatVector.fromArray(S, y, yOff + i, mk), s0);
        }
        FloatVector v = s0.add(s1).add(s2.add(s3));
        for (VectorShuffle<Float> sh : VectorMath.HALVES) { // horizontal sum of VectorMath.HALVES (no boxing)
            v = v.add(v.rearrange(sh));
        }
        return v.lane(0);
    }

    /** Max with Math.max semantics (NaN wins), so the lane order does not matter. */
    static float max(int n, float[] x, int xOff) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i <= n - L; i += L) {
            acc = acc.max(FloatVector.fromArray(S, x, xOff + i));
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, xOff + i, mk), mk);
        }
        return acc.reduceLanes(VectorOperators.MAX);
    }
}
