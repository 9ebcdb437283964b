package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class MisspecificationTest {

    /** n draws of a correlated 3-d Gaussian: x0 = z0, x1 = 0.9 z0 + 0.44 z1, x2 = z2. */
    private static Matrix train(int n, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix x = Matrix.of(n, 3);
        for (int i = 0; i < n; i++) {
            double z0 = g.sample();
            x.set(i, 0, (float) z0);
            x.set(i, 1, (float) (0.9 * z0 + 0.44 * g.sample()));
            x.set(i, 2, (float) g.sample());
        }
        return x;
    }

    @Test
    void typicalObservationIsInsideAndAnOffRidgeOneOutside() {
        Matrix x = train(5000, RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        // (1, 0.9, 0) follows the correlation: Mahalanobis d² ≈ 1, percentile ≈ P(χ²₃ < 1) = 0.2
        MisspecificationResult in = Misspecification.mahalanobis(x, new float[] {1f, 0.9f, 0f},
                0.99);
        assertThat(in.outside()).as(in.verdict()).isFalse();
        assertThat(in.percentile()).isBetween(0.1, 0.35);
        // (1, -1, 0) is within 1 sd per coordinate but against the correlation:
        // d² = (1.9/0.44)² + 1 ≈ 19.6, far beyond the χ²₃ 99th percentile 11.3
        MisspecificationResult out = Misspecification.mahalanobis(x, new float[] {1f, -1f, 0f},
                0.99);
        assertThat(out.outside()).isTrue();
        assertThat(out.percentile()).isGreaterThan(0.999);
        assertThat(out.verdict()).contains("OUTSIDE");
    }

    @Test
    void knnFlagsAHoleThatMahalanobisCannotSee() {
        // training x on a ring of radius 3 (plus small noise): the centre has the smallest
        // Mahalanobis distance but no training point within distance ~3
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix x = Matrix.of(4000, 2);
        for (int i = 0; i < 4000; i++) {
            double a = 2 * Math.PI * rng.nextDouble();
            x.set(i, 0, (float) (3 * Math.cos(a) + 0.1 * g.sample()));
            x.set(i, 1, (float) (3 * Math.sin(a) + 0.1 * g.sample()));
        }
        float[] centre = {0f, 0f};
        assertThat(Misspecification.mahalanobis(x, centre, 0.99).outside()).isFalse();
        MisspecificationResult knn = Misspecification.knn(x, centre, 5, 500, 0.99, rng);
        assertThat(knn.outside()).as(knn.verdict()).isTrue();
        assertThat(knn.distance()).isGreaterThan(2.5);
        MisspecificationResult onRing = Misspecification.knn(x, new float[] {3f, 0f}, 5, 500,
                0.99, rng);
        assertThat(onRing.outside()).as(onRing.verdict()).isFalse();
    }

    @Test
    void falseAlarmRateOfKnnIsAboutOnePercent() {
        // fresh draws from the training distribution are exchangeable with the reference points,
        // so P(outside) ≤ 1 %; 300 fresh draws: binomial(300, 0.01) > 9 with p < 0.001.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        Matrix x = train(2000, rng);
        Matrix fresh = train(300, rng);
        int alarms = 0;
        for (int i = 0; i < fresh.rows(); i++) {
            alarms += Misspecification.knn(x, fresh.row(i), 5, 500, 0.99, rng).outside() ? 1 : 0;
        }
        assertThat(alarms).isLessThanOrEqualTo(9);
    }

    /**
     * x of 3,000 values and 500 stored rows: no covariance can be estimated, so {@code check}
     * takes the diagonal form. A draw of the training law lies inside (its distance is below the
     * 99th percentile of 500 others with probability 0.99); a draw 1.3 times as wide in every
     * column (d² ≈ 1.69·3000 ≈ 5,070 against 3,000 ± 77 for the training law) lies outside. Rate
     * check: of 200 fresh draws at most 8 alarm (expected 2; P(> 8) ≈ 3e-4).
     */
    @Test
    void wideXUsesTheDiagonalForm() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = 3000;
        Matrix x = Matrix.of(500, d);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) g.sample();
        }
        int alarms = 0;
        float[] fresh = new float[d];
        for (int r = 0; r < 200; r++) {
            for (int j = 0; j < d; j++) {
                fresh[j] = (float) g.sample();
            }
            MisspecificationResult m = Misspecification.check(x, fresh, 0.99);
            assertThat(m.method()).isEqualTo("standardised Euclidean");
            alarms += m.outside() ? 1 : 0;
        }
        assertThat(alarms).isLessThanOrEqualTo(8);
        for (int j = 0; j < d; j++) {
            fresh[j] = (float) (g.sample() * 1.3);
        }
        assertThat(Misspecification.check(x, fresh, 0.99).outside()).isTrue();
        assertThatThrownBy(() -> Misspecification.mahalanobis(x, fresh, 0.99))
                .hasMessageContaining("use diagonal");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> Misspecification.mahalanobis(Matrix.of(10, 3), new float[2], 0.99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
        assertThatThrownBy(() -> Misspecification.knn(Matrix.of(10, 1), new float[1], 5, 10, 0.99,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1))).hasMessageContaining("k = 5");
    }
}
