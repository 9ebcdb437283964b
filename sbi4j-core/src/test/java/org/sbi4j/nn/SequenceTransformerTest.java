package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

class SequenceTransformerTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(61L);

    @Test
    void gradientsMatchFiniteDifferences() {
        // one layer: the plumbing (time-major tokens, positions, mean over time, head) around
        // an AttentionBlock, whose own gradients AttentionTest checks. Through two post-norm
        // layers of width 4 float32 central differences get too rough for the 1 % tolerance:
        // the default step's truncation error reaches 1-17 % on some layer-norm gains, a step
        // of 1e-3 (truncation 0.03 %) leaves rounding noise of ~2 % on the small query
        // gradients.
        SequenceTransformer st = SequenceTransformer.of(new SequenceTransformerConfig(2, 5, 4, 2,
                1, Activation.TANH, new int[] {3}, 2), rng);
        for (Param p : st.params()) {
            Init.fillUniform(p.value(), 0.5, rng);
        }
        LayerGradientCheck.check(st, LayerGradientCheck.random(3, 10, 1, rng), rng);
    }

    @Test
    void positionsMatterSoReversingTimeChangesTheEmbedding() {
        SequenceTransformer st = SequenceTransformer.of(
                SequenceTransformerConfig.defaults(1, 6, 2), rng);
        Matrix x = LayerGradientCheck.random(1, 6, 1, rng);
        Matrix rev = Matrix.of(1, 6);
        for (int t = 0; t < 6; t++) {
            rev.set(0, t, x.get(0, 5 - t));
        }
        float[] y = st.forward(x, st.workspace(1)).row(0);
        assertThat(st.forward(rev, st.workspace(1)).row(0)).isNotEqualTo(y);
        assertThat(st.forward(x, st.workspace(1)).row(0)).containsExactly(y);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new SequenceTransformerConfig(1, 4, 6, 4, 1, Activation.RELU,
                new int[0], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divisible");
        assertThatThrownBy(() -> new SequenceTransformerConfig(1, 4, 8, 2, 0, Activation.RELU,
                new int[0], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers");
    }
}
