package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.ActivationLayer;
import org.sbi4j.nn.AvgPool1d;
import org.sbi4j.nn.Conv1d;
import org.sbi4j.nn.Init;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Sequential;

/**
 * A 1-D convolutional embedding for x of shape {L} or {C, L} (channel-major), registered as
 * "conv1d": for each entry of {@code channels}, a {@link Conv1d} (kernel, stride, padding) and
 * the activation, then average pooling by 2 after each convolution ({@link Pooling#AVERAGE2};
 * skipped once the length is 1) or one global average over time after the last
 * ({@link Pooling#GLOBAL}); then an MLP head flat → hidden → outputs. Defaults after sbi's
 * CNNEmbedding: channels 6, 12, kernel 5, stride 1, SAME padding, pooling by 2, a head of 50
 * units, 20 outputs, ReLU.
 *
 * @param channels   output channels of each convolution (at least one)
 * @param kernel     kernel size
 * @param stride     stride, 1 or 2
 * @param padding    SAME or VALID
 * @param pooling    none, average by 2, or global
 * @param hidden     hidden widths of the head
 * @param outputs    size of the embedding
 * @param activation hidden activation (convolutions and head)
 */
public record Conv1dEmbedding(List<Integer> channels, int kernel, int stride,
                              Conv1d.Padding padding, Pooling pooling, List<Integer> hidden,
                              int outputs, Activation activation) implements EmbeddingSettings {

    /** Pooling over time. */
    public enum Pooling {
        /** No pooling: the head sees every time step. */
        NONE,
        /** Average pooling by 2 after each convolution. */
        AVERAGE2,
        /** One mean over time per channel after the last convolution. */
        GLOBAL
    }

    public Conv1dEmbedding {
        Embeddings.notNull("padding", padding);
        Embeddings.notNull("pooling", pooling);
        Embeddings.notNull("activation", activation);
        channels = Embeddings.widths("convolution channels", channels);
        hidden = Embeddings.widths("hidden width", hidden);
        Embeddings.positiveOutputs(outputs);
        if (channels.isEmpty() || kernel < 1 || (stride != 1 && stride != 2)) {
            throw new IllegalArgumentException("a conv1d embedding needs at least one layer of"
                    + " channels, a positive kernel and stride 1 or 2; got channels "
                    + channels + ", kernel " + kernel + ", stride " + stride);
        }
    }

    /** Channels 6, 12; kernel 5; pooling by 2; a head of 50; 20 outputs; ReLU. */
    public static Conv1dEmbedding defaults() {
        return of(new int[] {6, 12}, 5, new int[] {50}, 20);
    }

    /** Stride 1, SAME padding, average pooling by 2, ReLU. */
    public static Conv1dEmbedding of(int[] channels, int kernel, int[] head, int outputs) {
        return new Conv1dEmbedding(Embeddings.list(channels), kernel, 1, Conv1d.Padding.SAME,
                Pooling.AVERAGE2, Embeddings.list(head), outputs, Activation.RELU);
    }

    /** These settings with other convolution settings (stride, padding, pooling). */
    public Conv1dEmbedding withConvolution(int stride, Conv1d.Padding padding, Pooling pooling) {
        return new Conv1dEmbedding(channels, kernel, stride, padding, pooling, hidden, outputs,
                activation);
    }

    public Conv1dEmbedding withActivation(Activation f) {
        return new Conv1dEmbedding(channels, kernel, stride, padding, pooling, hidden, outputs, f);
    }

    @Override
    public String kind() {
        return "conv1d";
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        if (xShape.length > 2) {
            throw new IllegalArgumentException("a conv1d embedding needs x of shape {length} or"
                    + " {channels, length}, got " + Arrays.toString(xShape));
        }
        int c = xShape.length == 1 ? 1 : xShape[0];
        int l = xShape[xShape.length - 1];
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < channels.size(); k++) {
            Conv1d conv = Conv1d.of("conv" + k, c, l, channels.get(k), kernel, stride, padding,
                    Init.forActivation(activation), rng);
            c = channels.get(k);
            l = conv.outLength();
            layers.add(conv);
            layers.add(ActivationLayer.of(activation, c * l));
            if ((pooling == Pooling.AVERAGE2 && l >= 2)
                    || (pooling == Pooling.GLOBAL && k == channels.size() - 1)) {
                AvgPool1d pool = pooling == Pooling.GLOBAL ? AvgPool1d.global(c, l)
                        : AvgPool1d.of(c, l, 2);
                layers.add(pool);
                l = pool.outLength();
            }
        }
        layers.add(Mlp.of(c * l, Embeddings.ints(hidden), outputs, activation, rng));
        return Sequential.of(layers);
    }
}
