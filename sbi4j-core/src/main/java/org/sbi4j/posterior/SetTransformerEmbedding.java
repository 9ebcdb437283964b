package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.SetTransformer;
import org.sbi4j.nn.SetTransformerConfig;
import org.sbi4j.tensor.Matrix;

/**
 * A permutation-invariant embedding by attention (Lee et al. 2019) of x of shape {T} or
 * {T, d}: T i.i.d. trials of d values, NaN-padded as for "deepsets"; registered as
 * "set_transformer". The network of {@link SetTransformer}: each trial d → D, {@code blocks}
 * ISAB blocks of {@code inducingPoints} learned points, pooling by attention onto {@code seeds}
 * learned seeds, a dense head (which also sees the share of valid trials) → hidden → outputs.
 * T and d come from the shape of x when the network is built. Defaults those of
 * {@link SetTransformerConfig#defaults}: D = 32, 4 heads, 16 inducing points, 2 blocks, 1 seed,
 * ReLU, a head of 64, and 20 outputs (as the other embedding kinds).
 *
 * @param model          D, the width of every attention block (divisible by heads)
 * @param heads          attention heads
 * @param inducingPoints learned inducing points of each ISAB block
 * @param blocks         ISAB blocks (0: pooling right after the per-trial embedding)
 * @param seeds          learned seeds of the pooling by attention
 * @param activation     activation of the feed-forward layers and of the head
 * @param hidden         hidden widths of the head
 * @param outputs        size of the embedding
 */
public record SetTransformerEmbedding(int model, int heads, int inducingPoints, int blocks,
                                      int seeds, Activation activation, List<Integer> hidden,
                                      int outputs) implements EmbeddingSettings {

    public SetTransformerEmbedding {
        Embeddings.notNull("activation", activation);
        hidden = Embeddings.widths("hidden width", hidden);
        Embeddings.positiveOutputs(outputs);
        // the network's own checks (positive sizes, D divisible by heads), before any build
        new SetTransformerConfig(1, 1, model, heads, inducingPoints, blocks, seeds, activation,
                Embeddings.ints(hidden), outputs);
    }

    /** The values of {@link SetTransformerConfig#defaults} with 20 outputs. */
    public static SetTransformerEmbedding defaults() {
        return of(SetTransformerConfig.defaults(1, 1, 20));
    }

    /** The settings of a {@link SetTransformerConfig}, without T and d. */
    public static SetTransformerEmbedding of(SetTransformerConfig c) {
        return new SetTransformerEmbedding(c.model(), c.heads(), c.inducingPoints(), c.blocks(),
                c.seeds(), c.activation(), Embeddings.list(c.head()), c.outputs());
    }

    @Override
    public String kind() {
        return "set_transformer";
    }

    /** True: padded trials (NaN) are masked out of every attention. */
    @Override
    public boolean allowsNaNPadding() {
        return true;
    }

    /** As {@link DeepSetsEmbedding#fitStandardizer}: one μ_j, σ_j per trial value j. */
    @Override
    public Standardizer fitStandardizer(Matrix x, int[] xShape) {
        return Standardizer.fitTrials(x, trialDim(xShape));
    }

    /** The network's configuration for x of the given shape. */
    public SetTransformerConfig config(int[] xShape) {
        return new SetTransformerConfig(xShape[0], trialDim(xShape), model, heads,
                inducingPoints, blocks, seeds, activation, Embeddings.ints(hidden), outputs);
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        return SetTransformer.of(config(xShape), rng);
    }

    private static int trialDim(int[] xShape) {
        if (xShape.length < 1 || xShape.length > 2) {
            throw new IllegalArgumentException("a set_transformer embedding needs x of shape"
                    + " {trials} or {trials, trialDim}, got " + Arrays.toString(xShape));
        }
        return xShape.length == 1 ? 1 : xShape[1];
    }
}
