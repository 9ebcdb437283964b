package org.sbi4j.tasks.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * The adaptive Metropolis sampler recovers a known correlated Gaussian.
 *
 * <p>Tolerance: 5 standard errors computed with a conservative effective sample size of n/10
 * (thinned random-walk chains in 2-D have an ESS of roughly n/3 here), i.e. 5·sd/√1000 for
 * means and 5·var·√(2/1000) for variances; seeds are fixed.
 */
class MetropolisTest {

    // N(m, S) with m = (1, −2), sd = (1, 2), correlation 0.8
    private static final double[] MEAN = {1, -2};
    private static final double[] SD = {1, 2};
    private static final double RHO = 0.8;

    private static double logDensity(double[] t) {
        double a = (t[0] - MEAN[0]) / SD[0];
        double b = (t[1] - MEAN[1]) / SD[1];
        return -0.5 * (a * a - 2 * RHO * a * b + b * b) / (1 - RHO * RHO);
    }

    @Test
    void recoversMeanVarianceAndCorrelationOfAGaussian() {
        int n = 10_000;
        Metropolis.Result r = Metropolis.of(MetropolisTest::logDensity, 2_000, 5)
                .run(new double[] {5, 5}, n, RandomSource.XO_RO_SHI_RO_128_PP.create(11));
        Matrix s = r.samples();
        assertThat(s.rows()).isEqualTo(n);
        double ess = n / 10.0;
        double[] m = new double[2];
        double[] v = new double[2];
        double c = 0;
        for (int i = 0; i < n; i++) {
            m[0] += s.get(i, 0) / (double) n;
            m[1] += s.get(i, 1) / (double) n;
        }
        for (int i = 0; i < n; i++) {
            double a = s.get(i, 0) - m[0];
            double b = s.get(i, 1) - m[1];
            v[0] += a * a / (n - 1);
            v[1] += b * b / (n - 1);
            c += a * b / (n - 1);
        }
        for (int j = 0; j < 2; j++) {
            assertThat(m[j]).as("mean %d", j).isCloseTo(MEAN[j], within(5 * SD[j] / Math.sqrt(ess)));
            double var = SD[j] * SD[j];
            assertThat(v[j]).as("variance %d", j).isCloseTo(var, within(5 * var * Math.sqrt(2 / ess)));
        }
        // sample correlation: se ≈ (1 − ρ²)/√ESS
        assertThat(c / Math.sqrt(v[0] * v[1])).isCloseTo(RHO, within(5 * (1 - RHO * RHO) / Math.sqrt(ess)));
        // the adapted scale lands near the 0.234 target; a wide band, not a tuning claim
        assertThat(r.acceptanceRate()).isBetween(0.1, 0.5);
    }

    @Test
    void sameSeedSameChainOtherSeedOtherChain() {
        Metropolis m = Metropolis.of(MetropolisTest::logDensity, 200, 1);
        Matrix a = m.run(new double[] {0, 0}, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(3)).samples();
        Matrix b = m.run(new double[] {0, 0}, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(3)).samples();
        Matrix c = m.run(new double[] {0, 0}, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(4)).samples();
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> Metropolis.of(t -> 0, 10, 1)).hasMessageContaining("burnIn");
        assertThatThrownBy(() -> Metropolis.of(t -> t[0] > 0 ? 0 : Double.NEGATIVE_INFINITY, 200, 1)
                .run(new double[] {-1}, 10, RandomSource.XO_RO_SHI_RO_128_PP.create(1)))
                .hasMessageContaining("start point");
    }
}
