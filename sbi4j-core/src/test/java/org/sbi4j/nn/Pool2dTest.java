package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class Pool2dTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L);

    /** Distinct values 0.05 apart in random order: a ±0.01 probe never changes a window's max. */
    private Matrix distinct(int rows, int cols) {
        int[] perm = PermutationSampler.natural(rows * cols);
        PermutationSampler.shuffle(rng, perm);
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < perm.length; i++) {
            m.data()[i] = 0.05f * (perm[i] - perm.length / 2f);
        }
        return m;
    }

    // image 1x3x5:  1 2 3 4 9 / 0 8 2 6 7 / 5 5 5 5 5  -> windows 2x2 over rows 0-1, cols 0-3
    private static final float[] IMAGE = {1, 2, 3, 4, 9, 0, 8, 2, 6, 7, 5, 5, 5, 5, 5};

    @Test
    void maxPoolingTakesWindowMaximaAndDropsTheRemainder() {
        MaxPool2d pool = MaxPool2d.of(ImageShape.of(1, 3, 5), 2);
        assertThat(pool.outputShape()).isEqualTo(ImageShape.of(1, 1, 2));
        Layer.Workspace ws = pool.workspace(1);
        Matrix y = pool.forward(Matrix.fromRows(new float[][] {IMAGE}), ws);
        assertThat(y.toArray()).containsExactly(8f, 6f);
        Matrix dx = pool.backward(Matrix.fromRows(new float[][] {{10, 20}}), ws);
        float[] expected = new float[15];
        expected[6] = 10; // the 8
        expected[8] = 20; // the 6
        assertThat(dx.toArray()).containsExactly(expected);
    }

    @Test
    void averagePoolingTakesWindowMeansAndGlobalPoolingChannelMeans() {
        AvgPool2d pool = AvgPool2d.of(ImageShape.of(1, 3, 5), 2);
        Matrix y = pool.forward(Matrix.fromRows(new float[][] {IMAGE}), pool.workspace(1));
        assertThat(y.toArray()).containsExactly(11f / 4, 15f / 4);
        AvgPool2d global = AvgPool2d.global(ImageShape.of(2, 1, 3));
        assertThat(global.outputSize()).isEqualTo(2);
        Matrix g = global.forward(Matrix.fromRows(new float[][] {{1, 2, 6, -3, 0, 0}}),
                global.workspace(1));
        assertThat(g.toArray()).containsExactly(3f, -1f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ImageShape odd = ImageShape.of(3, 7, 5);
        LayerGradientCheck.check(MaxPool2d.of(odd, 2), distinct(4, odd.size()), rng);
        LayerGradientCheck.check(MaxPool2d.of(odd, 3), distinct(3, odd.size()), rng);
        LayerGradientCheck.check(AvgPool2d.of(odd, 2), LayerGradientCheck.random(4, odd.size(),
                1, rng), rng);
        LayerGradientCheck.check(AvgPool2d.global(odd), LayerGradientCheck.random(3, odd.size(),
                1, rng), rng);
    }

    @Test
    void windowsThatDoNotFitAreRejected() {
        assertThatThrownBy(() -> MaxPool2d.of(ImageShape.of(1, 3, 8), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window 4x4");
        assertThatThrownBy(() -> AvgPool2d.of(ImageShape.of(1, 8, 8), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> AvgPool2d.global(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }
}
