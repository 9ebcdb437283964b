package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Vector GEMM against the scalar reference. Tolerance: both compute each element as a float sum of
 * k products, so each differs from the exact value by at most about k·ε·Σ|products| in the worst
 * case and √k·ε·… typically (ε = 6e-8). We allow
 * |Δ| ≤ 1e-6·(|α|·k·max|a|·max|b| + |β|·max|C₀|), i.e. 16·k·ε on the largest possible term; a
 * real indexing bug gives errors of order max|a|·max|b|, far above this.
 */
class VectorGemmTest {

    private static final int[] SIZES = {1, 3, 15, 16, 17, 50, 63, 65, 257};
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final VectorKernels VECTOR = VectorKernels.create(1);

    /** Every size in every dimension, the others from {3, 17}, plus the cube of each size ≤ 65. */
    static List<int[]> shapes() {
        List<int[]> out = new ArrayList<>();
        for (int v : SIZES) {
            for (int o1 : new int[] {3, 17}) {
                for (int o2 : new int[] {3, 17}) {
                    out.add(new int[] {v, o1, o2});
                    out.add(new int[] {o1, v, o2});
                    out.add(new int[] {o1, o2, v});
                }
            }
            if (v <= 65) {
                out.add(new int[] {v, v, v});
            }
        }
        out.add(new int[] {65, 257, 63});
        out.add(new int[] {257, 65, 16});
        return out;
    }

    @ParameterizedTest(name = "m,n,k = {0}")
    @MethodSource("shapes")
    void allFormsAgreeWithScalar(int[] shape) {
        int m = shape[0], n = shape[1], k = shape[2];
        for (String form : List.of("NN", "TN", "NT")) {
            check(form, m, n, k, 1f, 0f, 0, 0);
            check(form, m, n, k, -1.5f, 0.75f, 3, 5);
            check(form, m, n, k, 0.5f, 1f, 7, 1);
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (String form : List.of("NN", "TN", "NT")) {
            float[] c = check(form, 17, 33, 9, 2f, 0f, 1, 2);
            for (float v : c) {
                assertThat(Float.isFinite(v)).as("%s: NaN in C leaked with beta = 0", form).isTrue();
            }
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveTheSameBits() {
        for (String form : List.of("NN", "TN", "NT")) {
            int m = 259, n = 131, k = 200;
            float[] one = run(VectorKernels.create(1), form, m, n, k, 0.75f, 0.5f);
            assertArrayEquals(one, run(VectorKernels.create(2), form, m, n, k, 0.75f, 0.5f), form);
            assertArrayEquals(one, run(VectorKernels.create(3), form, m, n, k, 0.75f, 0.5f), form);
            // a split forced on a small product: uneven ranges and a row tail
            float[] small = run(VectorKernels.create(1), form, 21, 19, 7, 1f, 0f);
            assertArrayEquals(small, run(VectorKernels.create(3, 0), form, 21, 19, 7, 1f, 0f), form);
        }
    }

    @Test
    void scalarAndMaskedColumnTailsGiveTheSameBits() {
        // exactly sized arrays push the column tail (and narrow n < L) to the scalar block; padded
        // arrays keep it on masked vectors. Both must perform the same operations per element.
        for (String form : List.of("NN", "TN", "NT")) {
            for (int n : new int[] {2, 5, 17, 35, 50, 61}) {
                int m = 13, k = 9;
                float[] tight = run(VECTOR, form, m, n, k, 0.75f, 0.5f);
                float[] a = TestArrays.uniform(m * k + 64, 11);
                float[] b = TestArrays.uniform(k * n + 64, 12);
                float[] c = TestArrays.uniform(m * n + 64, 13);
                System.arraycopy(TestArrays.uniform(m * k, 11), 0, a, 0, m * k);
                System.arraycopy(TestArrays.uniform(k * n, 12), 0, b, 0, k * n);
                System.arraycopy(TestArrays.uniform(m * n, 13), 0, c, 0, m * n);
                gemm(VECTOR, form, m, n, k, 0.75f, a, 0, b, 0, 0.5f, c, 0);
                assertArrayEquals(tight, Arrays.copyOf(c, m * n), form + " n=" + n);
            }
        }
    }

    @Test
    void aColumnGetsTheSameBitsInTheTailAsInAFullVector() {
        // The last two columns of n = w·L + 2 (w = 0..3) or w·L + 13 lie in a partial vector (the
        // packed tail, the narrow Aᵀ tail or the edge strip, with B exactly sized so that its last
        // row finishes in scalar code). Swapping them with columns 0, 1 of B (and back in C) must
        // give identical bits: every kernel does the same operations per element.
        int l = VectorGemm.L;
        for (String form : List.of("NN", "TN", "NT")) {
            for (int n : new int[] {l + 2, 2 * l + 2, 3 * l + 2, l + 13, 3 * l + 13, 4 * l + 2}) {
                for (int m : new int[] {5, 37}) {
                    swapColumns(form, m, n, 23);
                }
            }
        }
    }

    private static void swapColumns(String form, int m, int n, int k) {
        float[] a = TestArrays.uniform(m * k, 21);
        float[] b = TestArrays.uniform(k * n, 22);
        float[] c = TestArrays.uniform(m * n, 23);
        float[] bs = b.clone();
        float[] cs = c.clone();
        boolean bt = form.equals("NT"); // B stored n×k
        int last = n - 2;
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < 2; q++) {
                int x = bt ? q * k + p : p * n + q;
                int y = bt ? (last + q) * k + p : p * n + last + q;
                bs[x] = b[y];
                bs[y] = b[x];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < 2; q++) {
                cs[i * n + q] = c[i * n + last + q];
                cs[i * n + last + q] = c[i * n + q];
            }
        }
        gemm(VECTOR, form, m, n, k, 0.75f, a, 0, b, 0, 0.5f, c, 0);
        gemm(VECTOR, form, m, n, k, 0.75f, a, 0, bs, 0, 0.5f, cs, 0);
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < 2; q++) {
                assertThat(cs[i * n + last + q]).as("%s m=%d n=%d row %d col %d", form, m, n, i, q)
                        .isEqualTo(c[i * n + q]);
                assertThat(cs[i * n + q]).isEqualTo(c[i * n + last + q]);
            }
        }
    }

    private static float[] run(Kernels kr, String form, int m, int n, int k, float alpha, float beta) {
        float[] a = TestArrays.uniform(m * k, 11);
        float[] b = TestArrays.uniform(k * n, 12);
        float[] c = TestArrays.uniform(m * n, 13);
        gemm(kr, form, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
        return c;
    }

    /** Runs both providers on the same data (C₀ NaN when β = 0); returns the Vector C. */
    private static float[] check(String form, int m, int n, int k, float alpha, float beta, int aOff, int cOff) {
        int bOff = aOff + 2;
        float[] a = TestArrays.uniform(aOff + m * k + 3, 1000L * m + n);
        float[] b = TestArrays.uniform(bOff + k * n + 3, 2000L * n + k);
        float[] c0 = TestArrays.uniform(cOff + m * n + 3, 3000L * k + m);
        if (beta == 0f) {
            Arrays.fill(c0, cOff, cOff + m * n, Float.NaN);
        }
        float[] cs = c0.clone();
        float[] cv = c0.clone();
        gemm(SCALAR, form, m, n, k, alpha, a, aOff, b, bOff, beta, cs, cOff);
        gemm(VECTOR, form, m, n, k, alpha, a, aOff, b, bOff, beta, cv, cOff);
        float c0max = beta == 0f ? 0f : TestArrays.maxAbs(c0);
        double tol = 1e-6 * (Math.abs(alpha) * k * TestArrays.maxAbs(a) * TestArrays.maxAbs(b)
                + Math.abs(beta) * c0max);
        for (int i = 0; i < cs.length; i++) {
            boolean inside = i >= cOff && i < cOff + m * n;
            if (inside) {
                assertThat((double) cv[i]).as("%s m=%d n=%d k=%d at %d", form, m, n, k, i - cOff)
                        .isCloseTo(cs[i], org.assertj.core.data.Offset.offset(tol));
            } else {
                assertThat(cv[i]).as("%s wrote outside C at %d", form, i).isEqualTo(c0[i]);
            }
        }
        return Arrays.copyOfRange(cv, cOff, cOff + m * n);
    }

    static void gemm(Kernels kr, String form, int m, int n, int k, float alpha, float[] a, int aOff,
                     float[] b, int bOff, float beta, float[] c, int cOff) {
        switch (form) {
            case "NN" -> kr.gemmNN(m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case "TN" -> kr.gemmTN(m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            default -> kr.gemmNT(m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
        }
    }
}
