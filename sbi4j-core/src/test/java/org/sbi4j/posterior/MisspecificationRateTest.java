package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * False-alarm and detection rates of {@link Misspecification#check} at the default 1 % level,
 * on an AR(1) Gaussian x (ρ = 0.5) of 100 and 200 dimensions with 2,000 stored rows (the
 * default of {@code NpeSettings}), and on a wide x (600 values, 400 rows: the diagonal form).
 *
 * <p>The split-conformal p-value makes P(alarm) = ⌊0.01·(m+1)⌋/(m+1) ≤ 1 % exactly over reference
 * sets and observations (m ranked rows). 20 reference sets × 200 fresh observations = 4,000
 * tests: the alarm share has standard deviation ≈ 0.0017 (binomial 0.0016 plus the spread of the
 * per-set rate, 0.0031/√20), so the bound 2 % is six standard deviations above 1 % (false
 * failure &lt; 1e-8) and the lower bound 0.3 % (the test would pass a check that never alarms
 * otherwise) four below.
 */
class MisspecificationRateTest {

    private static void ar1(float[] out, int off, int d, double scale,
                            ZigguratSampler.NormalizedGaussian g) {
        double prev = g.sample();
        out[off] = (float) (scale * prev);
        for (int j = 1; j < d; j++) {
            prev = 0.5 * prev + Math.sqrt(0.75) * g.sample();
            out[off + j] = (float) (scale * prev);
        }
    }

    private static Matrix rows(int n, int d, double scale, ZigguratSampler.NormalizedGaussian g) {
        Matrix x = Matrix.of(n, d);
        for (int i = 0; i < n; i++) {
            ar1(x.data(), x.rowOffset(i), d, scale, g);
        }
        return x;
    }

    /** Share of alarms over 20 reference sets × 200 observations of the given noise scale. */
    private static double alarmRate(int d, int stored, double scale, long seed, String method) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int alarms = 0;
        int tests = 0;
        float[] obs = new float[d];
        for (int set = 0; set < 20; set++) {
            Matrix x = rows(stored, d, 1.0, g);
            Misspecification.Reference ref = Misspecification.reference(x);
            assertThat(ref.method()).isEqualTo(method);
            for (int k = 0; k < 200; k++) {
                ar1(obs, 0, d, scale, g);
                alarms += ref.test(obs, 0.99).outside() ? 1 : 0;
                tests++;
            }
        }
        System.out.printf("misspecification d = %d, %d rows, noise x%.1f: %d alarms in %d%n",
                d, stored, scale, alarms, tests);
        return alarms / (double) tests;
    }

    @Test
    void falseAlarmRateIsNominalAt100And200Dimensions() {
        assertThat(alarmRate(100, 2000, 1.0, 11L, "Mahalanobis")).isBetween(0.003, 0.02);
        assertThat(alarmRate(200, 2000, 1.0, 12L, "Mahalanobis")).isBetween(0.003, 0.02);
    }

    @Test
    void falseAlarmRateIsNominalForWideX() {
        assertThat(alarmRate(600, 400, 1.0, 13L, "standardised Euclidean"))
                .isBetween(0.003, 0.02);
    }

    /**
     * A simulator whose noise is 1.4 times wider: d² ≈ 1.96·d against the 99th percentile of
     * about d + 2.3·√(2d), so at d = 100 the alarm rate is about 99 %; asserting ≥ 90 %.
     */
    @Test
    void detectsAWiderSimulator() {
        assertThat(alarmRate(100, 2000, 1.4, 14L, "Mahalanobis")).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void pValueIsTheConformalRank() {
        Matrix x = Matrix.of(8, 1);
        for (int i = 0; i < 8; i++) {
            x.set(i, 0, i % 2 == 0 ? (i / 2 % 2 == 0 ? -1f : 1f) : i);
        }
        // fit rows (even): -1, 1, -1, 1 → μ = 0, σ² = 4/3; ranked rows: 1, 3, 5, 7
        MisspecificationResult m = Misspecification.diagonal(x, new float[] {4f}, 0.5);
        // ranked scores 0.75·{1, 9, 25, 49}, x_o 0.75·16: two rows at least as far → p = 3/5
        assertThat(m.pValue()).isEqualTo(3.0 / 5);
        assertThat(m.percentile()).isEqualTo(0.5);
        assertThat(m.outside()).isFalse();
        assertThat(Misspecification.diagonal(x, new float[] {9f}, 0.5).pValue()).isEqualTo(0.2);
        assertThat(Misspecification.diagonal(x, new float[] {9f}, 0.5).outside()).isTrue();
    }
}
