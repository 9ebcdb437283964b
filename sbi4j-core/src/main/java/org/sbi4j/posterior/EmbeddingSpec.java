package org.sbi4j.posterior;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Mlp;

/**
 * An embedding network f(x) trained jointly with the density estimator, for high-dimensional x.
 *
 * @param kind       none or mlp
 * @param hidden     hidden layer widths of the MLP
 * @param outputs    size of the embedding (the estimator's context)
 * @param activation hidden activation
 */
public record EmbeddingSpec(Kind kind, int[] hidden, int outputs, Activation activation) {

    /** Embedding families. */
    public enum Kind {
        /** x is fed to the estimator directly. */
        NONE,
        /** A multi-layer perceptron. */
        MLP;

        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown embedding '" + s + "'; choose "
                        + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT), e);
            }
        }
    }

    public EmbeddingSpec {
        hidden = hidden.clone();
        if (kind != Kind.NONE && outputs < 1) {
            throw new IllegalArgumentException("embedding output size must be positive, got "
                    + outputs);
        }
    }

    /** No embedding. */
    public static EmbeddingSpec none() {
        return new EmbeddingSpec(Kind.NONE, new int[0], 0, Activation.RELU);
    }

    /** An MLP embedding with the given hidden widths and output size (ReLU). */
    public static EmbeddingSpec mlp(int[] hidden, int outputs) {
        return new EmbeddingSpec(Kind.MLP, hidden, outputs, Activation.RELU);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The embedding layer for x of the given shape, or null for {@link Kind#NONE}. */
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        int xDim = 1;
        for (int s : xShape) {
            xDim *= s;
        }
        return switch (kind) {
            case NONE -> null;
            case MLP -> Mlp.of(xDim, hidden, outputs, activation, rng);
        };
    }
}
