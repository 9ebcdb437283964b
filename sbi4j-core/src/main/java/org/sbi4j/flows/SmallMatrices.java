package org.sbi4j.flows;

import org.sbi4j.tensor.Matrix;

/**
 * Plain loops for products with a small (D×D) factor, where D is a flow's θ dimension: cheaper
 * than a GEMM call for D ≈ 2..20 and free of kernel set-up. Shapes are the caller's to ensure.
 */
final class SmallMatrices {

    private SmallMatrices() {
    }

    /** c = β·c + a·bᵀ (+ bias per column when bias is not null); a n×k, b m×k, c n×m. */
    static void multTransB(Matrix a, Matrix b, Matrix bias, float beta, Matrix c) {
        int n = a.rows();
        int k = a.cols();
        int m = b.rows();
        float[] ad = a.data();
        float[] bd = b.data();
        float[] cd = c.data();
        for (int i = 0; i < n; i++) {
            int ai = a.rowOffset(i);
            int ci = c.rowOffset(i);
            for (int r = 0; r < m; r++) {
                int br = b.rowOffset(r);
                float s = bias == null ? 0f : bias.data()[bias.offset() + r];
                for (int j = 0; j < k; j++) {
                    s += ad[ai + j] * bd[br + j];
                }
                cd[ci + r] = beta == 0f ? s : beta * cd[ci + r] + s;
            }
        }
    }

    /** c = a·b; a n×k, b k×m, c n×m. */
    static void mult(Matrix a, Matrix b, Matrix c) {
        int n = a.rows();
        int k = a.cols();
        int m = b.cols();
        float[] ad = a.data();
        float[] bd = b.data();
        float[] cd = c.data();
        for (int i = 0; i < n; i++) {
            int ai = a.rowOffset(i);
            int ci = c.rowOffset(i);
            for (int r = 0; r < m; r++) {
                cd[ci + r] = 0f;
            }
            for (int j = 0; j < k; j++) {
                float v = ad[ai + j];
                int bj = b.rowOffset(j);
                for (int r = 0; r < m; r++) {
                    cd[ci + r] += v * bd[bj + r];
                }
            }
        }
    }

    /** c = aᵀ·b; a k×n, b k×m, c n×m. */
    static void multTransA(Matrix a, Matrix b, Matrix c) {
        int k = a.rows();
        int n = a.cols();
        int m = b.cols();
        c.fill(0f);
        float[] ad = a.data();
        float[] bd = b.data();
        float[] cd = c.data();
        for (int j = 0; j < k; j++) {
            int aj = a.rowOffset(j);
            int bj = b.rowOffset(j);
            for (int i = 0; i < n; i++) {
                float v = ad[aj + i];
                int ci = c.rowOffset(i);
                for (int r = 0; r < m; r++) {
                    cd[ci + r] += v * bd[bj + r];
                }
            }
        }
    }
}
