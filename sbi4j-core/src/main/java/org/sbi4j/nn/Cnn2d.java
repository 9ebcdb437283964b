package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Builds a convolutional embedding of images ({@link Cnn2dConfig}): convolutional blocks, a
 * readout, then a dense head, as one {@link Sequential}.
 *
 * <p>Block b (b = 0, 1, …) maps [C, H, W] to [c_b, H, W] and then pools:
 * <pre>
 *   h = f(conv_b(x))                                   (k×k, stride 1, SAME; "block<i>b</i>.conv")
 *   h = f(h + conv_b,1(f(conv_b,0(h))))                if residual ("block<i>b</i>.res.conv0/1")
 *   h = pool2×2(h)                                     if pooling and H, W ≥ 2 ([c_b, H/2, W/2])
 * </pre>
 * The second convolution of a residual unit starts at U(±10⁻³), so the unit starts near the
 * identity (as {@link ResidualBlock}). The readout flattens the last [c, H, W] (c·H·W values) or
 * averages each channel (c values); the head is readout → head widths → outputs with the
 * activation after each hidden layer ("head.dense<i>k</i>"). Convolutions use
 * {@link Init#forActivation}, the head's last layer Glorot uniform; draws come from rng in layer
 * order. Input: n×(C·H·W) channel-major rows; output: n×outputs.
 */
public final class Cnn2d {

    private Cnn2d() {
    }

    /** The embedding network for the configuration. */
    public static Sequential of(Cnn2dConfig config, UniformRandomProvider rng) {
        if (config == null || rng == null) {
            throw new IllegalArgumentException("Cnn2d needs a configuration and an RNG");
        }
        Activation f = config.activation();
        Init init = Init.forActivation(f);
        List<Layer> layers = new ArrayList<>();
        ImageShape shape = config.input();
        int[] channels = config.channels();
        for (int b = 0; b < channels.length; b++) {
            String block = "block" + b;
            Conv2d conv = Conv2d.of(block + ".conv",
                    Conv2dSpec.same(shape, channels[b], config.kernel()), init, rng);
            shape = conv.outputShape();
            layers.add(conv);
            layers.add(ActivationLayer.of(f, shape.size()));
            if (config.residual()) {
                Conv2dSpec same = Conv2dSpec.same(shape, shape.channels(), config.kernel());
                Conv2d c0 = Conv2d.of(block + ".res.conv0", same, init, rng);
                Conv2d c1 = Conv2d.of(block + ".res.conv1", same, Init.ZERO, rng);
                Init.fillUniform(c1.weight().value(), 1e-3, rng);
                layers.add(Residual.of(Sequential.of(c0, ActivationLayer.of(f, shape.size()),
                        c1)));
                layers.add(ActivationLayer.of(f, shape.size()));
            }
            if (config.pooling() != Cnn2dConfig.Pooling.NONE && shape.height() >= 2
                    && shape.width() >= 2) {
                if (config.pooling() == Cnn2dConfig.Pooling.MAX2) {
                    MaxPool2d pool = MaxPool2d.of(shape, 2);
                    layers.add(pool);
                    shape = pool.outputShape();
                } else {
                    AvgPool2d pool = AvgPool2d.of(shape, 2);
                    layers.add(pool);
                    shape = pool.outputShape();
                }
            }
        }
        int flat = shape.size();
        if (config.readout() == Cnn2dConfig.Readout.GLOBAL_AVERAGE) {
            layers.add(AvgPool2d.global(shape));
            flat = shape.channels();
        }
        layers.add(DenseStack.of("head", flat, config.head(), config.outputs(), f, rng));
        return Sequential.of(layers);
    }
}
