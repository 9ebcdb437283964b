package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * Conformal recalibration on the conjugate Gaussian model (θ ~ N(0, I₂), x ~ N(θ, I₂)). An
 * overconfident posterior (sd × 0.7) has 90 % HPD regions covering the truth with probability
 * P(χ²₂ ≤ 0.49·4.605) = 1 − e^(−1.128) = 0.676; recalibrated on 1,000 pairs (L = 200 samples
 * each) and assessed on 2,000 fresh pairs, coverage must be ≥ 0.87: its expectation is at least
 * 0.90, and its sd about 0.012 (binomial 0.0067 on 2,000 pairs plus the calibration set's
 * Beta spread 0.0095), so 0.87 is 2.5 sd below (false failure &lt; 0.01; the seed is fixed).
 */
class ConformalCoverageTest {

    private static double[] masses(GaussianModel.Posterior post, int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix[] tx = GaussianModel.pairs(n, 2, rng);
        SbcRanks r = Sbc.ranks(tx[0], tx[1], post, post, 200, rng);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = (200 - r.jointRanks()[i] + 0.5) / 201.0;
        }
        return m;
    }

    private static SbcRanks calibrationRanks(GaussianModel.Posterior post, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix[] tx = GaussianModel.pairs(1000, 2, rng);
        return Sbc.ranks(tx[0], tx[1], post, post, 200, rng);
    }

    private static double covered(double[] mass, double level) {
        int k = 0;
        for (double m : mass) {
            k += m <= level ? 1 : 0;
        }
        return k / (double) mass.length;
    }

    @Test
    void recalibratedRegionsOfAnOverconfidentPosteriorCoverNominally() {
        GaussianModel.Posterior post = GaussianModel.posterior(0.7, 0);
        ConformalCoverage.Recalibration rc = ConformalCoverage.recalibrate(
                calibrationRanks(post, 1L), new double[] {0.5, 0.9});
        double[] fresh = masses(post, 2000, 2L);
        double raw = covered(fresh, 0.9);
        double recal = covered(fresh, rc.adjusted(0.9));
        System.out.printf("overconfident: raw 90%% coverage %.3f, level %.4f → coverage %.3f%n",
                raw, rc.adjusted(0.9), recal);
        assertThat(raw).isBetween(0.63, 0.72);
        assertThat(rc.adjusted(0.9)).isGreaterThan(0.95);
        assertThat(recal).isGreaterThanOrEqualTo(0.87);
        assertThat(covered(fresh, rc.adjusted(0.5))).isGreaterThanOrEqualTo(0.46);
        assertThat(rc.verdict()).contains("1000 held-out simulations").contains("90 % → ")
                .contains("overconfident");
    }

    /** Exact posterior: the scores are uniform, so β ≈ 0.9 (sd of s₍₉₀₀₎ ≈ 0.0095; ±0.035). */
    @Test
    void anExactPosteriorKeepsItsLevels() {
        GaussianModel.Posterior post = GaussianModel.posterior(1, 0);
        ConformalCoverage.Recalibration rc = ConformalCoverage.recalibrate(
                calibrationRanks(post, 3L), new double[] {0.9});
        assertThat(rc.adjusted(0.9)).isCloseTo(0.9, within(0.035));
    }

    @Test
    void levelIsTheConformalOrderStatistic() {
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        // n = 9: ⌈10·0.5⌉ = 5 → 0.5; ⌈10·0.9⌉ = 9 → 0.9; ⌈10·0.95⌉ = 10 > 9 → 1
        assertThat(ConformalCoverage.level(s, 0.5)).isEqualTo(0.5);
        assertThat(ConformalCoverage.level(s, 0.9)).isEqualTo(0.9);
        assertThat(ConformalCoverage.level(s, 0.95)).isEqualTo(1.0);
        double[] lp = {-1, -5, -3, -2, -4};
        assertThat(ConformalCoverage.logDensityThreshold(lp, 0.4)).isEqualTo(-2);
        assertThat(ConformalCoverage.logDensityThreshold(lp, 1.0))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ConformalCoverage.level(s, 1.0)).hasMessageContaining("1.0");
    }
}
