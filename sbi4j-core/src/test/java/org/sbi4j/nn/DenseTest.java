package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class DenseTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);

    @Test
    void forwardIsAffineMapComputedByHand() {
        Dense d = Dense.of("d", 2, 3);
        d.weight().value().copyFrom(Matrix.fromRows(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        d.bias().value().copyFrom(Matrix.fromRows(new float[][] {{0.5f, -1, 0}}));
        Matrix y = d.forward(Matrix.fromRows(new float[][] {{1, -1}, {2, 0.5f}}), d.workspace(4));
        // row 0: (1-4+0.5, 2-5-1, 3-6) ; row 1: (2+2+0.5, 4+2.5-1, 6+3)
        assertThat(y.toArray()).containsExactly(-2.5f, -4f, -3f, 4.5f, 5.5f, 9f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Dense d = Dense.of("d", 5, 4, Init.GLOROT_UNIFORM, rng);
        d.bias().value().copyFrom(LayerGradientCheck.random(1, 4, 0.5, rng));
        LayerGradientCheck.check(d, LayerGradientCheck.random(7, 5, 1.0, rng), rng);
    }

    @Test
    void backwardAccumulatesIntoGradients() {
        Dense d = Dense.of("d", 3, 2, Init.GLOROT_UNIFORM, rng);
        Matrix x = LayerGradientCheck.random(4, 3, 1.0, rng);
        Matrix g = LayerGradientCheck.random(4, 2, 1.0, rng);
        Layer.Workspace ws = d.workspace(4);
        d.forward(x, ws);
        d.backward(g, ws);
        float[] once = d.weight().grad().toArray();
        d.backward(g, ws);
        float[] twice = d.weight().grad().toArray();
        for (int i = 0; i < once.length; i++) {
            assertThat(twice[i]).isCloseTo(2 * once[i], offset(1e-5f));
        }
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        Dense d = Dense.of("d", 3, 2);
        Layer.Workspace ws = d.workspace(5);
        assertThatThrownBy(() -> d.forward(Matrix.of(4, 2), ws))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x2").hasMessageContaining("nx3");
        assertThatThrownBy(() -> d.forward(Matrix.of(6, 3), ws))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6x3").hasMessageContaining("5x3");
        d.forward(Matrix.of(4, 3), ws);
        assertThatThrownBy(() -> d.backward(Matrix.of(4, 3), ws))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x3").hasMessageContaining("4x2");
    }

    @Test
    void smallerBatchReusesWorkspace() {
        Dense d = Dense.of("d", 3, 2, Init.GLOROT_UNIFORM, rng);
        Layer.Workspace ws = d.workspace(8);
        Matrix x = LayerGradientCheck.random(8, 3, 1.0, rng);
        Matrix full = d.forward(x, ws).copy();
        Matrix part = d.forward(x.rowView(0, 3), ws);
        assertThat(part.shape()).isEqualTo("3x2");
        assertThat(part.toArray()).containsExactly(full.rowView(0, 3).toArray());
    }
}
