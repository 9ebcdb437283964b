package org.sbi4j.nn;

import java.util.Arrays;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a {@link SetTransformer}.
 *
 * @param maxTrials      T, the trials a row holds (fewer are NaN-padded)
 * @param trialDim       d, the values of one trial
 * @param model          D, the width of every attention block (divisible by heads)
 * @param heads          attention heads
 * @param inducingPoints m, the learned inducing points of each ISAB block
 * @param blocks         the number of ISAB blocks (0: pooling right after the embedding)
 * @param seeds          k, the learned seeds of the pooling by attention (PMA)
 * @param activation     the activation of the blocks' feed-forward layers and of the head
 * @param head           hidden widths of the dense head (may be empty)
 * @param outputs        size of the embedding
 */
public record SetTransformerConfig(int maxTrials, int trialDim, int model, int heads,
                                   int inducingPoints, int blocks, int seeds,
                                   Activation activation, int[] head, int outputs) {

    /** @throws IllegalArgumentException for non-positive sizes or D not divisible by heads */
    public SetTransformerConfig {
        Shapes.checkPositive("SetTransformer: maxTrials", maxTrials);
        Shapes.checkPositive("SetTransformer: trialDim", trialDim);
        Shapes.checkPositive("SetTransformer: model width", model);
        Shapes.checkPositive("SetTransformer: heads", heads);
        Shapes.checkPositive("SetTransformer: inducing points", inducingPoints);
        Shapes.checkPositive("SetTransformer: seeds", seeds);
        Shapes.checkPositive("SetTransformer: outputs", outputs);
        if (blocks < 0) {
            throw new IllegalArgumentException("SetTransformer: blocks must be >= 0, got "
                    + blocks);
        }
        if (model % heads != 0) {
            throw new IllegalArgumentException("SetTransformer: model width " + model
                    + " is not divisible by " + heads + " heads");
        }
        if (activation == null || head == null) {
            throw new IllegalArgumentException("SetTransformer: activation and head must be"
                    + " given");
        }
        head = head.clone();
        for (int h : head) {
            Shapes.checkPositive("SetTransformer: head width", h);
        }
    }

    /**
     * D = 32, 4 heads, 2 ISAB blocks of 16 inducing points, 1 seed, ReLU, a head with one
     * hidden layer of 64.
     */
    public static SetTransformerConfig defaults(int maxTrials, int trialDim, int outputs) {
        return new SetTransformerConfig(maxTrials, trialDim, 32, 4, 16, 2, 1, Activation.RELU,
                new int[] {64}, outputs);
    }

    @Override
    public int[] head() {
        return head.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetTransformerConfig c && maxTrials == c.maxTrials
                && trialDim == c.trialDim && model == c.model && heads == c.heads
                && inducingPoints == c.inducingPoints && blocks == c.blocks && seeds == c.seeds
                && activation == c.activation && Arrays.equals(head, c.head)
                && outputs == c.outputs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {maxTrials, trialDim, model, heads, inducingPoints,
                blocks, seeds, activation.ordinal(), Arrays.hashCode(head), outputs});
    }

    @Override
    public String toString() {
        return "SetTransformerConfig[T=" + maxTrials + ", d=" + trialDim + ", D=" + model
                + ", heads=" + heads + ", inducing=" + inducingPoints + ", blocks=" + blocks
                + ", seeds=" + seeds + ", " + activation + ", head=" + Arrays.toString(head)
                + ", outputs=" + outputs + "]";
    }
}
