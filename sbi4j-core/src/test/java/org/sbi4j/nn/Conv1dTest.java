package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Conv1d.Padding;
import org.sbi4j.tensor.Matrix;

class Conv1dTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);

    private Conv1d conv(int c, int l, int f, int k, int s, Padding p) {
        Conv1d conv = Conv1d.of("conv", c, l, f, k, s, p, Init.GLOROT_UNIFORM, rng);
        conv.bias().value().copyFrom(LayerGradientCheck.random(1, f, 0.5, rng));
        return conv;
    }

    /** The textbook definition y[f,t] = b[f] + Σ_c Σ_j W[c·k+j, f]·x[c, t·s+j−p], in double. */
    private static double direct(Conv1d conv, Matrix x, int row, int c, int l, int k, int s, int p,
                                 int f, int t) {
        double y = conv.bias().value().get(0, f);
        for (int ch = 0; ch < c; ch++) {
            for (int j = 0; j < k; j++) {
                int u = t * s + j - p;
                if (u >= 0 && u < l) {
                    y += (double) conv.weight().value().get(ch * k + j, f) * x.get(row, ch * l + u);
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"2,9,3,3,1,SAME,1", "2,9,3,3,2,SAME,1", "1,10,2,4,1,VALID,0",
            "3,11,2,5,2,VALID,0"})
    void forwardMatchesTheDefinition(int c, int l, int f, int k, int s, Padding padding, int p) {
        Conv1d conv = conv(c, l, f, k, s, padding);
        int expectedLength = (l + 2 * p - k) / s + 1;
        assertThat(conv.outLength()).isEqualTo(expectedLength);
        Matrix x = LayerGradientCheck.random(3, c * l, 1.0, rng);
        Matrix y = conv.forward(x, conv.workspace(4));
        for (int i = 0; i < 3; i++) {
            for (int ff = 0; ff < f; ff++) {
                for (int t = 0; t < expectedLength; t++) {
                    assertThat((double) y.get(i, ff * expectedLength + t))
                            .isCloseTo(direct(conv, x, i, c, l, k, s, p, ff, t), offset(1e-5));
                }
            }
        }
    }

    @Test
    void sameStrideOneKeepsTheLength() {
        assertThat(conv(1, 50, 4, 5, 1, Padding.SAME).outLength()).isEqualTo(50);
        assertThat(conv(1, 50, 4, 5, 2, Padding.SAME).outLength()).isEqualTo(25);
    }

    @ParameterizedTest
    @CsvSource({"2,9,3,3,1,SAME", "2,9,3,3,2,SAME", "1,10,2,4,1,VALID", "3,11,2,5,2,VALID"})
    void gradientsMatchFiniteDifferences(int c, int l, int f, int k, int s, Padding padding) {
        LayerGradientCheck.check(conv(c, l, f, k, s, padding),
                LayerGradientCheck.random(3, c * l, 1.0, rng), rng);
    }

    @Test
    void stackWithPoolingAndDenseHeadHasCorrectGradients() {
        Conv1d c1 = conv(2, 12, 3, 3, 1, Padding.SAME);
        Layer net = Sequential.of(c1, ActivationLayer.of(Activation.TANH, c1.outputSize()),
                AvgPool1d.of(3, 12, 2), Dense.of("head", 18, 2, Init.GLOROT_UNIFORM, rng));
        LayerGradientCheck.check(net, LayerGradientCheck.random(4, 24, 1.0, rng), rng);
    }

    @Test
    void workspaceBeyondBatchIsRejectedAndBadSettingsAreNamed() {
        Conv1d c = conv(1, 8, 2, 3, 1, Padding.SAME);
        assertThatThrownBy(() -> c.forward(Matrix.of(3, 8), c.workspace(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more rows");
        assertThatThrownBy(() -> Conv1d.of("c", 1, 8, 2, 4, 1, Padding.SAME, Init.ZERO, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd kernel");
        assertThatThrownBy(() -> Conv1d.of("c", 1, 8, 2, 3, 3, Padding.SAME, Init.ZERO, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        assertThatThrownBy(() -> Conv1d.of("c", 1, 4, 2, 5, 1, Padding.VALID, Init.ZERO, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }
}
