package org.sbi4j.nn;

import java.util.Arrays;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a {@link SequenceTransformer}.
 *
 * @param channels   C, the values per time step
 * @param length     L, the time steps
 * @param model      D, the width of the encoder (even, divisible by heads)
 * @param heads      attention heads
 * @param layers     encoder layers (self-attention blocks), at least one
 * @param activation the activation of the feed-forward layers and of the head
 * @param head       hidden widths of the dense head (may be empty)
 * @param outputs    size of the embedding
 */
public record SequenceTransformerConfig(int channels, int length, int model, int heads,
                                        int layers, Activation activation, int[] head,
                                        int outputs) {

    /** @throws IllegalArgumentException for non-positive sizes, odd D or D not divisible by heads */
    public SequenceTransformerConfig {
        Shapes.checkPositive("SequenceTransformer: channels", channels);
        Shapes.checkPositive("SequenceTransformer: length", length);
        Shapes.checkPositive("SequenceTransformer: model width", model);
        Shapes.checkPositive("SequenceTransformer: heads", heads);
        Shapes.checkPositive("SequenceTransformer: layers", layers);
        Shapes.checkPositive("SequenceTransformer: outputs", outputs);
        if (model % 2 != 0 || model % heads != 0) {
            throw new IllegalArgumentException("SequenceTransformer: model width " + model
                    + " must be even (sine/cosine pairs) and divisible by " + heads + " heads");
        }
        if (activation == null || head == null) {
            throw new IllegalArgumentException("SequenceTransformer: activation and head must be"
                    + " given");
        }
        head = head.clone();
        for (int h : head) {
            Shapes.checkPositive("SequenceTransformer: head width", h);
        }
    }

    /** D = 32, 4 heads, 2 layers, ReLU, a head with one hidden layer of 64. */
    public static SequenceTransformerConfig defaults(int channels, int length, int outputs) {
        return new SequenceTransformerConfig(channels, length, 32, 4, 2, Activation.RELU,
                new int[] {64}, outputs);
    }

    @Override
    public int[] head() {
        return head.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceTransformerConfig c && channels == c.channels
                && length == c.length && model == c.model && heads == c.heads
                && layers == c.layers && activation == c.activation
                && Arrays.equals(head, c.head) && outputs == c.outputs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {channels, length, model, heads, layers,
                activation.ordinal(), Arrays.hashCode(head), outputs});
    }

    @Override
    public String toString() {
        return "SequenceTransformerConfig[C=" + channels + ", L=" + length + ", D=" + model
                + ", heads=" + heads + ", layers=" + layers + ", " + activation + ", head="
                + Arrays.toString(head) + ", outputs=" + outputs + "]";
    }
}
