package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM micro-kernels on the preferred float species (Goto &amp; van de Geijn 2008,
 * "Anatomy of high-performance matrix multiplication", without packing).
 *
 * <p>Computes rows [i0, i1) of C[m×n] = α·Â·B + β·C, where Â(i, p) = a[aOff + i·rs + p·cs]
 * (rs = k, cs = 1 for A; rs = 1, cs = m for Aᵀ) and B is k×n row-major. A block of 4 rows × up to
 * 3 vectors of columns lives in 12 accumulators while p runs over k (one broadcast of Â(i, p) per
 * row, one load of B per vector, one FMA per accumulator).
 *
 * <p>Every element is computed the same way whatever kernel or thread handles it: acc = 0, then
 * acc = fma(Â(i, p), B(p, j), acc) for p = 0..k−1, then C = α·acc (β = 0: the old C, even NaN,
 * is blended away) or α·acc + β·C.
 * These are exactly rounded IEEE operations, so results do not depend on the row split, the JIT
 * tier or the column tail (masked lanes).
 *
 * <p>Code shape: no method takes or returns a vector unless it is tiny, because C2 inlines cold
 * call sites (code after a loop) only below 35 bytecodes, and a vector crossing a call that is
 * not inlined is boxed on the heap. Hence the stores are written out in each micro-kernel.
 */
final class VectorGemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows per register block; parallel row splits are multiples of it. */
    static final int MR = 4;

    private VectorGemm() {
    }

    /** Rows [i0, i1) of C = α·Â·B + β·C (see the class comment for Â). */
    static void rows(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int rs, int cs,
                     float[] b, int bOff, float beta, float[] c, int cOff) {
        int j = 0;
        for (; j + 3 * L <= n; j += 3 * L) {
            strip(3, L, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
        if (j + 2 * L <= n) {
            strip(2, L, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            j += 2 * L;
        }
        if (j + L <= n) {
            strip(1, L, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            j += L;
        }
        if (j < n) {
            strip(1, n - j, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
    }

    private static void strip(int w, int valid, int j, int i0, int i1, int n, int k,
                              float alpha, float[] a, int aOff, int rs, int cs, float[] b, int bOff,
                              float beta, float[] c, int cOff) {
        int i = i0;
        for (; i + MR <= i1; i += MR) {
            int a0 = aOff + i * rs;
            int c0 = cOff + i * n + j;
            if (w == 3) {
                k4x3(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0);
            } else if (w == 2) {
                k4x2(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0);
            } else {
                k4x1(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0, valid);
            }
        }
        for (; i < i1; i++) {
            int a0 = aOff + i * rs;
            int c0 = cOff + i * n + j;
            if (w == 3) {
                k1x3(k, n, alpha, beta, a, a0, cs, b, bOff + j, c, c0);
            } else {
                for (int v = 0; v < w; v++) {
                    k1x1(k, n, alpha, beta, a, a0, cs, b, bOff + j + v * L, c, c0 + v * L, valid);
                }
            }
        }
    }

    private static void k4x3(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                             float[] b, int b0, float[] c, int c0) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(av, c00);
            c01 = b1v.fma(av, c01);
            c02 = b2v.fma(av, c02);
            av = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0v.fma(av, c10);
            c11 = b1v.fma(av, c11);
            c12 = b2v.fma(av, c12);
            av = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0v.fma(av, c20);
            c21 = b1v.fma(av, c21);
            c22 = b2v.fma(av, c22);
            av = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0v.fma(av, c30);
            c31 = b1v.fma(av, c31);
            c32 = b2v.fma(av, c32);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        int o = c0;
        c00.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c01.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c02.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        o += n;
        c10.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c11.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c12.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        o += n;
        c20.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c21.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c22.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        o += n;
        c30.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c31.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c32.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
    }

    private static void k4x2(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                             float[] b, int b0, float[] c, int c0) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(av, c00);
            c01 = b1v.fma(av, c01);
            av = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0v.fma(av, c10);
            c11 = b1v.fma(av, c11);
            av = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0v.fma(av, c20);
            c21 = b1v.fma(av, c21);
            av = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0v.fma(av, c30);
            c31 = b1v.fma(av, c31);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        int o = c0;
        c00.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c01.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        o += n;
        c10.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c11.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        o += n;
        c20.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c21.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        o += n;
        c30.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c31.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
    }

    private static void k4x1(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                             float[] b, int b0, float[] c, int c0, int valid) {
        VectorMask<Float> m = S.indexInRange(0, valid);
        FloatVector c0v = FloatVector.zero(S), c1v = c0v, c2v = c0v, c3v = c0v;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector bv = FloatVector.fromArray(S, b, bp, m);
            c0v = bv.fma(FloatVector.broadcast(S, a[ap]), c0v);
            c1v = bv.fma(FloatVector.broadcast(S, a[ap + rs]), c1v);
            c2v = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2v);
            c3v = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3v);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        int o = c0;
        c0v.mul(al).add(FloatVector.fromArray(S, c, o, m).mul(be), bm).intoArray(c, o, m);
        o += n;
        c1v.mul(al).add(FloatVector.fromArray(S, c, o, m).mul(be), bm).intoArray(c, o, m);
        o += n;
        c2v.mul(al).add(FloatVector.fromArray(S, c, o, m).mul(be), bm).intoArray(c, o, m);
        o += n;
        c3v.mul(al).add(FloatVector.fromArray(S, c, o, m).mul(be), bm).intoArray(c, o, m);
    }

    private static void k1x3(int k, int n, float alpha, float beta, float[] a, int a0, int cs,
                             float[] b, int b0, float[] c, int c0) {
        FloatVector c0v = FloatVector.zero(S), c1v = c0v, c2v = c0v;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c0v = FloatVector.fromArray(S, b, bp).fma(av, c0v);
            c1v = FloatVector.fromArray(S, b, bp + L).fma(av, c1v);
            c2v = FloatVector.fromArray(S, b, bp + 2 * L).fma(av, c2v);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        c0v.mul(al).add(FloatVector.fromArray(S, c, c0).mul(be), bm).intoArray(c, c0);
        c1v.mul(al).add(FloatVector.fromArray(S, c, c0 + L).mul(be), bm).intoArray(c, c0 + L);
        c2v.mul(al).add(FloatVector.fromArray(S, c, c0 + 2 * L).mul(be), bm).intoArray(c, c0 + 2 * L);
    }

    private static void k1x1(int k, int n, float alpha, float beta, float[] a, int a0, int cs,
                             float[] b, int b0, float[] c, int c0, int valid) {
        VectorMask<Float> m = S.indexInRange(0, valid);
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            acc = FloatVector.fromArray(S, b, bp, m).fma(FloatVector.broadcast(S, a[ap]), acc);
        }
        FloatVector be = FloatVector.broadcast(S, beta);
        acc.mul(alpha).add(FloatVector.fromArray(S, c, c0, m).mul(be), S.maskAll(beta != 0f)).intoArray(c, c0, m);
    }

    /**
     * Rows [i0, i1) of C = α·A·Bᵀ + β·C by dot products (for few rows, where packing Bᵀ would cost
     * more than it saves): four rows of B share each load of A; each dot is summed lane-wise over p
     * (masked tail) and then by the fixed tree of {@link VectorMath#HALVES}, so the order is fixed.
     */
    static void ntDots(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, float[] b,
                       int bOff, float beta, float[] c, int cOff) {
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bOff + j * k;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < k; p += L) {
                    VectorMask<Float> m = S.indexInRange(p, k);
                    FloatVector av = FloatVector.fromArray(S, a, ai + p, m);
                    s0 = FloatVector.fromArray(S, b, bj + p, m).fma(av, s0);
                    s1 = FloatVector.fromArray(S, b, bj + k + p, m).fma(av, s1);
                    s2 = FloatVector.fromArray(S, b, bj + 2 * k + p, m).fma(av, s2);
                    s3 = FloatVector.fromArray(S, b, bj + 3 * k + p, m).fma(av, s3);
                }
                for (VectorShuffle<Float> sh : VectorMath.HALVES) { // hsum, written out (see class doc)
                    s0 = s0.add(s0.rearrange(sh));
                    s1 = s1.add(s1.rearrange(sh));
                    s2 = s2.add(s2.rearrange(sh));
                    s3 = s3.add(s3.rearrange(sh));
                }
                put(c, ci + j, alpha, beta, s0.lane(0));
                put(c, ci + j + 1, alpha, beta, s1.lane(0));
                put(c, ci + j + 2, alpha, beta, s2.lane(0));
                put(c, ci + j + 3, alpha, beta, s3.lane(0));
            }
            for (; j < n; j++) {
                int bj = bOff + j * k;
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p += L) {
                    VectorMask<Float> m = S.indexInRange(p, k);
                    s0 = FloatVector.fromArray(S, b, bj + p, m).fma(FloatVector.fromArray(S, a, ai + p, m), s0);
                }
                for (VectorShuffle<Float> sh : VectorMath.HALVES) {
                    s0 = s0.add(s0.rearrange(sh));
                }
                put(c, ci + j, alpha, beta, s0.lane(0));
            }
        }
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
