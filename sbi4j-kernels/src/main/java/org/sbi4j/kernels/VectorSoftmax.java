package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels#softmaxRows} with one row per lane: L rows at a time are copied into a
 * transposed n×L panel (zeros in the lanes of missing rows), then per lane the maximum, the
 * exponentials ({@link VectorMath#exp}) and their sum run over j in order, so every row gets
 * the same operations whatever block or lane it falls in, and the values do not depend on m.
 * A spline with K = 10 bins needs two such softmaxes per element: per row this costs about the
 * work of two exponentials instead of twenty, and no horizontal reductions.
 */
final class VectorSoftmax {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

    private VectorSoftmax() {
    }

    static void rows(int m, int n, float alpha, float[] x, int xOff, int stride, float[] y,
                     int yOff) {
        float[] panel = PANEL.get();
        if (panel.length < n * L) {
            panel = new float[n * L];
            PANEL.set(panel);
        }
        for (int i0 = 0; i0 < m; i0 += L) {
            int rows = Math.min(L, m - i0);
            for (int r = 0; r < rows; r++) {
                int xi = xOff + (i0 + r) * stride;
                for (int j = 0; j < n; j++) {
                    panel[j * L + r] = x[xi + j];
                }
            }
            for (int r = rows; r < L; r++) {
                for (int j = 0; j < n; j++) {
                    panel[j * L + r] = 0f;
                }
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
            VectorMask<Float> mk = S.indexInRange(0, rows);
            for (int j = 0; j < n; j++) {
                FloatVector.fromArray(S, panel, j * L).div(sum).intoArray(y, yOff + j * m + i0, mk);
            }
        }
    }
}
