package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.tensor.Matrix;

class MlpTest {

    @Test
    void gradientsMatchFiniteDifferencesForSmoothActivations() {
        for (Activation f : new Activation[] {Activation.TANH, Activation.SILU, Activation.GELU,
                Activation.ELU, Activation.SIGMOID}) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
            Sequential net = Mlp.of(4, new int[] {6, 5}, 3, f, rng);
            for (Param p : net.params()) {
                if (p.name().endsWith("bias")) {
                    p.value().copyFrom(LayerGradientCheck.random(1, p.size(), 0.3, rng));
                }
            }
            LayerGradientCheck.check(net, LayerGradientCheck.random(5, 4, 1.0, rng), rng);
        }
    }

    @Test
    void structureAndNames() {
        Sequential net = Mlp.of(3, new int[] {8, 8}, 2, Activation.RELU, true, rng(4));
        assertThat(net.layers()).hasSize(5);
        assertThat(net.params()).extracting(Param::name).containsExactly("dense0.weight",
                "dense0.bias", "dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias");
        assertThat(Params.count(net.params())).isEqualTo(3 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2);
        assertThat(net.params().get(4).value().toArray()).containsOnly(0f);
        assertThat(net.params().get(0).value().toArray()).doesNotContain(0f);
    }

    @Test
    void mismatchedLayersAreRejectedWithBothSizes() {
        assertThatThrownBy(() -> Sequential.of(Dense.of("a", 3, 4), Dense.of("b", 5, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputs 4").hasMessageContaining("expects 5");
        assertThatThrownBy(() -> Sequential.of(Dense.of("a", 3, 3), Dense.of("a", 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.weight");
    }

    @Test
    void secondWorkspaceDoesNotDisturbFirstBackward() {
        Sequential net = Mlp.of(3, new int[] {7}, 2, Activation.TANH, rng(5));
        UniformRandomProvider r = rng(6);
        Matrix x1 = LayerGradientCheck.random(4, 3, 1, r);
        Matrix x2 = LayerGradientCheck.random(6, 3, 1, r);
        Matrix g = LayerGradientCheck.random(4, 2, 1, r);
        Layer.Workspace ws1 = net.workspace(8);
        Layer.Workspace ws2 = net.workspace(8);

        net.forward(x1, ws1);
        float[] dx = net.backward(g, ws1).toArray();
        float[] grads = gradsAndReset(net);

        net.forward(x1, ws1);
        net.forward(x2, ws2);
        assertThat(net.backward(g, ws1).toArray()).containsExactly(dx);
        assertThat(gradsAndReset(net)).containsExactly(grads);
    }

    @Test
    void fitsSineAndIsReproducible() {
        float[] w1 = new float[MLP_PARAMS];
        float[] w2 = new float[MLP_PARAMS];
        double mse1 = fitSine(7L, w1);
        double mse2 = fitSine(7L, w2);
        // 1 -> 16 -> 16 -> 1 tanh net, 200 equispaced points on [-3, 3], full-batch Adam lr 1e-2
        // for 600 steps. sin has variance ~0.48 here; seeds 7, 8, 9 reach MSE 2e-5 to 5e-5 by
        // step 500, so 1e-3 leaves a 20x margin yet still demands a > 99.8% reduction.
        assertThat(mse1).isLessThan(1e-3);
        assertThat(mse2).isEqualTo(mse1);
        assertThat(w2).containsExactly(w1); // same seed: bit-identical weights
        assertThat(fitSine(8L, w2)).isLessThan(1e-3);
        assertThat(w2).isNotEqualTo(w1); // and the seed does matter
    }

    /** Parameters of the 1 -> 16 -> 16 -> 1 network below. */
    private static final int MLP_PARAMS = (1 * 16 + 16) + (16 * 16 + 16) + (16 + 1);

    private static double fitSine(long seed, float[] finalWeights) {
        int n = 200;
        Matrix x = Matrix.of(n, 1);
        Matrix t = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            double xi = -3 + 6.0 * i / (n - 1);
            x.set(i, 0, (float) xi);
            t.set(i, 0, (float) Math.sin(xi));
        }
        Sequential net = Mlp.of(1, new int[] {16, 16}, 1, Activation.TANH, rng(seed));
        Adam adam = Adam.of(net.params(), AdamConfig.defaults().withLearningRate(1e-2));
        Layer.Workspace ws = net.workspace(n);
        Matrix grad = Matrix.of(n, 1);
        double mse = Double.NaN;
        for (int step = 0; step < 600; step++) {
            Params.zeroGrad(net.params());
            Matrix y = net.forward(x, ws);
            mse = 0;
            for (int i = 0; i < n; i++) {
                float e = y.get(i, 0) - t.get(i, 0);
                mse += (double) e * e / n;
                grad.set(i, 0, 2f * e / n);
            }
            net.backward(grad, ws);
            adam.step();
        }
        Params.copyValues(net.params(), finalWeights);
        return mse;
    }

    private static float[] gradsAndReset(Layer net) {
        float[] g = new float[Params.count(net.params())];
        Params.copyGrads(net.params(), g);
        Params.zeroGrad(net.params());
        return g;
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
