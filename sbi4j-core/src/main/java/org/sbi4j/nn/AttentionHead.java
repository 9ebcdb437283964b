package org.sbi4j.nn;

import org.sbi4j.tensor.Matrix;

/**
 * Scratch of one thread of a {@link MultiHeadAttention}: one head of one group at a time, its
 * slices copied into contiguous n×d blocks for the GEMM kernels, and the masked softmax.
 */
final class AttentionHead {

    final int width;
    final float[] qh;
    final float[] kh;
    final float[] vh;
    final float[] oh;
    final float[] dvh;
    final float[] ds;

    AttentionHead(int nq, int nk, int model, int heads) {
        this.width = model / heads;
        int n = Math.max(nq, nk);
        this.qh = new float[nq * width];
        this.kh = new float[nk * width];
        this.vh = new float[nk * width];
        this.oh = new float[n * width];
        this.dvh = new float[nk * width];
        this.ds = new float[nq * nk];
    }

    /** dst (rows×d) = columns [j·d, (j+1)·d) of src rows [from, from + rows). */
    void gather(Matrix src, int from, int rows, int j, float[] dst) {
        float[] s = src.data();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, src.rowOffset(from + r) + j * width, dst, r * width, width);
        }
    }

    /** Columns [j·d, (j+1)·d) of dst rows [from, from + rows) = src (rows×d). */
    void scatter(float[] src, Matrix dst, int from, int rows, int j) {
        float[] d = dst.data();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, r * width, d, dst.rowOffset(from + r) + j * width, width);
        }
    }

    /**
     * Row-wise softmax of the nq×nk scores at s[off] in place, masked keys (valid[validOff + c]
     * false) set to exactly 0; exponentials in double.
     */
    void softmax(float[] s, int off, int nq, int nk, boolean[] valid, int validOff) {
        for (int r = 0; r < nq; r++) {
            int o = off + r * nk;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < nk; c++) {
                if (valid == null || valid[validOff + c]) {
                    max = Math.max(max, s[o + c]);
                }
            }
            if (max == Float.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("attention: a group has no valid key");
            }
            double sum = 0;
            for (int c = 0; c < nk; c++) {
                boolean ok = valid == null || valid[validOff + c];
                double e = ok ? Math.exp(s[o + c] - max) : 0.0;
                s[o + c] = (float) e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < nk; c++) {
                s[o + c] *= inv;
            }
        }
    }

    /** ds = A ⊙ (dA − rowsum(A ⊙ dA))·scale in place of dA (held in ds). */
    void softmaxBackward(float[] a, int off, int nq, int nk, float scale) {
        for (int r = 0; r < nq; r++) {
            int o = off + r * nk;
            int d = r * nk;
            double dot = 0;
            for (int c = 0; c < nk; c++) {
                dot += (double) a[o + c] * ds[d + c];
            }
            float m = (float) dot;
            for (int c = 0; c < nk; c++) {
                ds[d + c] = a[o + c] * (ds[d + c] - m) * scale;
            }
        }
    }
}
