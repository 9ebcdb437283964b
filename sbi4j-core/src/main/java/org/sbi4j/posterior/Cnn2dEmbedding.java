package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Cnn2d;
import org.sbi4j.nn.Cnn2dConfig;
import org.sbi4j.nn.ImageShape;
import org.sbi4j.nn.Layer;

/**
 * A 2-D convolutional embedding of images, registered as "cnn2d": x of shape {H, W} (one
 * channel) or {C, H, W} (channel-major), the network of {@link Cnn2d}: for each entry of
 * {@code channels} a k×k convolution (stride 1, SAME padding) and the activation, optionally a
 * residual unit, then 2×2 pooling (skipped once a side is below 2); a readout (flatten, or one
 * mean per channel); a dense head flat → hidden → outputs. The image size comes from the shape
 * of x when the network is built. Defaults those of {@link Cnn2dConfig#defaults}: channels 8,
 * 16, 32, kernel 3, 2×2 max pooling, no residual units, ReLU, flatten, a head of 64, and 20
 * outputs (as the other embedding kinds).
 *
 * @param channels   output channels of each convolutional block (at least one)
 * @param kernel     odd kernel size k
 * @param pooling    max or average 2×2 pooling after each block, or none
 * @param residual   whether each block adds a residual unit
 * @param activation activation after every convolution and hidden dense layer
 * @param readout    flatten the last image, or average each channel over H×W
 * @param hidden     hidden widths of the head
 * @param outputs    size of the embedding
 */
public record Cnn2dEmbedding(List<Integer> channels, int kernel, Cnn2dConfig.Pooling pooling,
                             boolean residual, Activation activation,
                             Cnn2dConfig.Readout readout, List<Integer> hidden, int outputs)
        implements EmbeddingSettings {

    public Cnn2dEmbedding {
        Embeddings.notNull("pooling", pooling);
        Embeddings.notNull("activation", activation);
        Embeddings.notNull("readout", readout);
        channels = Embeddings.widths("convolution channels", channels);
        hidden = Embeddings.widths("hidden width", hidden);
        Embeddings.positiveOutputs(outputs);
        if (channels.isEmpty() || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("a cnn2d embedding needs at least one block of"
                    + " channels and a positive odd kernel; got channels " + channels
                    + ", kernel " + kernel);
        }
    }

    /** The values of {@link Cnn2dConfig#defaults} with 20 outputs. */
    public static Cnn2dEmbedding defaults() {
        return of(Cnn2dConfig.defaults(ImageShape.of(1, 1, 1), 20));
    }

    /** The settings of a {@link Cnn2dConfig}, without its input shape. */
    public static Cnn2dEmbedding of(Cnn2dConfig c) {
        return new Cnn2dEmbedding(Embeddings.list(c.channels()), c.kernel(), c.pooling(),
                c.residual(), c.activation(), c.readout(), Embeddings.list(c.head()),
                c.outputs());
    }

    @Override
    public String kind() {
        return "cnn2d";
    }

    /** The network's configuration for images of the given shape. */
    public Cnn2dConfig config(ImageShape input) {
        return new Cnn2dConfig(input, Embeddings.ints(channels), kernel, pooling, residual,
                activation, readout, Embeddings.ints(hidden), outputs);
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        return Cnn2d.of(config(image(xShape)), rng);
    }

    /** {H, W} as one channel, {C, H, W} as it is. */
    static ImageShape image(int[] xShape) {
        if (xShape.length == 2) {
            return ImageShape.of(1, xShape[0], xShape[1]);
        }
        if (xShape.length == 3) {
            return ImageShape.of(xShape[0], xShape[1], xShape[2]);
        }
        throw new IllegalArgumentException("a cnn2d embedding needs x of shape {height, width} or"
                + " {channels, height, width}, got " + Arrays.toString(xShape));
    }
}
