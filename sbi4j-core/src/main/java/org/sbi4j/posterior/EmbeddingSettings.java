package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.nn.Layer;
import org.sbi4j.tensor.Matrix;

/**
 * The settings of one kind of embedding network f(x), trained jointly with the density
 * estimator for high-dimensional or structured x. Each kind is a record implementing this
 * interface and registered once in {@link EmbeddingKinds}, so job files, options and model files
 * name, bind and store it: {@link NoEmbedding}, {@link MlpEmbedding}, {@link Conv1dEmbedding},
 * {@link DeepSetsEmbedding}, {@link Cnn2dEmbedding}, {@link SetTransformerEmbedding},
 * {@link TransformerEmbedding}.
 */
public interface EmbeddingSettings {

    /** The registered name of this kind (e.g. "mlp"). */
    String kind();

    /**
     * The embedding layer for x of the given shape (flat input size = product of the shape),
     * weights drawn from rng; null when x goes to the estimator unchanged.
     */
    Layer build(int[] xShape, UniformRandomProvider rng);

    /** True if x may hold NaN padding that this embedding masks out. */
    default boolean allowsNaNPadding() {
        return false;
    }

    /** The z-scoring of x fitted on training rows: per column ({@link Standardizer#fit}). */
    default Standardizer fitStandardizer(Matrix x, int[] xShape) {
        return Standardizer.fit(x);
    }

    /** No embedding. */
    static NoEmbedding none() {
        return new NoEmbedding();
    }

    /** An MLP embedding with the given hidden widths and output size (ReLU). */
    static MlpEmbedding mlp(int[] hidden, int outputs) {
        return MlpEmbedding.of(hidden, outputs);
    }

    /**
     * A 1-D convolutional embedding: convolutions with the given channels (kernel size k,
     * stride 1, SAME padding, ReLU), average pooling by 2 after each, a head with the given
     * hidden widths and output size.
     */
    static Conv1dEmbedding conv1d(int[] channels, int kernel, int[] head, int outputs) {
        return Conv1dEmbedding.of(channels, kernel, head, outputs);
    }

    /**
     * A DeepSets embedding (ReLU): φ with the given hidden widths and output size, ρ with the
     * given hidden widths and the embedding's output size.
     */
    static DeepSetsEmbedding deepSets(int[] phiHidden, int phiOutputs, int[] rhoHidden,
                                      int outputs) {
        return DeepSetsEmbedding.of(phiHidden, phiOutputs, rhoHidden, outputs);
    }
}
