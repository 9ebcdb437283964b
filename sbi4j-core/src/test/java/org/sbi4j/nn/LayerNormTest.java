package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class LayerNormTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(37L);

    @Test
    void rowsGetZeroMeanAndUnitVarianceBeforeGainAndBias() {
        LayerNorm ln = LayerNorm.of("ln", 6);
        Matrix x = LayerGradientCheck.random(5, 6, 3, rng);
        Matrix y = ln.forward(x, ln.workspace(5));
        for (int i = 0; i < 5; i++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < 6; j++) {
                mean += y.get(i, j) / 6.0;
                sq += (double) y.get(i, j) * y.get(i, j) / 6.0;
            }
            assertThat(mean).isCloseTo(0, offset(1e-6));
            // variance σ²/(σ² + ε): ε = 1e-5 against σ² of order 1
            assertThat(sq - mean * mean).isCloseTo(1, offset(1e-4));
        }
    }

    @Test
    void aRowDoesNotDependOnTheOtherRows() {
        LayerNorm ln = LayerNorm.of("ln", 4);
        Matrix x = LayerGradientCheck.random(3, 4, 1, rng);
        float[] alone = ln.forward(x.rowView(2, 1), ln.workspace(1)).row(0);
        assertThat(ln.forward(x, ln.workspace(3)).row(2)).containsExactly(alone);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LayerNorm ln = LayerNorm.of("ln", 7);
        ln.gain().value().copyFrom(LayerGradientCheck.random(1, 7, 1.5, rng));
        ln.bias().value().copyFrom(LayerGradientCheck.random(1, 7, 0.5, rng));
        LayerGradientCheck.check(ln, LayerGradientCheck.random(5, 7, 2, rng), rng);
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> LayerNorm.of("ln", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
        LayerNorm ln = LayerNorm.of("ln", 3);
        assertThatThrownBy(() -> ln.forward(Matrix.of(1, 4), ln.workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nx3");
    }
}
