package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Row/column, BLAS-1 and reduction kernels: Vector against scalar on lengths around the vector
 * length, with nonzero offsets. Element-wise kernels with the same operation order must agree
 * exactly (addRowVector, columnSums, scale); axpy uses a fused multiply-add (|Δ| ≤ 1 ulp of y);
 * sums and dots are reordered into lanes: |Δ| ≤ 1e-6·n·max|term| (16·n·ε on the largest term).
 */
class VectorElementwiseTest {

    private static final int[] LENGTHS = {0, 1, 3, 15, 16, 17, 31, 33, 63, 65, 257};
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = VectorKernels.create(1);

    @Test
    void softmaxRowsAgreeWithScalarAndDoNotDependOnTheBlock() {
        for (int n : new int[] {1, 3, 10, 17}) {
            for (int m : new int[] {1, 15, 16, 17, 40}) {
                int stride = n + 4;
                float[] x = TestArrays.uniform(3 + m * stride, 59L * n + m);
                float[] ys = new float[n * m + 1];
                float[] yv = new float[n * m + 1];
                SCALAR.softmaxRows(m, n, 3f, x, 3, stride, ys, 1);
                VECTOR.softmaxRows(m, n, 3f, x, 3, stride, yv, 1);
                for (int i = 0; i < m; i++) {
                    double total = 0;
                    for (int j = 0; j < n; j++) {
                        // float exp (~1 ulp) against Math.exp: a few ulp of each probability
                        assertThat((double) yv[1 + j * m + i]).as("n=%d m=%d row %d", n, m, i)
                                .isCloseTo(ys[1 + j * m + i], org.assertj.core.data.Offset.offset(1e-6));
                        total += yv[1 + j * m + i];
                    }
                    assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                }
                // row i alone (a partial block, lane 0) gives the bits it got inside the batch
                for (int i = 0; i < m; i += 7) {
                    float[] one = new float[n];
                    VECTOR.softmaxRows(1, n, 3f, x, 3 + i * stride, stride, one, 0);
                    for (int j = 0; j < n; j++) {
                        assertThat(one[j]).as("n=%d m=%d row %d", n, m, i).isEqualTo(yv[1 + j * m + i]);
                    }
                }
            }
        }
    }

    @Test
    void adamGivesTheScalarBits() {
        for (int n : LENGTHS) {
            for (float[] c : new float[][] {{0f, 1f}, {1e-2f, 1f}, {0f, 0.999f}}) {
                float[] w = TestArrays.uniform(n + 3, 31L * n);
                float[] g = TestArrays.uniform(n + 2, 37L * n);
                float[] m = TestArrays.uniform(n + 1, 41L * n);
                float[] v = TestArrays.uniform(n + 4, 43L * n);
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]);
                }
                float[] ws = w.clone(), ms = m.clone(), vs = v.clone();
                SCALAR.adam(n, ws, 3, g, 2, ms, 1, vs, 4, 0.9f, 0.999f, 1e-8f, 5e-4f, 1.3f, c[0], c[1]);
                VECTOR.adam(n, w, 3, g, 2, m, 1, v, 4, 0.9f, 0.999f, 1e-8f, 5e-4f, 1.3f, c[0], c[1]);
                assertThat(w).as("w n=%d", n).containsExactly(ws);
                assertThat(m).as("m n=%d", n).containsExactly(ms);
                assertThat(v).as("v n=%d", n).containsExactly(vs);
            }
        }
    }

    @Test
    void gatedResidualKernelsGiveTheScalarBits() {
        for (int n : LENGTHS) {
            float[] x = TestArrays.uniform(n + 1, 47L * n);
            float[] r = TestArrays.uniform(n + 2, 53L * n);
            float[] s = TestArrays.uniform(n + 3, 59L * n);
            float[] ys = new float[n + 4];
            float[] yv = new float[n + 4];
            SCALAR.addProduct(n, x, 1, r, 2, s, 3, ys, 4);
            VECTOR.addProduct(n, x, 1, r, 2, s, 3, yv, 4);
            assertThat(yv).as("addProduct n=%d", n).containsExactly(ys);
            float[] grs = new float[n + 1];
            float[] gas = new float[n + 2];
            float[] grv = new float[n + 1];
            float[] gav = new float[n + 2];
            SCALAR.gatedResidualBackward(n, x, 1, r, 2, s, 3, grs, 1, gas, 2);
            VECTOR.gatedResidualBackward(n, x, 1, r, 2, s, 3, grv, 1, gav, 2);
            assertThat(grv).as("dL/dr n=%d", n).containsExactly(grs);
            assertThat(gav).as("dL/da n=%d", n).containsExactly(gas);
            if (n > 0) { // the formulas themselves, on one element
                assertThat(ys[4]).isEqualTo(x[1] + r[2] * s[3]);
                assertThat(gas[2]).isEqualTo(x[1] * r[2] * s[3] * (1f - s[3]));
            }
        }
    }

    @Test
    void addRowVectorAndColumnSumsAgreeExactly() {
        for (int n : LENGTHS) {
            for (int m : new int[] {1, 5}) {
                float[] c = TestArrays.uniform(2 + m * n, n + m);
                float[] bias = TestArrays.uniform(1 + n, 3 * n);
                float[] cs = c.clone();
                float[] cv = c.clone();
                SCALAR.addRowVector(m, n, bias, 1, cs, 2);
                VECTOR.addRowVector(m, n, bias, 1, cv, 2);
                assertThat(cv).containsExactly(cs);
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    float[] os = TestArrays.uniform(n + 3, 7 * n);
                    float[] ov = os.clone();
                    SCALAR.columnSums(m, n, c, 2, beta, os, 3);
                    VECTOR.columnSums(m, n, c, 2, beta, ov, 3);
                    assertThat(ov).as("columnSums m=%d n=%d beta=%s", m, n, beta).containsExactly(os);
                }
            }
        }
    }

    @Test
    void axpyAndScale() {
        for (int n : LENGTHS) {
            float[] x = TestArrays.uniform(n + 1, n);
            float[] ys = TestArrays.uniform(n + 4, n + 1);
            float[] yv = ys.clone();
            SCALAR.axpy(n, -0.7f, x, 1, ys, 4);
            VECTOR.axpy(n, -0.7f, x, 1, yv, 4);
            for (int i = 0; i < ys.length; i++) {
                assertThat(yv[i]).as("axpy n=%d i=%d", n, i).isCloseTo(ys[i], within(Math.ulp(ys[i]) + 1e-7f));
            }
            float[] ss = x.clone();
            float[] sv = x.clone();
            SCALAR.scale(n, 1.3f, ss, 1);
            VECTOR.scale(n, 1.3f, sv, 1);
            assertThat(sv).containsExactly(ss);
        }
    }

    @Test
    void sumDotMaxLogSumExp() {
        for (int n : LENGTHS) {
            float[] x = TestArrays.uniform(n + 2, 5 * n);
            float[] y = TestArrays.uniform(n + 3, 6 * n);
            double tol = 1e-6 * Math.max(n, 1);
            assertThat(VECTOR.sum(n, x, 2)).as("sum %d", n).isCloseTo(SCALAR.sum(n, x, 2), within((float) tol));
            assertThat(VECTOR.dot(n, x, 2, y, 3)).as("dot %d", n).isCloseTo(SCALAR.dot(n, x, 2, y, 3), within((float) tol));
            assertThat(VECTOR.max(n, x, 2)).as("max %d", n).isEqualTo(SCALAR.max(n, x, 2));
            float lse = SCALAR.logSumExp(n, x, 2);
            if (n == 0) {
                assertThat(VECTOR.logSumExp(n, x, 2)).isEqualTo(Float.NEGATIVE_INFINITY);
            } else {
                // the log of a sum of terms in (0, 1] with one term 1: relative error of the sum ~ n·ε
                assertThat(VECTOR.logSumExp(n, x, 2)).as("lse %d", n).isCloseTo(lse, within((float) (1e-6 * n)));
            }
        }
    }

    @Test
    void maxAndLogSumExpSpecialValues() {
        for (int n : new int[] {1, 3, 16, 17, 40}) {
            float[] x = TestArrays.uniform(n, n);
            for (int i = 0; i < n; i++) {
                x[i] -= 5f; // all negative
            }
            assertThat(VECTOR.max(n, x, 0)).isEqualTo(SCALAR.max(n, x, 0));
            float[] withNaN = x.clone();
            withNaN[n - 1] = Float.NaN;
            assertThat(VECTOR.max(n, withNaN, 0)).isNaN();
            assertThat(VECTOR.logSumExp(n, withNaN, 0)).isNaN();
            float[] ninf = new float[n];
            java.util.Arrays.fill(ninf, Float.NEGATIVE_INFINITY);
            assertThat(VECTOR.max(n, ninf, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(VECTOR.logSumExp(n, ninf, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
            float[] big = x.clone();
            big[0] = 1e4f; // stable: no overflow
            assertThat(VECTOR.logSumExp(n, big, 0)).isEqualTo(1e4f);
        }
    }

    @Test
    void reductionsAreRepeatable() {
        float[] x = TestArrays.uniform(1000, 9);
        float first = VECTOR.sum(1000, x, 0);
        float lse = VECTOR.logSumExp(1000, x, 0);
        for (int r = 0; r < 2000; r++) { // enough calls for the JIT to compile the loop
            assertThat(VECTOR.sum(1000, x, 0)).isEqualTo(first);
            assertThat(VECTOR.logSumExp(1000, x, 0)).isEqualTo(lse);
        }
    }
}
