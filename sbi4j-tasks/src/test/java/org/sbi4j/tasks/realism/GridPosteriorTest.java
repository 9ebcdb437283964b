package org.sbi4j.tasks.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** GridPosterior against densities whose moments and normalisers are known in closed form. */
class GridPosteriorTest {

    private static final int N = 20_000;

    private static double mean(Matrix m, int j) {
        double s = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += m.get(i, j);
        }
        return s / m.rows();
    }

    private static double cov(Matrix m, int a, int b) {
        double ma = mean(m, a);
        double mb = mean(m, b);
        double s = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += (m.get(i, a) - ma) * (m.get(i, b) - mb);
        }
        return s / (m.rows() - 1);
    }

    @Test
    void narrowCorrelatedGaussianHasItsMomentsAndNormaliser() {
        // N((0.3, -2), [[s1², ρ s1 s2], [ρ s1 s2, s2²]]) with ρ = 0.995, far narrower than the box;
        // f = log of the unnormalised density 7 · exp(−½ Mahalanobis²), so ∫ e^f = 7 · 2π s1 s2 √(1−ρ²).
        double s1 = 0.002;
        double s2 = 0.05;
        double rho = 0.995;
        GridPosterior g = GridPosterior.of(z -> {
            double u = (z[0] - 0.3) / s1;
            double v = (z[1] + 2) / s2;
            return Math.log(7) - 0.5 * (u * u - 2 * rho * u * v + v * v) / (1 - rho * rho);
        }, new double[] {-1, -5}, new double[] {1, 5}, GridPosterior.Resolution.reference(2));
        Matrix m = g.sample(N, RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        // Monte Carlo tolerances: 4 standard errors (sd/√N for means, ≈ sd²√(2/N) for variances)
        assertThat(mean(m, 0)).isCloseTo(0.3, within(4 * s1 / Math.sqrt(N)));
        assertThat(mean(m, 1)).isCloseTo(-2, within(4 * s2 / Math.sqrt(N) + 1e-6));
        assertThat(Math.sqrt(cov(m, 0, 0))).isCloseTo(s1, within(4 * s1 / Math.sqrt(2.0 * N)));
        assertThat(Math.sqrt(cov(m, 1, 1))).isCloseTo(s2, within(4 * s2 / Math.sqrt(2.0 * N)));
        assertThat(cov(m, 0, 1) / Math.sqrt(cov(m, 0, 0) * cov(m, 1, 1))).isCloseTo(rho, within(0.001));
        double exact = Math.log(7 * 2 * Math.PI * s1 * s2 * Math.sqrt(1 - rho * rho));
        assertThat(g.logNormalizer(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(2))).isCloseTo(exact, within(0.01));
    }

    @Test
    void truncationAtTheSupportBoundaryIsExact() {
        // z1 ~ half-normal N(0, 1) on z1 > 0 (mean √(2/π), variance 1 − 2/π), z2, z3 ~ N(0, 0.5²) independent
        GridPosterior g = GridPosterior.of(z -> z[0] < 0 ? Double.NEGATIVE_INFINITY
                : -0.5 * z[0] * z[0] - 2 * (z[1] * z[1] + z[2] * z[2]),
                new double[] {-3, -3, -3}, new double[] {3, 3, 3}, GridPosterior.Resolution.coarse(3));
        Matrix m = g.sample(N, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
        double sd = Math.sqrt(1 - 2 / Math.PI);
        assertThat(mean(m, 0)).isCloseTo(Math.sqrt(2 / Math.PI), within(4 * sd / Math.sqrt(N)));
        assertThat(Math.sqrt(cov(m, 0, 0))).isCloseTo(sd, within(4 * sd / Math.sqrt(2.0 * N)));
        assertThat(Math.sqrt(cov(m, 2, 2))).isCloseTo(0.5, within(4 * 0.5 / Math.sqrt(2.0 * N)));
        for (int i = 0; i < m.rows(); i++) {
            assertThat(m.get(i, 0)).isGreaterThanOrEqualTo(0f);
        }
        // ∫ = ½ √(2π) · (2π · 0.25)
        double exact = Math.log(0.5 * Math.sqrt(2 * Math.PI) * 2 * Math.PI * 0.25);
        assertThat(g.logNormalizer(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(4))).isCloseTo(exact, within(0.01));
    }

    @Test
    void separatedModesKeepTheirWeights() {
        // 0.3 N((−3, 0), 0.1²I) + 0.7 N((4, 1), 0.2²I): narrow modes far apart
        GridPosterior g = GridPosterior.of(z -> {
            double a = Math.log(0.3 / 0.01) - 0.5 * ((z[0] + 3) * (z[0] + 3) + z[1] * z[1]) / 0.01;
            double b = Math.log(0.7 / 0.04) - 0.5 * ((z[0] - 4) * (z[0] - 4) + (z[1] - 1) * (z[1] - 1)) / 0.04;
            double hi = Math.max(a, b);
            return hi + Math.log(Math.exp(a - hi) + Math.exp(b - hi));
        }, new double[] {-10, -10}, new double[] {10, 10}, GridPosterior.Resolution.reference(2));
        Matrix m = g.sample(N, RandomSource.XO_RO_SHI_RO_128_PP.create(5));
        int left = 0;
        double leftSq = 0;
        for (int i = 0; i < m.rows(); i++) {
            if (m.get(i, 0) < 0) {
                left++;
                leftSq += (m.get(i, 0) + 3) * (m.get(i, 0) + 3);
            }
        }
        assertThat(left / (double) N).isCloseTo(0.3, within(4 * Math.sqrt(0.21 / N)));
        assertThat(Math.sqrt(leftSq / left)).isCloseTo(0.1, within(0.005));
    }

    @Test
    void drawsDependOnlyOnTheSeed() {
        GridPosterior.LogDensity f = z -> -0.5 * (z[0] * z[0] + z[1] * z[1]);
        GridPosterior g = GridPosterior.of(f, new double[] {-9, -9}, new double[] {9, 9},
                GridPosterior.Resolution.coarse(2));
        Matrix a = g.sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(7));
        Matrix b = g.sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(7));
        Matrix c = g.sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(8));
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
    }

    @Test
    void badInputIsRejected() {
        GridPosterior.LogDensity f = z -> 0;
        assertThatThrownBy(() -> GridPosterior.of(f, new double[] {0}, new double[] {1},
                GridPosterior.Resolution.coarse(2))).hasMessageContaining("2 or 3 dimensions");
        assertThatThrownBy(() -> GridPosterior.of(f, new double[] {0, 1}, new double[] {1, 1},
                GridPosterior.Resolution.coarse(2))).hasMessageContaining("side 1");
        assertThatThrownBy(() -> GridPosterior.of(z -> Double.NEGATIVE_INFINITY, new double[] {0, 0},
                new double[] {1, 1}, GridPosterior.Resolution.coarse(2))).hasMessageContaining("-inf");
        assertThatThrownBy(() -> new GridPosterior.Resolution(5, 100)).hasMessageContaining(">= 10");
    }
}
