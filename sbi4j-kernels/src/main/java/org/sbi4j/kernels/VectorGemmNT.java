package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** The NT form's helpers: dot products for few rows, and the transpose of B for packing. */
final class VectorGemmNT {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    private VectorGemmNT() {
    }

    /**
     * Rows [i0, i1) of C = α·A·Bᵀ + β·C by dot products (for few rows, where packing Bᵀ would cost
     * more than it saves): four rows of B share each load of A; each dot is summed lane-wise over
     * the full vectors of p, then by the fixed tree of {@link VectorMath#HALVES}, then the last
     * k mod L products are added one by one (Math.fma). The order depends on k only.
     */
    static void ntDots(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, float[] b,
                       int bOff, float beta, float[] c, int cOff) {
        int kv = k - k % L;
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bOff + j * k;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += L) {
                    FloatVector av = FloatVector.fromArray(S, a, ai + p);
                    s0 = FloatVector.fromArray(S, b, bj + p).fma(av, s0);
                    s1 = FloatVector.fromArray(S, b, bj + k + p).fma(av, s1);
                    s2 = FloatVector.fromArray(S, b, bj + 2 * k + p).fma(av, s2);
                    s3 = FloatVector.fromArray(S, b, bj + 3 * k + p).fma(av, s3);
                }
                for (VectorShuffle<Float> sh : VectorMath.HALVES) { // horizontal sums, written out
                    s0 = s0.add(s0.rearrange(sh));
                    s1 = s1.add(s1.rearrange(sh));
                    s2 = s2.add(s2.rearrange(sh));
                    s3 = s3.add(s3.rearrange(sh));
                }
                put(c, ci + j, alpha, beta, tail(s0.lane(0), kv, k, a, ai, b, bj));
                put(c, ci + j + 1, alpha, beta, tail(s1.lane(0), kv, k, a, ai, b, bj + k));
                put(c, ci + j + 2, alpha, beta, tail(s2.lane(0), kv, k, a, ai, b, bj + 2 * k));
                put(c, ci + j + 3, alpha, beta, tail(s3.lane(0), kv, k, a, ai, b, bj + 3 * k));
            }
            for (; j < n; j++) {
                int bj = bOff + j * k;
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    s0 = FloatVector.fromArray(S, b, bj + p).fma(FloatVector.fromArray(S, a, ai + p), s0);
                }
                for (VectorShuffle<Float> sh : VectorMath.HALVES) {
                    s0 = s0.add(s0.rearrange(sh));
                }
                put(c, ci + j, alpha, beta, tail(s0.lane(0), kv, k, a, ai, b, bj));
            }
        }
    }

    /** s + Σ a[ai+p]·b[bj+p] for p in [kv, k), one fused multiply-add at a time. */
    private static float tail(float s, int kv, int k, float[] a, int ai, float[] b, int bj) {
        for (int p = kv; p < k; p++) {
            s = Math.fma(a[ai + p], b[bj + p], s);
        }
        return s;
    }

    private static void put(float[] c, int idx, float alpha, float beta, float s) {
        c[idx] = beta == 0f ? alpha * s : alpha * s + beta * c[idx];
    }

    /** bt[p·n + j] = b[bOff + j·k + p]: the k×n transpose of the n×k matrix B, in 16-row panels. */
    static void transpose(int n, int k, float[] b, int bOff, float[] bt) {
        for (int j0 = 0; j0 < n; j0 += 16) {
            int j1 = Math.min(n, j0 + 16);
            for (int p = 0; p < k; p++) {
                int row = p * n;
                for (int j = j0; j < j1; j++) {
                    bt[row + j] = b[bOff + j * k + p];
                }
            }
        }
    }
}
