package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last column strip of a GEMM whose width n is not a multiple of the vector length L:
 * w ∈ {1, 2, 3} full vectors plus the {@code valid} &lt; L remaining columns, four rows at a time,
 * in 4·(w + 1) accumulators. The remaining columns share every broadcast of Â with the full
 * vectors, so a 50-wide hidden layer (3·16 + 2) costs one pass over k instead of a pass for 48
 * columns and a second, badly filled one for 2 (a JFR profile of flow sampling put that second
 * pass, with its packing and copies, at 20 % of the time).
 *
 * <p>The extra vector holds the <em>last</em> L columns of each row, n − L .. n − 1 (n ≥ L, so
 * its loads and stores never pass the end of a row, hence of the array: no masked access falls
 * back to per-lane checks); only its top {@code valid} lanes are stored, with a mask. Lanes below
 * repeat columns the full vectors compute. Its old C is loaded before the row's other stores: a
 * load overlapping a vector just stored cannot be forwarded and stalls. Per element the operations are those of
 * {@link VectorGemm}: acc = fma(Â(i, p), B(p, j), acc) for p in order, then α·acc (+ β·C unless
 * β = 0), so the bits do not change.
 *
 * <p>Each kernel is one loop (a second one for leftover steps made C1 run out of virtual
 * registers, leaving the method unintrinsified at tier 2 for seconds).
 */
final class VectorGemmEdge {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = VectorGemm.L;

    private VectorGemmEdge() {
    }

    /**
     * Rows [i0, i1) of columns [j, n) of C, where n − j = w·L + valid (see {@link VectorGemm#rows});
     * the rows left over after the 4-row blocks go to the 1-row kernels and the packed tail.
     */
    static void strip(int w, int valid, int j, int i0, int i1, int n, int k, float alpha, float[] a,
                      int aOff, int rs, int cs, float[] b, int bOff, float beta, float[] c, int cOff) {
        int last = n - L - j; // the last L columns, relative to j
        int i = i0;
        for (; i + VectorGemm.MR <= i1; i += VectorGemm.MR) {
            int a0 = aOff + i * rs;
            int c0 = cOff + i * n + j;
            if (w == 3) {
                k4x3p(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0, last, valid);
            } else if (w == 2) {
                k4x2p(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0, last, valid);
            } else {
                k4x1p(k, n, alpha, beta, a, a0, rs, cs, b, bOff + j, c, c0, last, valid);
            }
        }
        if (i < i1) {
            VectorGemm.strip(w, j, i, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            VectorGemm.tail(valid, j + w * L, i, i1, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c,
                    cOff);
        }
    }

    private static void k4x3p(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                              float[] b, int b0, float[] c, int c0, int last, int valid) {
        VectorMask<Float> top = S.indexInRange(0, L - valid).not(); // lanes L − valid .. L − 1
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00;
        FloatVector c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3v = FloatVector.fromArray(S, b, bp + last);
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = b0v.fma(av, c00);
            c01 = b1v.fma(av, c01);
            c02 = b2v.fma(av, c02);
            c03 = b3v.fma(av, c03);
            av = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0v.fma(av, c10);
            c11 = b1v.fma(av, c11);
            c12 = b2v.fma(av, c12);
            c13 = b3v.fma(av, c13);
            av = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0v.fma(av, c20);
            c21 = b1v.fma(av, c21);
            c22 = b2v.fma(av, c22);
            c23 = b3v.fma(av, c23);
            av = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0v.fma(av, c30);
            c31 = b1v.fma(av, c31);
            c32 = b2v.fma(av, c32);
            c33 = b3v.fma(av, c33);
        }
        FloatVector al = FloatVector.broadcast(S, alpha), be = FloatVector.broadcast(S, beta);
        VectorMask<Float> bm = S.maskAll(beta != 0f);
        int o = c0;
        FloatVector t03 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c00.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c01.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c02.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        c03.mul(al).add(t03.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t13 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c10.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c11.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c12.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        c13.mul(al).add(t13.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t23 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c20.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c21.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c22.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        c23.mul(al).add(t23.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t33 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c30.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c31.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c32.mul(al).add(FloatVector.fromArray(S, c, o + 2 * L).mul(be), bm).intoArray(c, o + 2 * L);
        c33.mul(al).add(t33.mul(be), bm).intoArray(c, o + last, top);
    }

    private static void k4x2p(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                              float[] b, int b0, float[] c, int c0, int last, int valid) {
        VectorMask<Float> top = S.indexInRange(0, L - valid).not(); // lanes L − valid .. L − 1
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bp + last);
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
        FloatVector t02 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c00.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c01.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c02.mul(al).add(t02.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t12 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c10.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c11.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c12.mul(al).add(t12.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t22 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c20.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c21.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c22.mul(al).add(t22.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t32 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c30.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c31.mul(al).add(FloatVector.fromArray(S, c, o + L).mul(be), bm).intoArray(c, o + L);
        c32.mul(al).add(t32.mul(be), bm).intoArray(c, o + last, top);
    }

    private static void k4x1p(int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                              float[] b, int b0, float[] c, int c0, int last, int valid) {
        VectorMask<Float> top = S.indexInRange(0, L - valid).not(); // lanes L − valid .. L − 1
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int p = 0, ap = a0, bp = b0; p < k; p++, ap += cs, bp += n) {
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + last);
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
        FloatVector t01 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c00.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c01.mul(al).add(t01.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t11 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c10.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c11.mul(al).add(t11.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t21 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c20.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c21.mul(al).add(t21.mul(be), bm).intoArray(c, o + last, top);
        o += n;
        FloatVector t31 = FloatVector.fromArray(S, c, o + last); // before the row's stores
        c30.mul(al).add(FloatVector.fromArray(S, c, o).mul(be), bm).intoArray(c, o);
        c31.mul(al).add(t31.mul(be), bm).intoArray(c, o + last, top);
    }
}
