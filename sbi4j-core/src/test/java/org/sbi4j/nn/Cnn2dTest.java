package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Cnn2dConfig.Pooling;
import org.sbi4j.nn.Cnn2dConfig.Readout;
import org.sbi4j.tensor.Matrix;

class Cnn2dTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(43L);

    /** Re-draws every parameter from U(−0.5, 0.5) so that all gradients are well scaled. */
    private void scramble(Layer layer) {
        for (Param p : layer.params()) {
            Init.fillUniform(p.value(), 0.5, rng);
        }
    }

    @Test
    void defaultsFor64x64ImagesFlattenEightByEightTimes32Channels() {
        Sequential net = Cnn2d.of(Cnn2dConfig.defaults(ImageShape.of(1, 64, 64), 10), rng);
        assertThat(net.inputSize()).isEqualTo(4096);
        assertThat(net.outputSize()).isEqualTo(10);
        Layer head = net.layers().getLast();
        assertThat(head.inputSize()).isEqualTo(32 * 8 * 8);
        assertThat(net.params()).extracting(Param::name).contains("block0.conv.weight",
                "block2.conv.bias", "head.dense0.weight", "head.dense1.bias");
        Matrix y = net.forward(LayerGradientCheck.random(3, 4096, 1, rng), net.workspace(3));
        assertThat(y.rows()).isEqualTo(3);
        for (float v : y.toArray()) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void residualGlobalAverageNetworkHasCorrectGradients() {
        Cnn2dConfig cfg = new Cnn2dConfig(ImageShape.of(2, 6, 5), new int[] {3, 4}, 3,
                Pooling.AVERAGE2, true, Activation.TANH, Readout.GLOBAL_AVERAGE, new int[] {5}, 2);
        Sequential net = Cnn2d.of(cfg, rng);
        assertThat(net.params()).extracting(Param::name).contains("block1.res.conv0.weight",
                "block1.res.conv1.bias");
        scramble(net);
        LayerGradientCheck.check(net, LayerGradientCheck.random(5, 60, 1, rng), rng);
    }

    @Test
    void maxPooledFlattenedNetworkHasCorrectGradients() {
        Cnn2dConfig cfg = new Cnn2dConfig(ImageShape.of(1, 5, 7), new int[] {2, 3}, 3,
                Pooling.MAX2, false, Activation.TANH, Readout.FLATTEN, new int[0], 3);
        Sequential net = Cnn2d.of(cfg, rng);
        // 5x7 -> pool 2x3 -> pool 1x1: the head reads 3 channels x 1 x 1
        assertThat(net.layers().getLast().inputSize()).isEqualTo(3);
        scramble(net);
        LayerGradientCheck.check(net, LayerGradientCheck.random(4, 35, 1, rng), rng);
    }

    @Test
    void poolingStopsOnceTheImageIsOnePixelHigh() {
        Cnn2dConfig cfg = new Cnn2dConfig(ImageShape.of(1, 2, 8), new int[] {2, 2, 2}, 1,
                Pooling.MAX2, false, Activation.RELU, Readout.FLATTEN, new int[0], 1);
        // 2x8 -> 1x4, then no more pooling: the head reads 2 x 1 x 4
        assertThat(Cnn2d.of(cfg, rng).layers().getLast().inputSize()).isEqualTo(8);
    }

    @Test
    void badConfigurationsAreNamed() {
        ImageShape img = ImageShape.of(1, 8, 8);
        assertThatThrownBy(() -> new Cnn2dConfig(img, new int[0], 3, Pooling.MAX2, false,
                Activation.RELU, Readout.FLATTEN, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block");
        assertThatThrownBy(() -> new Cnn2dConfig(img, new int[] {4}, 4, Pooling.MAX2, false,
                Activation.RELU, Readout.FLATTEN, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> new Cnn2dConfig(img, new int[] {4, 0}, 3, Pooling.MAX2, false,
                Activation.RELU, Readout.FLATTEN, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> Cnn2d.of(Cnn2dConfig.defaults(img, 2), rng)
                .forward(Matrix.of(1, 65), Cnn2d.of(Cnn2dConfig.defaults(img, 2), rng)
                        .workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nx64");
    }
}
