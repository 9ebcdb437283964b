package org.sbi4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Param;

class AdamTest {

    private static final float[] W0 = {0.5f, -1.5f, 2f};
    private static final double[][] GRADS = {{0.1, -0.2, 3.0}, {-0.4, 0.0, 1.0}, {0.2, 0.5, -2.0}};

    /** Runs three steps, gradient at step s fixed to GRADS[s] (plus nothing else). */
    private static float[][] run(AdamConfig c) {
        Param p = Param.of("w", 1, 3);
        for (int i = 0; i < 3; i++) {
            p.value().set(0, i, W0[i]);
        }
        Adam adam = Adam.of(List.of(p), c);
        float[][] out = new float[3][];
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 3; i++) {
                p.grad().set(0, i, (float) GRADS[s][i]);
            }
            adam.step();
            out[s] = p.value().toArray();
        }
        assertThat(adam.steps()).isEqualTo(3);
        return out;
    }

    /** Independent double-precision Adam from Kingma & Ba, Algorithm 1, with decay variants. */
    private static double[][] reference(AdamConfig c) {
        double[] w = {W0[0], W0[1], W0[2]};
        double[] m = new double[3];
        double[] v = new double[3];
        double[][] out = new double[3][];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i];
                if (c.decayMode() == AdamConfig.WeightDecay.L2) {
                    g += c.weightDecay() * w[i];
                }
                if (c.decayMode() == AdamConfig.WeightDecay.DECOUPLED) {
                    w[i] -= c.learningRate() * c.weightDecay() * w[i];
                }
                m[i] = c.beta1() * m[i] + (1 - c.beta1()) * g;
                v[i] = c.beta2() * v[i] + (1 - c.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(c.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(c.beta2(), t));
                w[i] -= c.learningRate() * mHat / (Math.sqrt(vHat) + c.epsilon());
            }
            out[t - 1] = w.clone();
        }
        return out;
    }

    private static void assertMatches(AdamConfig c) {
        float[][] got = run(c);
        double[][] want = reference(c);
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 3; i++) {
                // float32 state and arithmetic (~10 roundings a step, O(1) weights): 1e-5 is a
                // few dozen ulps, yet 1e-4 of the 0.1 step, so any wrong term would show
                assertThat((double) got[s][i]).as("step %d weight %d", s + 1, i)
                        .isCloseTo(want[s][i], offset(1e-5));
            }
        }
    }

    @Test
    void firstThreeStepsMatchTheFormula() {
        AdamConfig c = AdamConfig.defaults().withLearningRate(0.1);
        assertMatches(c);
        // first step moves each weight by -lr*sign(g) (m̂/√v̂ = g/|g|), weight 1 has g = -0.2
        assertThat(run(c)[0][1]).isCloseTo(-1.5f + 0.1f, offset(1e-6f));
    }

    @Test
    void weightDecayVariantsMatchTheFormulaAndDiffer() {
        AdamConfig base = AdamConfig.defaults().withLearningRate(0.1).withBetas(0.8, 0.99)
                .withEpsilon(1e-3);
        AdamConfig l2 = base.withWeightDecay(0.5, AdamConfig.WeightDecay.L2);
        AdamConfig adamW = base.withWeightDecay(0.5, AdamConfig.WeightDecay.DECOUPLED);
        assertMatches(base);
        assertMatches(l2);
        assertMatches(adamW);
        float[] plain = run(base)[2];
        float[] coupled = run(l2)[2];
        float[] decoupled = run(adamW)[2];
        for (int i = 0; i < 3; i++) {
            assertThat(coupled[i]).isNotEqualTo(decoupled[i]);
            assertThat(decoupled[i]).isNotEqualTo(plain[i]);
        }
        // weight 2 has a large gradient (|g| = 3 at step 1): coupled L2 adds λw = 1 to it and is
        // normalised away by Adam, so it moves w less than AdamW's shrink factor (1 - 0.05).
        double shrinkOnly = W0[2] * (1 - 0.05);
        assertThat((double) run(adamW)[0][2]).isCloseTo(shrinkOnly - 0.1, offset(1e-3));
        assertThat((double) run(l2)[0][2]).isCloseTo(W0[2] - 0.1, offset(1e-3));
    }

    @Test
    void configValidation() {
        assertThatThrownBy(() -> AdamConfig.defaults().withLearningRate(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> AdamConfig.defaults()
                .withWeightDecay(0.1, AdamConfig.WeightDecay.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE");
        assertThatThrownBy(() -> AdamConfig.defaults().withBetas(1.0, 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta1");
    }
}
