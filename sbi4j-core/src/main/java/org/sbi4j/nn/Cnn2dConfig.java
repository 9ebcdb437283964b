package org.sbi4j.nn;

import java.util.Arrays;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a {@link Cnn2d} image embedding.
 *
 * @param input      the image [C, H, W]
 * @param channels   output channels of each convolutional block (at least one block)
 * @param kernel     odd k of the k×k convolutions (stride 1, SAME padding)
 * @param pooling    2×2 pooling after each block (skipped once a side is below 2), or none
 * @param residual   whether each block adds a residual unit x + conv(f(conv(x))) after its
 *                   first convolution
 * @param activation the activation after every convolution and hidden dense layer
 * @param readout    flatten [C, H, W] for the head, or average each channel over H×W
 * @param head       hidden widths of the dense head (may be empty)
 * @param outputs    size of the embedding
 */
public record Cnn2dConfig(ImageShape input, int[] channels, int kernel, Pooling pooling,
                          boolean residual, Activation activation, Readout readout, int[] head,
                          int outputs) {

    /** What follows each block. */
    public enum Pooling {
        /** 2×2 max pooling, stride 2 ({@link MaxPool2d}). */
        MAX2,
        /** 2×2 average pooling, stride 2 ({@link AvgPool2d}). */
        AVERAGE2,
        /** None (the image keeps its size). */
        NONE
    }

    /** How the last block's image becomes the head's input. */
    public enum Readout {
        /** All C·H·W values (keeps where things are in the image). */
        FLATTEN,
        /** One mean per channel ({@link AvgPool2d#global}; translation invariant). */
        GLOBAL_AVERAGE
    }

    /** @throws IllegalArgumentException for missing values, non-positive sizes or an even kernel */
    public Cnn2dConfig {
        if (input == null || pooling == null || activation == null || readout == null
                || channels == null || head == null) {
            throw new IllegalArgumentException("Cnn2d: input, channels, pooling, activation,"
                    + " readout and head must be given");
        }
        if (channels.length == 0) {
            throw new IllegalArgumentException("Cnn2d: at least one convolutional block needed");
        }
        channels = channels.clone();
        head = head.clone();
        for (int c : channels) {
            Shapes.checkPositive("Cnn2d: block channels", c);
        }
        for (int h : head) {
            Shapes.checkPositive("Cnn2d: head width", h);
        }
        Shapes.checkPositive("Cnn2d: kernel", kernel);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("Cnn2d: the kernel must be odd (SAME padding), got "
                    + kernel);
        }
        Shapes.checkPositive("Cnn2d: outputs", outputs);
    }

    /**
     * The suggested embedding for small images (e.g. 64×64, one channel): blocks of 8, 16 and 32
     * channels with 3×3 kernels, ReLU and 2×2 max pooling (64 → 32 → 16 → 8), no residual units,
     * flattened (32·8·8 = 2,048 values for 64×64) into a head with one hidden layer of 64.
     */
    public static Cnn2dConfig defaults(ImageShape input, int outputs) {
        return new Cnn2dConfig(input, new int[] {8, 16, 32}, 3, Pooling.MAX2, false,
                Activation.RELU, Readout.FLATTEN, new int[] {64}, outputs);
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public int[] head() {
        return head.clone();
    }

    /** This configuration with residual units on or off. */
    public Cnn2dConfig withResidual(boolean on) {
        return new Cnn2dConfig(input, channels, kernel, pooling, on, activation, readout, head,
                outputs);
    }

    /** This configuration with another readout. */
    public Cnn2dConfig withReadout(Readout r) {
        return new Cnn2dConfig(input, channels, kernel, pooling, residual, activation, r, head,
                outputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cnn2dConfig c && input.equals(c.input)
                && Arrays.equals(channels, c.channels) && kernel == c.kernel
                && pooling == c.pooling && residual == c.residual && activation == c.activation
                && readout == c.readout && Arrays.equals(head, c.head) && outputs == c.outputs;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * input.hashCode() + Arrays.hashCode(channels)) + Arrays.hashCode(head)
                + outputs;
    }

    @Override
    public String toString() {
        return "Cnn2dConfig[input=" + input + ", channels=" + Arrays.toString(channels)
                + ", kernel=" + kernel + ", pooling=" + pooling + ", residual=" + residual
                + ", activation=" + activation + ", readout=" + readout + ", head="
                + Arrays.toString(head) + ", outputs=" + outputs + "]";
    }
}
