package org.sbi4j.kernels;

/**
 * Scalar GEMM block for the column tails the Vector kernels cannot reach with an in-bounds masked
 * access. Per element it does exactly what the vector lanes do: acc = 0, acc = fma(Â(i, p),
 * B(p, j), acc) for p = 0..k−1, then α·acc or α·acc + β·C, so the bits are the same.
 */
final class GemmScalar {

    private GemmScalar() {
    }

    /** Rows r &lt; rows (stride rs in Â) and columns j &lt; cols of C from c0, as in {@link VectorGemm}. */
    static void block(int rows, int k, int n, float alpha, float beta, float[] a, int a0, int rs, int cs,
                      float[] b, int b0, float[] c, int c0, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float acc = 0f;
                for (int p = 0, ap = a0 + r * rs, bp = b0 + j; p < k; p++, ap += cs, bp += n) {
                    acc = Math.fma(a[ap], b[bp], acc);
                }
                int o = c0 + r * n + j;
                c[o] = beta != 0f ? alpha * acc + beta * c[o] : alpha * acc;
            }
        }
    }
}
