package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** The flows' small dense products and the standard normal base density, by hand. */
class SmallMatricesAndStandardNormalTest {

    // A = [[1, 2], [3, 4]] (2×2), B = [[5, 6], [7, 8], [9, 10]] (3×2)
    private static Matrix a() {
        return Matrix.wrap(new float[] {1, 2, 3, 4}, 2, 2);
    }

    @Test
    void multTransBWithBiasAndBeta() {
        Matrix b = Matrix.wrap(new float[] {5, 6, 7, 8, 9, 10}, 3, 2);
        Matrix c = Matrix.of(2, 3);
        // A·Bᵀ = [[17, 23, 29], [39, 53, 67]]
        SmallMatrices.multTransB(a(), b, null, 0f, c);
        assertThat(c.data()).containsExactly(17, 23, 29, 39, 53, 67);
        // + bias (1, 2, 3)
        Matrix bias = Matrix.wrap(new float[] {1, 2, 3}, 1, 3);
        SmallMatrices.multTransB(a(), b, bias, 0f, c);
        assertThat(c.data()).containsExactly(18, 25, 32, 40, 55, 70);
        // beta = 1 accumulates onto what c holds: (18 + 17, …)
        SmallMatrices.multTransB(a(), b, null, 1f, c);
        assertThat(c.data()).containsExactly(35, 48, 61, 79, 108, 137);
        // beta = 0 ignores NaN in c (overwrites, does not multiply)
        java.util.Arrays.fill(c.data(), Float.NaN);
        SmallMatrices.multTransB(a(), b, null, 0f, c);
        assertThat(c.data()).containsExactly(17, 23, 29, 39, 53, 67);
        // beta = 2 doubles the old value
        SmallMatrices.multTransB(a(), b, null, 2f, c);
        assertThat(c.data()).containsExactly(51, 69, 87, 117, 159, 201);
    }

    @Test
    void multAndMultTransA() {
        Matrix b = Matrix.wrap(new float[] {5, 6, 7, 7, 8, 9}, 2, 3);
        Matrix c = Matrix.of(2, 3);
        java.util.Arrays.fill(c.data(), 99f); // overwritten, not added to
        // A·B = [[1·5+2·7, 1·6+2·8, 1·7+2·9], [3·5+4·7, 3·6+4·8, 3·7+4·9]]
        SmallMatrices.mult(a(), b, c);
        assertThat(c.data()).containsExactly(19, 22, 25, 43, 50, 57);
        // Aᵀ·B = [[1·5+3·7, 1·6+3·8, 1·7+3·9], [2·5+4·7, 2·6+4·8, 2·7+4·9]]
        java.util.Arrays.fill(c.data(), 99f);
        SmallMatrices.multTransA(a(), b, c);
        assertThat(c.data()).containsExactly(26, 30, 34, 38, 44, 50);
    }

    @Test
    void standardNormalLogDensityByHand() {
        // log N(z; 0, I) = −½|z|² − (d/2)·log 2π
        assertThat(StandardNormal.LOG_SQRT_2PI).isCloseTo(0.9189385332046727, within(1e-15));
        Matrix z = Matrix.wrap(new float[] {0, 0, 1, 2}, 2, 2);
        float[] out = new float[2];
        StandardNormal.logProb(z, out);
        assertThat((double) out[0]).isCloseTo(-2 * 0.9189385332046727, within(1e-6));
        assertThat((double) out[1]).isCloseTo(-2.5 - 2 * 0.9189385332046727, within(1e-6));
    }

    @Test
    void standardNormalSamplesFillEveryEntryWithUnitMoments() {
        Matrix z = Matrix.of(4000, 2);
        java.util.Arrays.fill(z.data(), Float.NaN);
        StandardNormal.sample(z, RandomSource.XO_RO_SHI_RO_128_PP.create(5));
        double[] s = new double[2];
        double[] ss = new double[2];
        for (int i = 0; i < 4000; i++) {
            for (int j = 0; j < 2; j++) {
                double v = z.get(i, j);
                assertThat(v).isFinite();
                s[j] += v;
                ss[j] += v * v;
            }
        }
        // mean within 5 standard errors (5/√4000 ≈ 0.08), variance within 0.15
        for (int j = 0; j < 2; j++) {
            assertThat(s[j] / 4000).isCloseTo(0, within(0.08));
            assertThat(ss[j] / 4000).isCloseTo(1, within(0.15));
        }
    }
}
