package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class EcdfBandsTest {

    /**
     * Uniform ranks (N = 200, L = 99) fail at α = 0.05 in about 5 % of 200 repetitions: at most
     * 20 alarms (binomial(200, 0.05): P(&gt; 20) ≈ 0.002) and at least 2 (P(&lt; 2) ≈ 5e-4).
     */
    @Test
    void falseAlarmRateIsAlpha() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        int alarms = 0;
        int[] r = new int[200];
        for (int rep = 0; rep < 200; rep++) {
            for (int i = 0; i < r.length; i++) {
                r[i] = rng.nextInt(100);
            }
            EcdfBands.Result res = EcdfBands.test("a", r, 99, 0.05, rng);
            alarms += res.inside() ? 0 : 1;
            for (int j = 0; j < res.levels().length; j++) {
                assertThat(res.lower()[j]).isLessThanOrEqualTo(res.upper()[j]);
            }
        }
        System.out.println("ECDF band alarms on uniform ranks: " + alarms + " of 200");
        assertThat(alarms).isBetween(2, 20);
    }

    /** An overconfident posterior (sd × 0.7) gives U-shaped ranks: the ECDF leaves the band. */
    @Test
    void detectsAnOverconfidentPosterior() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        Matrix[] tx = GaussianModel.pairs(300, 1, rng);
        GaussianModel.Posterior q = GaussianModel.posterior(0.7, 0);
        SbcRanks ranks = Sbc.ranks(tx[0], tx[1], q, q, 100, rng);
        EcdfBands.Result res = EcdfBands.test("theta", ranks.ranksOf(0), 100, 0.01, rng);
        assertThat(res.inside()).isFalse();
        assertThat(res.verdict()).contains("NOT calibrated");
        GaussianModel.Posterior exact = GaussianModel.posterior(1, 0);
        SbcRanks good = Sbc.ranks(tx[0], tx[1], exact, exact, 100, rng);
        assertThat(EcdfBands.test("theta", good.ranksOf(0), 100, 0.01, rng).inside()).isTrue();
    }

    /**
     * Issue 25 (mutation testing): N = 4 ranks {0, 1, 2, 3} of L = 3 give K = 4 points, the
     * thresholds 1, 2, 3, levels and ECDF 1/4, 1/2, 3/4, and a band of binomial quantiles at
     * the adjusted level.
     */
    @Test
    void thresholdsLevelsEcdfAndBandOfASmallCase() {
        EcdfBands.Result r = EcdfBands.test("a", new int[] {3, 0, 2, 1}, 3, 0.05,
                RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        assertThat(r.levels()).containsExactly(0.25, 0.5, 0.75);
        assertThat(r.ecdf()).containsExactly(0.25, 0.5, 0.75);
        assertThat(r.lower()).hasSize(3);
        assertThat(r.upper()).hasSize(3);
        assertThat(r.inside()).isTrue();
        assertThat(r.gamma()).isGreaterThan(0).isLessThanOrEqualTo(1);
        for (int j = 0; j < 3; j++) {
            var law = org.apache.commons.statistics.distribution.BinomialDistribution.of(4,
                    r.levels()[j]);
            assertThat(r.lower()[j]).isEqualTo(law.inverseCumulativeProbability(r.gamma() / 2)
                    / 4.0);
            assertThat(r.upper()[j]).isEqualTo(law.inverseSurvivalProbability(r.gamma() / 2)
                    / 4.0);
        }
        assertThat(r.verdict()).contains("within the 95 % simultaneous band at all 3 points");
    }

    /** Issue 25 (mutation testing): all ranks 0 leave the band first at the lowest level. */
    @Test
    void ranksPiledAtZeroLeaveTheBandAtTheLowestLevel() {
        EcdfBands.Result r = EcdfBands.test("b", new int[50], 9, 0.05,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        assertThat(r.inside()).isFalse();
        assertThat(r.levels()).hasSize(9);
        assertThat(r.levels()[0]).isEqualTo(0.1);
        assertThat(r.ecdf()).containsOnly(1.0);
        assertThat(r.verdict()).contains("leaves the 95 % simultaneous band (at 0.100: 1.00"
                + " against [");
    }

    /** Issue 25 (mutation testing): the limits of N, L and the ranks. */
    @Test
    void ranksAndSizesAreCheckedAtTheirLimits() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        assertThat(EcdfBands.test("c", new int[] {0, 1}, 1, 0.05, rng).levels()).hasSize(1);
        assertThat(EcdfBands.test("c", new int[] {0, 1, 1}, 1, 0.05, rng).ecdf())
                .containsExactly(1 / 3.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> EcdfBands.test("c", new int[] {0}, 1, 0.05, rng))
                .hasMessageContaining("need at least 2 ranks and L >= 1, got 1 ranks, L = 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> EcdfBands.test("c", new int[] {0, 0}, 0, 0.05, rng))
                .hasMessageContaining("L = 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> EcdfBands.test("c", new int[] {0, 2}, 1, 0.05, rng))
                .hasMessageContaining("rank 2 outside [0, 1]");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> EcdfBands.test("c", new int[] {-1, 0}, 1, 0.05, rng))
                .hasMessageContaining("rank -1 outside [0, 1]");
    }
}
