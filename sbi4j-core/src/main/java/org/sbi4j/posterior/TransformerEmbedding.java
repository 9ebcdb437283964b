package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.SequenceTransformer;
import org.sbi4j.nn.SequenceTransformerConfig;

/**
 * A transformer encoder embedding (Vaswani et al. 2017) of time series x of shape {L} or
 * {C, L} (channel-major), registered as "transformer": the network of
 * {@link SequenceTransformer}: each step's C values → D plus a sinusoidal position encoding,
 * {@code layers} self-attention layers, the mean over time, a dense head → hidden → outputs.
 * C and L come from the shape of x when the network is built; every step is data (no NaN
 * padding). Defaults those of {@link SequenceTransformerConfig#defaults}: D = 32, 4 heads,
 * 2 layers, ReLU, a head of 64, and 20 outputs (as the other embedding kinds).
 *
 * @param model      D, the width of the encoder (even, divisible by heads)
 * @param heads      attention heads
 * @param layers     self-attention layers (at least one)
 * @param activation activation of the feed-forward layers and of the head
 * @param hidden     hidden widths of the head
 * @param outputs    size of the embedding
 */
public record TransformerEmbedding(int model, int heads, int layers, Activation activation,
                                   List<Integer> hidden, int outputs)
        implements EmbeddingSettings {

    public TransformerEmbedding {
        Embeddings.notNull("activation", activation);
        hidden = Embeddings.widths("hidden width", hidden);
        Embeddings.positiveOutputs(outputs);
        // the network's own checks (positive sizes, D even and divisible by heads)
        new SequenceTransformerConfig(1, 1, model, heads, layers, activation,
                Embeddings.ints(hidden), outputs);
    }

    /** The values of {@link SequenceTransformerConfig#defaults} with 20 outputs. */
    public static TransformerEmbedding defaults() {
        return of(SequenceTransformerConfig.defaults(1, 1, 20));
    }

    /** The settings of a {@link SequenceTransformerConfig}, without C and L. */
    public static TransformerEmbedding of(SequenceTransformerConfig c) {
        return new TransformerEmbedding(c.model(), c.heads(), c.layers(), c.activation(),
                Embeddings.list(c.head()), c.outputs());
    }

    @Override
    public String kind() {
        return "transformer";
    }

    /** The network's configuration for x of the given shape. */
    public SequenceTransformerConfig config(int[] xShape) {
        if (xShape.length < 1 || xShape.length > 2) {
            throw new IllegalArgumentException("a transformer embedding needs x of shape {length}"
                    + " or {channels, length}, got " + Arrays.toString(xShape));
        }
        int c = xShape.length == 1 ? 1 : xShape[0];
        return new SequenceTransformerConfig(c, xShape[xShape.length - 1], model, heads, layers,
                activation, Embeddings.ints(hidden), outputs);
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        return SequenceTransformer.of(config(xShape), rng);
    }
}
