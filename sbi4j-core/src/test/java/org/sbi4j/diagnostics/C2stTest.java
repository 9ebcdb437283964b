package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class C2stTest {

    /** n draws of N(shift·e₀, I_d). */
    private static Matrix gaussian(int n, int d, double shift, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, (float) (g.sample() + (j == 0 ? shift : 0)));
            }
        }
        return m;
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void identicalDistributionsGiveChance() {
        // 2 × 2000 points: held-out accuracy of a chance classifier has sd 0.5/√4000 ≈ 0.008;
        // a small MLP may overfit a little, so allow 0.05 around 0.5
        C2stResult r = C2st.run(gaussian(2000, 2, 0, rng(1)), gaussian(2000, 2, 0, rng(2)),
                rng(3));
        assertThat(r.accuracy()).isCloseTo(0.5, Offset.offset(0.05));
        assertThat(r.foldAccuracies()).hasSize(5);
        assertThat(r.verdict()).contains("accuracy");
    }

    @Test
    void unitShiftGivesTheBayesOptimalAccuracy() {
        // N(0, 1) vs N(1, 1) in dimension 0, equal class sizes: the Bayes classifier thresholds at
        // 0.5 and is right with probability Φ(0.5) = 0.6915. With 2 × 3000 points the held-out
        // accuracy has sd ≈ 0.006; the MLP gets near-Bayes: allow 0.03 below and 0.02 above.
        C2stResult r = C2st.run(gaussian(3000, 1, 0, rng(4)), gaussian(3000, 1, 1, rng(5)),
                rng(6));
        assertThat(r.accuracy()).isBetween(0.6915 - 0.03, 0.6915 + 0.02);
        assertThat(r.verdict()).contains("tells them apart");
    }

    @Test
    void separatedSetsAreNearlyPerfectlyClassified() {
        // 8 sd apart: a few epochs suffice, so cap them to keep the test fast
        C2st.Config fast = new C2st.Config(5, 10, 200, 1e-3, 1e-4, 1e-4, 10, 30, true, 2);
        C2stResult r = C2st.run(gaussian(1000, 2, 0, rng(7)), gaussian(1000, 2, 8, rng(8)),
                fast, rng(9));
        assertThat(r.foldEpochs()).containsOnly(30);
        assertThat(r.accuracy()).isGreaterThan(0.99);
    }

    @Test
    void resultDoesNotDependOnThreads() {
        Matrix a = gaussian(500, 2, 0, rng(10));
        Matrix b = gaussian(500, 2, 0.5, rng(11));
        C2st.Config cfg = new C2st.Config(5, 10, 200, 1e-3, 1e-4, 1e-4, 10, 40, true, 1);
        C2stResult one = C2st.run(a, b, cfg, rng(12));
        C2stResult two = C2st.run(a, b, cfg.withThreads(3), rng(12));
        assertThat(two.foldAccuracies()).containsExactly(one.foldAccuracies());
        assertThat(two.foldEpochs()).containsExactly(one.foldEpochs());
    }

    @Test
    void foldBoundariesFollowSklearnKFold() {
        // sklearn KFold(5) on 12 rows: fold sizes 3, 3, 2, 2, 2
        int[] starts = new int[6];
        for (int f = 0; f <= 5; f++) {
            starts[f] = C2st.start(12, 5, f);
        }
        assertThat(starts).containsExactly(0, 3, 6, 8, 10, 12);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> C2st.run(Matrix.of(10, 2), Matrix.of(10, 3), rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples have 3");
        assertThatThrownBy(() -> C2st.Config.sbibm().withThreads(0)).hasMessageContaining("threads");
    }
}
