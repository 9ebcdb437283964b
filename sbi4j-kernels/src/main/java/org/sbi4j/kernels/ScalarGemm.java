package org.sbi4j.kernels;

/**
 * The scalar kernels' GEMM loops over a range of rows of C, and the per-thread job that splits a
 * large product by rows over a {@link Parallelism}. Rows are computed independently, each by the
 * same loop, so the split does not change a bit. Loops are ordered for sequential memory access
 * (i-p-j for the NN and TN forms), so this is no slower than a textbook triple loop.
 */
final class ScalarGemm implements Kernels.RangeTask {

    /** The three forms (see {@link Kernels}). */
    enum Form { NN, TN, NT }

    private Form form;
    private int m, n, k, aOff, bOff, cOff;
    private float alpha, beta;
    private float[] a, b, c;

    /** Sets the product a split computes; {@link #clear()} after. */
    void set(Form form, int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
             float beta, float[] c, int cOff) {
        this.form = form;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.b = b;
        this.bOff = bOff;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
    }

    void clear() {
        a = null;
        b = null;
        c = null;
    }

    @Override
    public void run(int part, int from, int to) {
        rows(form, from, to, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    /** Rows [from, to) of the m×n product C = α·op(A)·op(B) + β·C of the given form. */
    static void rows(Form form, int from, int to, int m, int n, int k, float alpha, float[] a, int aOff,
                     float[] b, int bOff, float beta, float[] c, int cOff) {
        switch (form) {
            case NN -> nn(from, to, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case TN -> tn(from, to, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case NT -> nt(from, to, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
        }
    }

    private static void nn(int from, int to, int n, int k, float alpha, float[] a, int aOff, float[] b,
                           int bOff, float beta, float[] c, int cOff) {
        for (int i = from; i < to; i++) {
            int ci = cOff + i * n;
            scaleRow(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                float aip = alpha * a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static void tn(int from, int to, int m, int n, int k, float alpha, float[] a, int aOff,
                           float[] b, int bOff, float beta, float[] c, int cOff) {
        for (int i = from; i < to; i++) {
            int ci = cOff + i * n;
            scaleRow(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                float api = alpha * a[aOff + p * m + i];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    private static void nt(int from, int to, int n, int k, float alpha, float[] a, int aOff, float[] b,
                           int bOff, float beta, float[] c, int cOff) {
        for (int i = from; i < to; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
            }
        }
    }

    /** C row ← β·C row (β = 0 clears, ignoring NaN). */
    static void scaleRow(int n, float beta, float[] c, int off) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, off, off + n, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) {
                c[off + j] *= beta;
            }
        }
    }
}
