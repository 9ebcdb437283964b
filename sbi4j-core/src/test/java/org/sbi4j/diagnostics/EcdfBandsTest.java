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
}
