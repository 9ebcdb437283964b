package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels#softmaxRows} with one row per lane: L rows at a time are gathered into a
 * transposed n×L panel (a short last block is copied, with zeros in the lanes of missing rows), then per lane the maximum, the
 * exponentials ({@link VectorMath#exp}) and their sum run over j in order, so every row gets
 * the same operations whatever block or lane it falls in, and the values do not depend on m.
 * A spline with K = 10 bins needs two such softmaxes per element: per row this costs about the
 * work of two exponentials instead of twenty, and no horizontal reductions.
 */
final class VectorSoftmax {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread gather offsets r·stride of the L rows of a block. */
    private static final ThreadLocal<int[]> LANES = ThreadLocal.withInitial(() -> new int[L]);

    private VectorSoftmax() {
    }

    static void rows(int m, int n, float alpha, float[] x, int xOff, int stride, float[] y,
                     int yOff) {
        float[] panel = PANEL.get();
        if (panel.length < n * L) {
            panel = new float[n * L];
            PANEL.set(panel);
        }
        int[] lanes = LANES.get();
        for (int r = 0; r < L; r++) {
            lanes[r] = r * stride;
        }
        for (int i0 = 0; i0 < m; i0 += L) {
            int rows = Math.min(L, m - i0);
            if (rows == L) { // a gather per j: lane r reads x[xOff + (i0 + r)·stride + j]
                int base = xOff + i0 * stride;
                for (int j = 0; j < n; j++) {
                    FloatVector.fromArray(S, x, base + j, lanes, 0).intoArray(panel, j * L);
                }
            } else {
                transpose(rows, n, x, xOff + i0 * stride, stride, panel);
            }
            FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                mx = mx.max(FloatVector.fromArray(S, panel, j * L).mul(alpha));
            }
            FloatVector sum = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, panel, j * L).mul(alpha)
                        .sub(mx));
                e.intoArray(panel, j * L);
                sum = sum.add(e);
            }
            if (rows == L) {
                for (int j = 0; j < n; j++) {
                    FloatVector.fromArray(S, panel, j * L).div(sum).intoArray(y, yOff + j * m + i0);
                }
            } else {
                VectorMask<Float> mk = S.indexInRange(0, rows);
                for (int j = 0; j < n; j++) {
                    FloatVector.fromArray(S, panel, j * L).div(sum)
                            .intoArray(y, yOff + j * m + i0, mk);
                }
            }
        }
    }

    /** The first rows rows (of n values, stride apart from x[off]) into the panel, zeros after. */
    private static void transpose(int rows, int n, float[] x, int off, int stride, float[] panel) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                panel[j * L + r] = x[off + r * stride + j];
            }
        }
        for (int r = rows; r < L; r++) {
            for (int j = 0; j < n; j++) {
                panel[j * L + r] = 0f;
            }
        }
    }
}
