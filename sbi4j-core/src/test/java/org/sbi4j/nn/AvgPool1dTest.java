package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class AvgPool1dTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);

    @Test
    void averagesWindowsPerChannelAndDropsTheRemainder() {
        AvgPool1d pool = AvgPool1d.of(2, 5, 2);
        // channel 0: 1 2 3 4 9 -> (1.5, 3.5), the 9 is dropped; channel 1: 0 2 4 6 8 -> (1, 5)
        Matrix y = pool.forward(Matrix.fromRows(new float[][] {{1, 2, 3, 4, 9, 0, 2, 4, 6, 8}}),
                pool.workspace(1));
        assertThat(y.toArray()).containsExactly(1.5f, 3.5f, 1f, 5f);
    }

    @Test
    void globalPoolingIsTheChannelMean() {
        AvgPool1d pool = AvgPool1d.global(2, 4);
        Matrix y = pool.forward(Matrix.fromRows(new float[][] {{1, 2, 3, 6, -1, -1, 1, 5}}),
                pool.workspace(1));
        assertThat(y.toArray()).containsExactly(3f, 1f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LayerGradientCheck.check(AvgPool1d.of(3, 7, 2), LayerGradientCheck.random(4, 21, 1, rng),
                rng);
        LayerGradientCheck.check(AvgPool1d.global(2, 6), LayerGradientCheck.random(3, 12, 1, rng),
                rng);
    }

    @Test
    void windowLongerThanTheSequenceIsRejected() {
        assertThatThrownBy(() -> AvgPool1d.of(1, 3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window 4");
    }
}
