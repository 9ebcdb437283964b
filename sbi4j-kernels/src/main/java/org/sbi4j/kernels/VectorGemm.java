package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
 *
 * <p>Masked loads and stores are used only when the whole vector lies inside the array: past
 * the end, the Vector API falls back to a per-lane index check that costs far more than the
 * product (seen in a JFR profile of flow training, where narrow matrices are common). Column
 * tails go to {@link VectorGemmEdge} (one overlapping vector per row), to the packed {@link #tail}
 * or to {@link GemmScalar}, which all perform the same operations per element.
 */
final class VectorGemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows per register block; parallel row splits are multiples of it. */
    static final int MR = 4;

    private VectorGemm() {
    }

    /**
     * Rows [i0, i1) of C = α·Â·B + β·C (see the class comment for Â): strips of three vectors of
     * columns; when n is not a multiple of L, the last one to three full vectors and the partial
     * one go together to {@link VectorGemmEdge}, except the narrow Aᵀ tails of
     * {@link #tailDownRows} and widths below L (the packed {@link #tail}).
     */
    static void rows(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int rs, int cs,
                     float[] b, int bOff, float beta, float[] c, int cOff) {
        int full = n / L;
        int valid = n - full * L;
        boolean edge = valid > 0 && full > 0 && !(rs == 1 && valid <= NARROW);
        int withEdge = edge ? (full % 3 == 0 ? 3 : full % 3) : 0;
        int end = (full - withEdge) * L;
        int j = 0;
        for (; j + 3 * L <= end; j += 3 * L) {
            strip(3, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
        if (j + 2 * L <= end) {
            strip(2, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            j += 2 * L;
        }
        if (j + L <= end) {
            strip(1, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            j += L;
        }
        if (edge) {
            VectorGemmEdge.strip(withEdge, valid, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff,
                    beta, c, cOff);
        } else if (j < n) {
            tail(n - j, j, i0, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
    }

    /** Per-thread scratch for the packed column tail of B and one row of results. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[L]});

    /**
     * The last {@code valid} &lt; L columns of C. Their B columns are packed into a k×L scratch
     * panel (lanes ≥ valid hold stale values that only reach lanes that are never stored), so every
     * load is a full, unmasked vector: masked accesses whose full width passes the end of an array
     * are not intrinsified (the Vector API falls back to per-lane checks, ~100× slower), and the
     * last rows of a small B always hit that case. Results go through a scratch row (unmasked
     * vector store, then a copy of the valid lanes). Each element gets exactly the operations of the
     * other kernels, so results are the same bits.
     */
    static void tail(int valid, int j, int i0, int i1, int n, int k, float alpha,
                             float[] a, int aOff, int rs, int cs, float[] b, int bOff, float beta,
                             float[] c, int cOff) {
        if (rs == 1 && valid <= NARROW) {
            tailDownRows(valid, j, i0, i1, n, k, alpha, a, aOff, cs, b, bOff, beta, c, cOff);
            return;
        }
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < k * L) {
            scratch[0] = new float[Math.max(k * L, 2 * scratch[0].length)];
        }
        float[] bt = scratch[0];
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, bOff + p * n + j, bt, p * L, valid);
        }
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        FloatVector al = FloatVector.broadcast(S, alpha);
        FloatVector be = FloatVector.broadcast(S, beta);
        float[] row = scratch[1];
        int i = i0;
        for (; i + MR <= i1; i += MR) { // four rows: four independent FMA chains
            int ap = aOff + i * rs;
            FloatVector c0v = FloatVector.zero(S), c1v = c0v, c2v = c0v, c3v = c0v;
            for (int p = 0, bp = 0; p < k; p++, ap += cs, bp += L) {
                FloatVector bv = FloatVector.fromArray(S, bt, bp);
                c0v = bv.fma(FloatVector.broadcast(S, a[ap]), c0v);
                c1v = bv.fma(FloatVector.broadcast(S, a[ap + rs]), c1v);
                c2v = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2v);
                c3v = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3v);
            }
            int o = cOff + i * n + j;
            System.arraycopy(c, o, row, 0, valid);
            c0v.mul(al).add(FloatVector.fromArray(S, row, 0).mul(be), bm).intoArray(row, 0);
            System.arraycopy(row, 0, c, o, valid);
            o += n;
            System.arraycopy(c, o, row, 0, valid);
            c1v.mul(al).add(FloatVector.fromArray(S, row, 0).mul(be), bm).intoArray(row, 0);
            System.arraycopy(row, 0, c, o, valid);
            o += n;
            System.arraycopy(c, o, row, 0, valid);
            c2v.mul(al).add(FloatVector.fromArray(S, row, 0).mul(be), bm).intoArray(row, 0);
            System.arraycopy(row, 0, c, o, valid);
            o += n;
            System.arraycopy(c, o, row, 0, valid);
            c3v.mul(al).add(FloatVector.fromArray(S, row, 0).mul(be), bm).intoArray(row, 0);
            System.arraycopy(row, 0, c, o, valid);
        }
        for (; i < i1; i++) {
            int ap = aOff + i * rs;
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0, bp = 0; p < k; p++, ap += cs, bp += L) {
                acc = FloatVector.fromArray(S, bt, bp).fma(FloatVector.broadcast(S, a[ap]), acc);
            }
            int o = cOff + i * n + j;
            System.arraycopy(c, o, row, 0, valid);
            acc.mul(al).add(FloatVector.fromArray(S, row, 0).mul(be), bm).intoArray(row, 0);
            System.arraycopy(row, 0, c, o, valid);
        }
    }

    /** Column tails this narrow, with Â's rows contiguous, go to {@link #tailDownRows}. */
    static final int NARROW = 4;

    /**
     * A narrow column tail (at most {@link #NARROW} columns) when Â(i, p) = a[aOff + i + p·cs]
     * (rs = 1: the Aᵀ form of weight gradients, whose 50-wide outputs leave 2 columns): vectors
     * run down L rows of C instead of across columns, so every lane is useful (across columns
     * only 2 of 16 would be). Per row and column the operations are those of the other kernels
     * (acc = fma(Â(i, p), B(p, j), acc) for p in order, then α·acc, plus β·C unless β = 0); the
     * last rows (fewer than L) go to {@link GemmScalar#block}, which rounds the same way.
     */
    private static void tailDownRows(int valid, int j, int i0, int i1, int n, int k, float alpha,
                                     float[] a, int aOff, int cs, float[] b, int bOff, float beta,
                                     float[] c, int cOff) {
        float[] row = SCRATCH.get()[1];
        int i = i0;
        for (; i + L <= i1; i += L) {
            int jj = 0;
            for (; jj + 2 <= valid; jj += 2) {
                FloatVector acc0 = FloatVector.zero(S), acc1 = acc0;
                for (int p = 0, ap = aOff + i, bp = bOff + j + jj; p < k; p++, ap += cs, bp += n) {
                    FloatVector av = FloatVector.fromArray(S, a, ap);
                    acc0 = av.fma(FloatVector.broadcast(S, b[bp]), acc0);
                    acc1 = av.fma(FloatVector.broadcast(S, b[bp + 1]), acc1);
                }
                acc0.intoArray(row, 0);
                storeColumn(row, L, i, j + jj, n, alpha, beta, c, cOff);
                acc1.intoArray(row, 0);
                storeColumn(row, L, i, j + jj + 1, n, alpha, beta, c, cOff);
            }
            if (jj < valid) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, ap = aOff + i, bp = bOff + j + jj; p < k; p++, ap += cs, bp += n) {
                    acc = FloatVector.fromArray(S, a, ap).fma(FloatVector.broadcast(S, b[bp]), acc);
                }
                acc.intoArray(row, 0);
                storeColumn(row, L, i, j + jj, n, alpha, beta, c, cOff);
            }
        }
        if (i < i1) {
            GemmScalar.block(i1 - i, k, n, alpha, beta, a, aOff + i, 1, cs, b, bOff + j, c,
                    cOff + i * n + j, valid);
        }
    }

    /** C[i + r, col] = α·acc[r] (+ β·C[i + r, col] unless β = 0) for r &lt; rows. */
    private static void storeColumn(float[] acc, int rows, int i, int col, int n, float alpha,
                                    float beta, float[] c, int cOff) {
        for (int r = 0, o = cOff + i * n + col; r < rows; r++, o += n) {
            float v = alpha * acc[r];
            c[o] = beta != 0f ? v + beta * c[o] : v;
        }
    }

    /** Rows [i0, i1) of w full vectors of columns from j (4-row blocks, then single rows). */
    static void strip(int w, int j, int i0, int i1, int n, int k, float alpha, float[] a, int aOff,
                      int rs, int cs, float[] b, int bOff, float beta, float[] c, int cOff) {
        int i = i0;
        for (; i + MR <= i1; i += MR) {
            int a0 = aOff + i * rs;
            int c0 = cOff + i * n + j;
            if (w == 3) {
                k4x3(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0);
            } else if (w == 2) {
                k4x2(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0);
            } else {
                k4x1(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0);
            }
        }
        for (; i < i1; i++) {
            int a0 = aOff + i * rs;
            int c0 = cOff + i * n + j;
            if (w == 3) {
                k1x3(k, n, alpha, beta, a, a0, cs, b, bOff + j, c, c0);
            } else {
                for (int v = 0; v < w; v++) {
                    k1x1(k, n, alpha, beta, a, a0, cs, b, bOff + j + v * L, c, c0 + v * L);
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
                             float[] b, int b0, float[] c, int c0) {
        FloatVector c0v = FloatVector.zero(S), c1v = c0v, c2v = c0v, c3v = c0v;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector bv = FloatVector.fromArray(S, b, bp);
            c0v = bv.fma(FloatVector.broadcast(S, a[ap]), c0v);
            c1v = bv.fma(FloatVector.broadcast(S, a[ap + rs]), c1v);
            c2v = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2v);
            c3v = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3v);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        int o = c0;
        c0v.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        o += n;
        c1v.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        o += n;
        c2v.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        o += n;
        c3v.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
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
                             float[] b, int b0, float[] c, int c0) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            acc = FloatVector.fromArray(S, b, bp).fma(FloatVector.broadcast(S, a[ap]), acc);
        }
        FloatVector be = FloatVector.broadcast(S, beta);
        acc.mul(alpha).add(FloatVector.fromArray(S, c, c0).mul(be), S.maskAll(beta != 0f)).intoArray(c, c0);
    }
}
