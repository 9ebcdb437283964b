package org.sbi4j.posterior;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Mlp;

/**
 * A multi-layer perceptron embedding, registered as "mlp": flat x → hidden → outputs
 * ({@link Mlp#of}: the activation after each hidden layer, a linear output).
 *
 * @param hidden     hidden widths (default 50, 50, as the command line's default)
 * @param outputs    size of the embedding, the estimator's context (default 20)
 * @param activation hidden activation (default ReLU)
 */
public record MlpEmbedding(List<Integer> hidden, int outputs, Activation activation)
        implements EmbeddingSettings {

    public MlpEmbedding {
        hidden = Embeddings.widths("hidden width", hidden);
        Embeddings.positiveOutputs(outputs);
        Embeddings.notNull("activation", activation);
    }

    /** Hidden widths 50, 50; 20 outputs; ReLU. */
    public static MlpEmbedding defaults() {
        return of(new int[] {50, 50}, 20);
    }

    /** The given hidden widths and output size, ReLU. */
    public static MlpEmbedding of(int[] hidden, int outputs) {
        return new MlpEmbedding(Embeddings.list(hidden), outputs, Activation.RELU);
    }

    public MlpEmbedding withActivation(Activation f) {
        return new MlpEmbedding(hidden, outputs, f);
    }

    @Override
    public String kind() {
        return "mlp";
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        return Mlp.of(Embeddings.flatSize(xShape), Embeddings.ints(hidden), outputs, activation,
                rng);
    }
}
