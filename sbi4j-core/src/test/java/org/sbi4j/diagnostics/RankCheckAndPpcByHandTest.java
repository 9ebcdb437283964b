package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * The rank-uniformity check, the posterior predictive check and the small statistics helpers on
 * cases worked out by hand. With L = 9 the normalised mid-ranks (r + ½)/10 are 0.05, 0.15, …,
 * 0.95; four of the ten (0.05, 0.15, 0.85, 0.95) lie outside [¼, ¾], so p₀ = 0.4.
 */
class RankCheckAndPpcByHandTest {

    private static UniformRandomProvider rng() {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(7);
    }

    private static int[] repeat(int n, int... values) {
        int[] r = new int[n * values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = values[i % values.length];
        }
        return r;
    }

    @Test
    void expectedOuterShareAndBinCountsByHand() {
        assertThat(RankCheck.expectedOuter(9)).isEqualTo(0.4);
        assertThat(RankCheck.expectedOuter(3)).isEqualTo(0.5); // 0.125 and 0.875 of 4
        assertThat(RankCheck.expectedOuter(4)).isEqualTo(0.4); // 0.1 and 0.9 of 5
        assertThat(RankCheck.expectedOuter(1)).isEqualTo(0.0); // 0.25 and 0.75 are not outer
        assertThat(RankCheck.expectedOuter(0)).isEqualTo(0.0);
        assertThat(RankCheck.bins(100, 50)).isEqualTo(20);
        assertThat(RankCheck.bins(200, 50)).isEqualTo(20);  // at most 20
        assertThat(RankCheck.bins(100, 3)).isEqualTo(4);    // at most L + 1
        assertThat(RankCheck.bins(50, 30)).isEqualTo(10);   // N / 5
        assertThat(RankCheck.bins(9, 50)).isEqualTo(2);     // at least 2
    }

    @Test
    void allRanksZeroIsSkewedLowWithTheStatisticsByHand() {
        // N = 20 ranks 0 of L = 9: m = 0.05, z_mean = −0.45/√(99/(12·100·20)); f = 1,
        // z_outer = 0.6/√(0.24/20)
        RankCheck c = RankCheck.of("a", false, new int[20], 9, 0.01, rng());
        assertThat(c.name()).isEqualTo("a");
        assertThat(c.joint()).isFalse();
        assertThat(c.meanRank()).isCloseTo(0.05, within(1e-12));
        assertThat(c.outerFraction()).isEqualTo(1.0);
        assertThat(c.expectedOuterFraction()).isEqualTo(0.4);
        assertThat(c.zMean()).isCloseTo(-0.45 / Math.sqrt(99.0 / 24000), within(1e-9));
        assertThat(c.zOuter()).isCloseTo(0.6 / Math.sqrt(0.24 / 20), within(1e-9));
        assertThat(c.threshold()).isEqualTo(0.01);
        assertThat(c.pValue()).isLessThan(1e-9);
        double minP = Math.min(Math.min(c.ksPValue(), c.chiSquarePValue()),
                Math.min(Stats.twoSidedP(c.zMean()), Stats.twoSidedP(c.zOuter())));
        assertThat(c.pValue()).isCloseTo(4 * minP, within(1e-15));
        assertThat(c.shape()).isEqualTo(RankShape.SKEWED_LOW);
        assertThat(c.rejected()).isTrue();
        assertThat(c.verdict()).startsWith("a: skewed to low ranks: the true value tends to lie below"
                + " the posterior: the posterior is biased high (overestimates a) (KS p = ")
                .contains("mean normalised rank 0.05 vs 0.50, 100% of ranks in the outer half vs 40%")
                .contains("; deciding test: ").contains(", x4 tests = ")
                .endsWith(" < the corrected threshold 0.010)");
        RankCheck joint = RankCheck.of("joint log-density", true, new int[20], 9, 0.01, rng());
        assertThat(joint.joint()).isTrue();
        assertThat(joint.verdict()).contains("skewed to low ranks: the true values sit in lower"
                + " posterior density than the samples do: over-confident (too narrow) or biased");
    }

    @Test
    void allRanksTopIsSkewedHigh() {
        RankCheck c = RankCheck.of("b", false, repeat(20, 9), 9, 0.01, rng());
        assertThat(c.meanRank()).isCloseTo(0.95, within(1e-12));
        assertThat(c.zMean()).isCloseTo(0.45 / Math.sqrt(99.0 / 24000), within(1e-9));
        assertThat(c.shape()).isEqualTo(RankShape.SKEWED_HIGH);
        assertThat(c.verdict()).contains("the posterior is biased low (underestimates b)");
        assertThat(RankCheck.of("j", true, repeat(20, 9), 9, 0.01, rng()).verdict())
                .contains("the true values sit in higher posterior density than the samples do:"
                        + " under-confident, the posteriors are too wide");
    }

    @Test
    void ranksAtBothEndsAreUShapedAndRanksInTheMiddleCapShaped() {
        // half 0, half 9: m = 0.5 (z_mean = 0), f = 1 (z_outer ≈ 5.5)
        RankCheck u = RankCheck.of("a", false, repeat(10, 0, 9), 9, 0.01, rng());
        assertThat(u.zMean()).isCloseTo(0, within(1e-9));
        assertThat(u.shape()).isEqualTo(RankShape.U_SHAPED);
        assertThat(u.verdict()).contains("U-shaped: over-confident, the posteriors are too narrow");
        assertThat(RankCheck.of("j", true, repeat(10, 0, 9), 9, 0.01, rng()).verdict())
                .contains("not uniform, U-shaped (no simple reading for joint ranks)");
        // half 4, half 5: m = 0.5, f = 0, z_outer = −0.4/√(0.24/20) ≈ −3.65, 4·p ≈ 1e-3 < 0.01
        RankCheck cap = RankCheck.of("a", false, repeat(10, 4, 5), 9, 0.01, rng());
        assertThat(cap.outerFraction()).isEqualTo(0.0);
        assertThat(cap.zOuter()).isCloseTo(-0.4 / Math.sqrt(0.24 / 20), within(1e-9));
        assertThat(cap.shape()).isEqualTo(RankShape.CAP_SHAPED);
        assertThat(cap.verdict()).contains("cap-shaped: under-confident, the posteriors are too wide")
                .contains("mean normalised rank 0.50 vs 0.50, 0% of ranks in the outer half vs 40%");
        assertThat(RankCheck.of("j", true, repeat(10, 4, 5), 9, 0.01, rng()).verdict())
                .contains("not uniform, cap-shaped (no simple reading for joint ranks)");
        // the same ranks at a threshold of 5e-4: the 4-bin χ² (observed 0, 10, 10, 0 against
        // 6, 4, 6, 4: χ² = 21.67 on 3 df, p = 7.65e-5, ×4 = 3.06e-4) still rejects, but z_outer
        // alone (4·p = 1.04e-3) does not, so the shape is irregular
        RankCheck strict = RankCheck.of("a", false, repeat(10, 4, 5), 9, 5e-4, rng());
        assertThat(strict.chiSquarePValue()).isCloseTo(7.652e-5, within(1e-8));
        assertThat(strict.pValue()).isCloseTo(4 * 7.652e-5, within(4e-8));
        assertThat(strict.shape()).isEqualTo(RankShape.IRREGULAR);
    }

    @Test
    void aNonUniformHistogramWithCentredMeanAndExpectedOuterShareIsIrregular() {
        // 8×1, 12×4, 12×5, 8×8 of L = 9: m = 0.5 and f = 16/40 = p₀, so both z are 0, but the
        // 8-bin χ² (expected 8, 4, 4, 4, 8, 4, 4, 4; observed 8, 0, 0, 12, 12, 0, 8, 0) is 38
        int[] r = new int[40];
        for (int i = 0; i < 40; i++) {
            r[i] = i < 8 ? 1 : i < 20 ? 4 : i < 32 ? 5 : 8;
        }
        RankCheck c = RankCheck.of("a", false, r, 9, 0.01, rng());
        assertThat(c.outerFraction()).isEqualTo(0.4);
        assertThat(c.zOuter()).isCloseTo(0, within(1e-9));
        assertThat(c.chiSquarePValue()).isLessThan(1e-5);
        assertThat(c.shape()).isEqualTo(RankShape.IRREGULAR);
        assertThat(c.verdict()).contains("a: not uniform, with no simple U, cap or skew shape");
    }

    @Test
    void evenlySpreadRanksAreUniform() {
        // ranks 0..9 twice: m = 0.5, f = 0.4 = p₀, the χ² histogram is exactly the expected one
        RankCheck c = RankCheck.of("a", false, repeat(2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 9, 0.01,
                rng());
        assertThat(c.chiSquarePValue()).isCloseTo(1.0, within(1e-9));
        assertThat(c.zMean()).isCloseTo(0, within(1e-9));
        assertThat(c.zOuter()).isCloseTo(0, within(1e-9));
        assertThat(c.shape()).isEqualTo(RankShape.UNIFORM);
        assertThat(c.rejected()).isFalse();
        assertThat(c.verdict()).startsWith("a: consistent with calibration (KS p = ")
                .endsWith(" >= the corrected threshold 0.010)");
    }

    @Test
    void theKsTestSeesRandomisedRanksThatAreExactlyUniform() {
        // L = 1, ranks 0 and 1 alternating: u = (r + V)/2 is exactly U(0, 1), so the KS p-value
        // is itself uniform and (seed fixed) not small; had V been subtracted, the 25 rank-0
        // values would pile up at 0 and the KS distance would be at least 1/2.
        RankCheck c = RankCheck.of("a", false, repeat(25, 0, 1), 1, 0.01, rng());
        assertThat(c.ksPValue()).isGreaterThan(0.05);
        assertThat(c.meanRank()).isCloseTo(0.5, within(1e-12));
        assertThat(c.shape()).isEqualTo(RankShape.UNIFORM);
    }

    @Test
    void rankCheckRejectsBadInput() {
        assertThatThrownBy(() -> RankCheck.of("a", false, new int[1], 9, 0.01, rng()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("need at least 2 ranks, got 1");
        assertThatThrownBy(() -> RankCheck.of("a", false, new int[] {0, 10}, 9, 0.01, rng()))
                .hasMessage("rank 10 outside [0, 9]");
        assertThatThrownBy(() -> RankCheck.of("a", false, new int[] {-1, 0}, 9, 0.01, rng()))
                .hasMessage("rank -1 outside [0, 9]");
        assertThat(RankCheck.of("a", false, new int[] {0, 9}, 9, 0.01, rng()).meanRank())
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ppcQuantileBoundariesAreInsideTheCentralInterval() {
        // draws 1, 2, 3, 4 at level 0.5: the central interval of quantiles is [0.25, 0.75]
        Matrix pred = Matrix.wrap(new float[] {1, 2, 3, 4}, 4, 1);
        assertThat(Ppc.check(pred, new float[] {1.5f}, null, 0.5).passed()).isTrue();  // q = 0.25
        assertThat(Ppc.check(pred, new float[] {3.5f}, null, 0.5).passed()).isTrue();  // q = 0.75
        PpcResult low = Ppc.check(pred, new float[] {0.5f}, List.of("s"), 0.5);        // q = 0
        assertThat(low.quantiles()).containsExactly(0.0);
        assertThat(low.flagged()).containsExactly(0);
        assertThat(low.verdict()).isEqualTo("Posterior predictive check with 4 draws: 1 of 1"
                + " dimensions lie outside the central 50%: s (quantile 0.000, observation below"
                + " the predictive draws); the model does not reproduce these features of the data"
                + " (under a correct model about 0.50 of 1 dimensions are flagged by chance).");
        PpcResult high = Ppc.check(pred, new float[] {4.5f}, List.of("s"), 0.5);       // q = 1
        assertThat(high.quantiles()).containsExactly(1.0);
        assertThat(high.verdict()).contains("s (quantile 1.00, observation above");
        PpcResult ok = Ppc.check(pred, new float[] {2.5f}, null, 0.5);
        assertThat(ok.verdict()).isEqualTo("Posterior predictive check with 4 draws: the"
                + " observation lies within the central 50% of the predictive distribution in all"
                + " 1 dimensions (under a correct model about 0.50 of 1 dimensions are flagged by"
                + " chance).");
        assertThat(ok.failed()).isZero();
        assertThat(ok.nuisances()).isNull();
    }

    @Test
    void ppcNotesFailedSimulationsAndNuisances() {
        Matrix pred = Matrix.wrap(new float[] {1, 2, 3, 4}, 4, 1);
        PpcResult f = Ppc.check(new Ppc.Predictive(pred, 2, "exit code 3", null),
                new float[] {2.5f}, null, 0.5);
        assertThat(f.failed()).isEqualTo(2);
        assertThat(f.verdict()).endsWith(" 2 of 6 predictive simulations failed and are left out"
                + " (first: exit code 3).");
        PpcResult noCause = Ppc.check(new Ppc.Predictive(pred, 1, null, null),
                new float[] {2.5f}, null, 0.5);
        assertThat(noCause.verdict()).endsWith(" 1 of 5 predictive simulations failed and are left out.");
        PpcResult prior = Ppc.check(new Ppc.Predictive(pred, 0, null, "prior"),
                new float[] {2.5f}, null, 0.5);
        assertThat(prior.nuisances()).isEqualTo("prior");
        assertThat(prior.verdict()).endsWith("chance). Nuisance parameters were drawn from their"
                + " prior (no joint posterior was given): the predictive is wider than the posterior"
                + " predictive, so this check is conservative.");
        PpcResult joint = Ppc.check(new Ppc.Predictive(pred, 0, null, "joint posterior"),
                new float[] {2.5f}, null, 0.5);
        assertThat(joint.verdict()).endsWith("chance). Nuisance parameters were drawn from the"
                + " joint posterior.");
        assertThatThrownBy(() -> new Ppc.Predictive(pred, -1, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failed simulations must be >= 0, got -1");
        assertThatThrownBy(() -> Ppc.check(Matrix.of(0, 1), new float[1], null, 0.5))
                .hasMessage("no predictive draws");
        assertThatThrownBy(() -> Ppc.check(pred, new float[1], List.of("a", "b"), 0.5))
                .hasMessage("2 names for 1 dimensions");
        assertThatThrownBy(() -> Ppc.check(pred, new float[1], null, 0.0))
                .hasMessage("level must lie in (0, 1), got 0.0");
    }

    @Test
    void ppcResultCopiesItsArrays() {
        double[] q = {0.5};
        int[] fl = {0};
        PpcResult r = new PpcResult(List.of("a"), q, 0.9, fl, "v", 0, null);
        q[0] = 9;
        fl[0] = 9;
        r.quantiles()[0] = 7;
        r.flagged()[0] = 7;
        assertThat(r.quantiles()).containsExactly(0.5);
        assertThat(r.flagged()).containsExactly(0);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void statsHelpersByHand() {
        // rows (1, 2) and (3, 6): means (2, 4); deviations (∓1, ∓2); divisor n − 1 = 1
        Matrix m = Matrix.wrap(new float[] {1, 2, 3, 6}, 2, 2);
        double[] mu = Stats.mean(m);
        assertThat(mu).containsExactly(2.0, 4.0);
        double[][] c = Stats.covariance(m, mu);
        assertThat(c[0]).containsExactly(2.0, 4.0);
        assertThat(c[1]).containsExactly(4.0, 8.0);
        assertThat(Stats.normalCdf(0)).isEqualTo(0.5);
        assertThat(Stats.twoSidedP(Double.NaN)).isEqualTo(1.0);
        assertThat(Stats.twoSidedP(0)).isEqualTo(1.0);
        assertThat(Stats.twoSidedP(1.959963984540054)).isCloseTo(0.05, within(1e-12));
        assertThat(Stats.twoSidedP(-1.959963984540054)).isCloseTo(0.05, within(1e-12));
        double[] none = Stats.clopperPearson(0, 10, 0.1);
        assertThat(none[0]).isEqualTo(0.0);
        assertThat(none[1]).isCloseTo(1 - Math.pow(0.05, 0.1), within(1e-9));
        double[] all = Stats.clopperPearson(10, 10, 0.1);
        assertThat(all[0]).isCloseTo(Math.pow(0.05, 0.1), within(1e-9));
        assertThat(all[1]).isEqualTo(1.0);
        assertThat(Stats.checkAlpha(0.3)).isEqualTo(0.3);
        assertThatThrownBy(() -> Stats.checkAlpha(Double.NaN))
                .hasMessage("false-alarm rate alpha must lie in (0, 1), got NaN");
        assertThat(Stats.fmt(0)).isEqualTo("0.000");
        assertThat(Stats.fmt(0.05)).isEqualTo("0.050");
        assertThat(Stats.fmt(-0.05)).isEqualTo("-0.050");
        assertThat(Stats.fmt(0.1)).isEqualTo("0.10");
        assertThat(Stats.fmt(0.001)).isEqualTo("0.001");
        assertThat(Stats.fmt(0.0001)).isEqualTo("0.00010");
        assertThat(Stats.fmt(99999)).isEqualTo("99999.00");
        assertThat(Stats.fmt(100000)).isEqualTo("1.0e+05");
        assertThat(Stats.fmt(-100000)).isEqualTo("-1.0e+05");
        assertThat(Stats.percent(0.99)).isEqualTo("99");
        assertThat(Stats.percent(0.5)).isEqualTo("50");
        assertThat(Stats.percent(0.025)).isEqualTo("2.5");
    }
}
