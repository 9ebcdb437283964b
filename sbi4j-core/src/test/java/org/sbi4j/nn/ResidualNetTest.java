package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

class ResidualNetTest {

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Re-draws every parameter from U(−0.5, 0.5) so all gradients are well scaled. */
    private static void scramble(Layer layer, UniformRandomProvider r) {
        for (Param p : layer.params()) {
            Init.fillUniform(p.value(), 0.5, r);
        }
    }

    @Test
    void blockGradientsMatchFiniteDifferences() {
        for (Activation f : new Activation[] {Activation.TANH, Activation.GELU}) {
            UniformRandomProvider r = rng(30);
            ResidualBlock b = ResidualBlock.of("b", 5, 0, f, r);
            scramble(b, r);
            LayerGradientCheck.check(b, LayerGradientCheck.random(4, 5, 1.0, r), r);
        }
    }

    @Test
    void blockContextGradientMatchesFiniteDifferences() {
        blockContextGradient(false);
    }

    @Test
    void gatedBlockGradientsMatchFiniteDifferences() {
        blockContextGradient(true);
        UniformRandomProvider r = rng(34);
        ResidualBlock b = ResidualBlock.of("b", 4, 3, Activation.TANH, true, true, r);
        assertThat(b.gated()).isTrue();
        scramble(b, r);
        // parameter and input gradients through the gate, with the context as extra input
        ResidualNet net = ResidualNet.builder(2, 3).context(3).hidden(4).blocks(1)
                .activation(Activation.TANH).contextMode(ResidualNet.ContextMode.GLU)
                .torchInit(true).build(r);
        scramble(net, r);
        LayerGradientCheck.check(net, LayerGradientCheck.random(5, 5, 1.0, r), r);
    }

    @Test
    void gatedBlockStartsNearIdentityAndTorchInitBounds() {
        UniformRandomProvider r = rng(35);
        ResidualBlock b = ResidualBlock.of("b", 6, 2, Activation.RELU, true, true, r);
        Matrix x = LayerGradientCheck.random(3, 6, 1.0, r);
        Matrix c = LayerGradientCheck.random(3, 2, 1.0, r);
        Matrix y = b.forward(x, c, b.workspace(3));
        // residual ≤ 6·10⁻³·|f(h)| + 10⁻³ in size, gated by σ ∈ (0, 1): y stays within 0.05 of x
        for (int i = 0; i < 18; i++) {
            assertThat(y.data()[i]).isCloseTo(x.data()[i], org.assertj.core.data.Offset.offset(0.05f));
        }
        // PyTorch default: weights and biases of the first layer within ±1/√6, biases not zero
        Param bias = b.params().get(1);
        assertThat(bias.name()).isEqualTo("b.dense0.bias");
        for (float v : bias.value().toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(6)));
        }
        assertThat(bias.value().toArray()).isNotEqualTo(new float[6]);
    }

    /**
     * Rows with the same context share one σ(a) (computed once per run): forward values and input
     * and context gradients are the same bits as row by row, parameter gradients their sum.
     */
    @Test
    void gatedBlockSharesTheGateOverRepeatedContextsExactly() {
        UniformRandomProvider r = rng(35);
        ResidualBlock b = ResidualBlock.of("b", 20, 2, Activation.RELU, true, false, r);
        scramble(b, r);
        int n = 6;
        Matrix x = LayerGradientCheck.random(n, 20, 1.0, r);
        Matrix g = LayerGradientCheck.random(n, 20, 1.0, r);
        Matrix distinct = LayerGradientCheck.random(3, 2, 1.0, r);
        Matrix c = Matrix.of(n, 2);
        int[] which = {0, 0, 0, 1, 1, 2};
        for (int i = 0; i < n; i++) {
            c.set(i, 0, distinct.get(which[i], 0));
            c.set(i, 1, distinct.get(which[i], 1));
        }
        Layer.Workspace ws = b.workspace(n);
        Params.zeroGrad(b.params());
        Matrix y = b.forward(x, c, ws).copy();
        Matrix dx = b.backward(g, ws).copy();
        Matrix dc = b.gradContext(ws).copy();
        float[] batchGrads = new float[Params.count(b.params())];
        Params.copyGrads(b.params(), batchGrads);
        Params.zeroGrad(b.params());
        Layer.Workspace one = b.workspace(1);
        for (int i = 0; i < n; i++) {
            Matrix yi = b.forward(x.rowView(i, 1), c.rowView(i, 1), one);
            Matrix dxi = b.backward(g.rowView(i, 1), one);
            Matrix dci = b.gradContext(one);
            for (int j = 0; j < 20; j++) {
                assertThat(yi.get(0, j)).as("y[%d,%d]", i, j).isEqualTo(y.get(i, j));
                assertThat(dxi.get(0, j)).as("dx[%d,%d]", i, j).isEqualTo(dx.get(i, j));
            }
            assertThat(dci.get(0, 1)).as("dc[%d]", i).isEqualTo(dc.get(i, 1));
        }
        float[] rowGrads = new float[batchGrads.length];
        Params.copyGrads(b.params(), rowGrads);
        for (int t = 0; t < rowGrads.length; t++) {
            assertThat((double) batchGrads[t]).as("parameter gradient %d", t)
                    .isCloseTo(rowGrads[t], org.assertj.core.data.Offset.offset(
                            1e-5 * (1 + Math.abs(rowGrads[t]))));
        }
    }

    private static void blockContextGradient(boolean gated) {
        UniformRandomProvider r = rng(31);
        ResidualBlock b = ResidualBlock.of("b", 4, 3, Activation.SILU, gated, false, r);
        scramble(b, r);
        Matrix x = LayerGradientCheck.random(5, 4, 1.0, r);
        Matrix c = LayerGradientCheck.random(5, 3, 1.0, r);
        Matrix g = LayerGradientCheck.random(5, 4, 1.0, r);
        Layer.Workspace ws = b.workspace(5);
        b.forward(x, c, ws);
        b.backward(g, ws);
        double[] analytic = FiniteDifferences.toDouble(b.gradContext(ws).toArray(), 0, 15);
        double[] numeric = FiniteDifferences.gradient(() -> {
            Matrix y = b.forward(x, c, ws);
            double s = 0;
            for (int i = 0; i < y.size(); i++) {
                s += (double) g.data()[i] * y.data()[y.offset() + i];
            }
            return s;
        }, c);
        assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-3))
                .isLessThanOrEqualTo(LayerGradientCheck.TOL);
        assertThatThrownBy(() -> b.forward(x, ws)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
    }

    @Test
    void netGradientsMatchFiniteDifferencesInAllContextModes() {
        for (ResidualNet.ContextMode mode : ResidualNet.ContextMode.values()) {
            UniformRandomProvider r = rng(32);
            ResidualNet net = ResidualNet.builder(3, 2).context(2).hidden(6).blocks(2)
                    .activation(Activation.TANH).contextMode(mode).build(r);
            scramble(net, r);
            assertThat(net.inputSize()).isEqualTo(5);
            LayerGradientCheck.check(net, LayerGradientCheck.random(4, 5, 1.0, r), r);
        }
    }

    @Test
    void netWithoutContextOrBlocksAndZeroOutput() {
        UniformRandomProvider r = rng(33);
        ResidualNet plain = ResidualNet.builder(3, 2).hidden(4).blocks(0)
                .activation(Activation.ELU).build(r);
        scramble(plain, r);
        LayerGradientCheck.check(plain, LayerGradientCheck.random(3, 3, 1.0, r), r);

        ResidualNet zero = ResidualNet.builder(3, 2).context(1).zeroInitOutput(true).build(r);
        Matrix y = zero.forward(LayerGradientCheck.random(3, 3, 1, r),
                LayerGradientCheck.random(3, 1, 1, r), zero.workspace(3));
        assertThat(y.toArray()).containsOnly(0f);
        assertThat(zero.params()).extracting(Param::name).contains("resnet.initial.weight",
                "resnet.block1.context.weight", "resnet.final.bias");
    }
}
