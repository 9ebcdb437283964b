package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * SBC, HPD coverage and TARP on a Gaussian model whose exact posterior is known
 * ({@link GaussianModel}). N = 300 test pairs, L = 100 samples, D = 2, fixed seeds.
 * Family-wise false-alarm rate α = 0.01: the exact posterior is wrongly flagged with probability
 * at most 1 % per seed. The wrong posteriors are far enough off (sd ×0.5, ×2, shift of one
 * posterior sd) that each test's power is essentially 1 at this N (|z| &gt; 6 expected).
 */
class SbcTest {

    private static final int N = 300;
    private static final int L = 100;
    private static final double ALPHA = 0.01;
    private static final List<String> NAMES = List.of("a", "b");

    private static SbcRanks ranks(GaussianModel.Posterior q, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix[] tx = GaussianModel.pairs(N, 2, rng);
        return Sbc.ranks(tx[0], tx[1], q, q, L, rng);
    }

    private static SbcResult sbc(SbcRanks r) {
        return Sbc.test(r, NAMES, ALPHA, RandomSource.XO_RO_SHI_RO_128_PP.create(99));
    }

    @Test
    void exactPosteriorIsCalibrated() {
        SbcRanks r = ranks(GaussianModel.posterior(1, 0), 1);
        SbcResult s = sbc(r);
        assertThat(s.calibrated()).as(s.verdict()).isTrue();
        assertThat(s.verdict()).contains("consistent with calibration");
        for (RankCheck t : s.parameters()) {
            assertThat(t.shape()).isEqualTo(RankShape.UNIFORM);
        }
        CoverageResult hpd = Coverage.hpd(r, ALPHA);
        assertThat(hpd.calibrated()).as(hpd.verdict()).isTrue();
        CoverageResult tarp = Tarp.of(r, ALPHA);
        assertThat(tarp.calibrated()).as(tarp.verdict()).isTrue();
        // coverage on the diagonal: 3/sqrt(300) ≈ 0.17 would be the crude worst case;
        // with the band at alpha = 0.01 every level must lie within ~0.1 of its nominal value.
        double[] lv = hpd.levels();
        double[] cv = hpd.coverage();
        for (int k = 0; k < lv.length; k++) {
            assertThat(cv[k]).isCloseTo(lv[k], org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    void tooNarrowIsUShapedAndCoversTooRarely() {
        SbcRanks r = ranks(GaussianModel.posterior(0.5, 0), 2);
        SbcResult s = sbc(r);
        assertThat(s.calibrated()).isFalse();
        for (RankCheck t : s.parameters()) {
            assertThat(t.shape()).as(t.verdict()).isEqualTo(RankShape.U_SHAPED);
            assertThat(t.verdict()).contains("over-confident");
        }
        assertThat(s.joint().shape()).isEqualTo(RankShape.SKEWED_LOW);
        CoverageResult hpd = Coverage.hpd(r, ALPHA);
        assertThat(hpd.levelsBelow()).isGreaterThan(10);
        assertThat(hpd.levelsAbove()).isZero();
        assertThat(hpd.verdict()).contains("over-confident");
        assertThat(hpd.meanDeviation()).isLessThan(-0.1);
        // TARP: with a too-narrow posterior the ball around the reference point holds either
        // almost none or almost all samples, so the TARP values pile up near 0 and 1 and the
        // curve crosses the diagonal: above at the lowest level, below at the highest.
        CoverageResult tarp = Tarp.of(r, ALPHA);
        assertThat(tarp.calibrated()).as(tarp.verdict()).isFalse();
        assertThat(tarp.levels()[0]).isLessThan(tarp.lower()[0]);
        assertThat(tarp.levels()[18]).isGreaterThan(tarp.upper()[18]);
    }

    @Test
    void tooWideIsCapShapedAndCoversTooOften() {
        SbcRanks r = ranks(GaussianModel.posterior(2, 0), 3);
        SbcResult s = sbc(r);
        for (RankCheck t : s.parameters()) {
            assertThat(t.shape()).as(t.verdict()).isEqualTo(RankShape.CAP_SHAPED);
            assertThat(t.verdict()).contains("under-confident");
        }
        assertThat(s.joint().shape()).isEqualTo(RankShape.SKEWED_HIGH);
        CoverageResult hpd = Coverage.hpd(r, ALPHA);
        assertThat(hpd.levelsAbove()).isGreaterThan(10);
        assertThat(hpd.levelsBelow()).isZero();
        assertThat(hpd.verdict()).contains("under-confident");
        CoverageResult tarp = Tarp.of(r, ALPHA);
        assertThat(tarp.meanDeviation()).as(tarp.verdict()).isGreaterThan(0.05);
    }

    @Test
    void biasedIsSkewedInTheRightDirection() {
        // posterior shifted up by one sd in every parameter: the truth tends to lie below it
        SbcRanks r = ranks(GaussianModel.posterior(1, 1), 4);
        SbcResult up = sbc(r);
        for (RankCheck t : up.parameters()) {
            assertThat(t.shape()).as(t.verdict()).isEqualTo(RankShape.SKEWED_LOW);
            assertThat(t.verdict()).contains("biased high");
        }
        // a shifted posterior misses the truth: HPD regions cover too rarely, TARP flags it
        assertThat(Coverage.hpd(r, ALPHA).levelsBelow()).isGreaterThan(10);
        assertThat(Tarp.of(r, ALPHA).calibrated()).isFalse();
        SbcResult down = sbc(ranks(GaussianModel.posterior(1, -1), 5));
        for (RankCheck t : down.parameters()) {
            assertThat(t.shape()).as(t.verdict()).isEqualTo(RankShape.SKEWED_HIGH);
            assertThat(t.verdict()).contains("biased low");
        }
    }

    @Test
    void falseAlarmRateIsNearAlphaOverManySeeds() {
        // 40 seeds at alpha = 0.2 (so alarms are frequent enough to count): Bonferroni keeps the
        // family-wise rate at or below 0.2; binomial(40, 0.2) exceeds 16 alarms with p < 0.001.
        int alarms = 0;
        for (int seed = 100; seed < 140; seed++) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            Matrix[] tx = GaussianModel.pairs(100, 2, rng);
            GaussianModel.Posterior q = GaussianModel.posterior(1, 0);
            SbcResult s = Sbc.run(tx[0], tx[1], q, q, 50, NAMES, 0.2, rng);
            alarms += s.calibrated() ? 0 : 1;
        }
        assertThat(alarms).isLessThanOrEqualTo(16);
    }

    @Test
    void ranksDoNotDependOnTheNumberOfThreads() {
        GaussianModel.Posterior q = GaussianModel.posterior(1, 0);
        Matrix[] tx = GaussianModel.pairs(40, 2, RandomSource.XO_RO_SHI_RO_128_PP.create(8));
        SbcRanks one = Sbc.ranks(tx[0], tx[1], q, q, 30, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(9));
        SbcRanks three = Sbc.ranks(tx[0], tx[1], q, q, 30, 3, RandomSource.XO_RO_SHI_RO_128_PP.create(9));
        for (int j = 0; j < 2; j++) {
            assertThat(three.ranksOf(j)).containsExactly(one.ranksOf(j));
        }
        assertThat(three.jointRanks()).containsExactly(one.jointRanks());
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        SbcRanks r = ranks(GaussianModel.posterior(1, 0), 6);
        assertThatThrownBy(() -> Sbc.test(r, List.of("a"), ALPHA, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 names");
        assertThatThrownBy(() -> Sbc.test(r, NAMES, 1.5, null))
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new SbcRanks(10, new int[][] {{11}}, null, null))
                .hasMessageContaining("rank 11");
        assertThatThrownBy(() -> Sbc.ranks(Matrix.of(3, 2), Matrix.of(3, 2),
                GaussianModel.posterior(1, 0), null, 5, 0, null))
                .hasMessageContaining("threads must be >= 1, got 0");
        SbcRanks noJoint = new SbcRanks(10, new int[][] {{1}, {2}}, null, null);
        assertThatThrownBy(() -> Coverage.hpd(noJoint, ALPHA))
                .hasMessageContaining("PosteriorDensity");
    }
}
