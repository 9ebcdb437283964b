package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * SBC ranks from a sampler that always returns the five samples 0, 1, 2, 3, 4 (L = 5), and the
 * density log q(θ) = −(θ − 2)², so every rank can be counted by hand: the marginal rank is the
 * number of samples strictly below the true value, the joint rank the number of samples with a
 * strictly lower density than the true value.
 */
class SbcRanksOfAFixedSamplerTest {

    private static final int L = 5;

    private static final PosteriorSampler FIXED = (x, n, rng) -> {
        Matrix s = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            s.data()[i] = i;
        }
        return s;
    };

    private static final PosteriorDensity DENSITY = (theta, x) -> {
        double[] lp = new double[theta.rows()];
        for (int i = 0; i < lp.length; i++) {
            double d = theta.get(i, 0) - 2;
            lp[i] = -d * d;
        }
        return lp;
    };

    private static final Matrix THETA = Matrix.wrap(new float[] {2.5f, 0f, 4f}, 3, 1);
    private static final Matrix X = Matrix.wrap(new float[] {0f, 1f, 2f}, 3, 1);

    private static UniformRandomProvider rng() {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(11);
    }

    @Test
    void marginalAndJointRanksCountStrictlyLowerValues() {
        SbcRanks r = Sbc.ranks(THETA, X, FIXED, DENSITY, L, rng());
        assertThat(r.samplesPerPair()).isEqualTo(L);
        // 2.5: samples 0, 1, 2 below; 0: none; 4: 0..3 below (4 is not strictly below)
        assertThat(r.ranksOf(0)).containsExactly(3, 0, 4);
        // log q of the samples: −4, −1, 0, −1, −4; of the truths: −0.25, −4, −4
        assertThat(r.jointRanks()).containsExactly(4, 0, 0);
        // threads do not change the ranks
        assertThat(Sbc.ranks(THETA, X, FIXED, DENSITY, L, 2, rng()).ranksOf(0)).containsExactly(3, 0, 4);
        SbcRanks noDensity = Sbc.ranks(THETA, X, FIXED, null, L, rng());
        assertThat(noDensity.hasJoint()).isFalse();
        assertThat(noDensity.ranksOf(0)).containsExactly(3, 0, 4);
    }

    @Test
    void tarpValuesCountSamplesCloserToTheReferencePointThanTheTruth() {
        // the reference points are the first N·D uniforms of the generator, in the θ box scaled
        // to the unit interval: θ ∈ [0, 4], so a value v sits at v/4
        SbcRanks r = Sbc.ranks(THETA, X, FIXED, DENSITY, L, rng());
        UniformRandomProvider g = rng();
        double[] tarp = r.tarpValues();
        for (int i = 0; i < 3; i++) {
            double ref = g.nextDouble();
            double dTrue = Math.pow(THETA.get(i, 0) / 4 - ref, 2);
            int closer = 0;
            for (int s = 0; s < L; s++) {
                closer += Math.pow(s / 4.0 - ref, 2) < dTrue ? 1 : 0;
            }
            assertThat(tarp[i]).as("pair %d", i).isEqualTo((closer + 0.5) / (L + 1.0));
        }
    }

    @Test
    void aConstantParameterGetsUnitScaleAndTarpOfHalfADraw() {
        // every truth and every sample at 7: the box has zero width (scale 1); no sample is
        // strictly closer than the truth, so each TARP value is ½/(L + 1)
        PosteriorSampler sevens = (x, n, rng) -> {
            Matrix s = Matrix.of(n, 1);
            java.util.Arrays.fill(s.data(), 7f);
            return s;
        };
        Matrix theta = Matrix.wrap(new float[] {7f, 7f}, 2, 1);
        SbcRanks r = Sbc.ranks(theta, Matrix.of(2, 1), sevens, null, L, rng());
        assertThat(r.tarpValues()).containsExactly(0.5 / 6, 0.5 / 6);
        assertThat(r.ranksOf(0)).containsExactly(0, 0);
    }

    @Test
    void testCorrectsTheLevelForTheNumberOfRankTests() {
        SbcRanks r = new SbcRanks(9, new int[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5},
            {6, 6}, {7, 7}, {8, 8}, {9, 9}}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, null);
        SbcResult withJoint = Sbc.test(r, List.of("a", "b"), 0.03, rng());
        assertThat(withJoint.parameters()).hasSize(2);
        assertThat(withJoint.parameters().get(0).threshold()).isEqualTo(0.01);
        assertThat(withJoint.joint().threshold()).isEqualTo(0.01);
        assertThat(withJoint.joint().joint()).isTrue();
        assertThat(withJoint.joint().name()).isEqualTo("joint log-density");
        assertThat(withJoint.parameter("b").name()).isEqualTo("b");
        assertThat(withJoint.calibrated()).isTrue();
        assertThat(withJoint.verdict()).startsWith("SBC with N = 10 pairs and L = 9 samples each,"
                + " family-wise false-alarm rate 0.030 (each of the 3 rank tests at the corrected"
                + " threshold 0.030/3 = 0.010): consistent with calibration (no rank test rejects"
                + " uniformity; the smallest combined p is ");
        SbcRanks plain = new SbcRanks(9, r.ranks(), null, null);
        SbcResult without = Sbc.test(plain, List.of("a", "b"), 0.03, rng());
        assertThat(without.joint()).isNull();
        assertThat(without.parameters().get(1).threshold()).isEqualTo(0.015);
        assertThat(without.verdict()).contains("(each of the 2 rank tests at the corrected threshold"
                + " 0.030/2 = 0.015)");
        // all ranks 0: every test rejects and the verdict lists them
        SbcRanks low = new SbcRanks(9, new int[20][2], null, null);
        SbcResult bad = Sbc.test(low, List.of("a", "b"), 0.03, rng());
        assertThat(bad.calibrated()).isFalse();
        assertThat(bad.verdict()).contains("): NOT calibrated. a: skewed to low ranks")
                .contains("; b: skewed to low ranks").endsWith(").");
    }

    @Test
    void badShapesAreRejected() {
        assertThatThrownBy(() -> Sbc.ranks(THETA, Matrix.of(2, 1), FIXED, null, L, rng()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("theta has 3 rows but x has 2");
        assertThatThrownBy(() -> Sbc.ranks(THETA, X, FIXED, null, 0, rng()))
                .hasMessage("samplesPerPair must be >= 1, got 0");
        assertThat(Sbc.ranks(THETA, X, FIXED, null, 1, rng()).ranksOf(0)).containsExactly(1, 0, 1);
        PosteriorSampler short1 = (x, n, rng) -> Matrix.of(n - 1, 1);
        assertThatThrownBy(() -> Sbc.ranks(THETA, X, short1, null, L, rng()))
                .hasMessage("sampler returned 4x1, expected 5x1");
        PosteriorSampler wide = (x, n, rng) -> Matrix.of(n, 2);
        assertThatThrownBy(() -> Sbc.ranks(THETA, X, wide, null, L, rng()))
                .hasMessage("sampler returned 5x2, expected 5x1");
        PosteriorDensity shortDensity = (theta, x) -> new double[Math.max(1, theta.rows() - 1)];
        assertThatThrownBy(() -> Sbc.ranks(THETA, X, FIXED, shortDensity, L, rng()))
                .hasMessage("density returned 4 and 1 values for 5 samples and 1 true value");
        PosteriorDensity twoForTruth = (theta, x) -> new double[theta.rows() == 1 ? 2 : theta.rows()];
        assertThatThrownBy(() -> Sbc.ranks(THETA, X, FIXED, twoForTruth, L, rng()))
                .hasMessage("density returned 5 and 2 values for 5 samples and 1 true value");
    }
}
