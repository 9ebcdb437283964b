package org.sbi4j.nn;

import org.sbi4j.tensor.Matrix;

/**
 * A trainable parameter: its value and the gradient of the loss with respect to it, same shape.
 *
 * <p>Backward passes <em>accumulate</em> into {@link #grad()}; whoever runs a training step
 * zeroes the gradients first ({@link #zeroGrad()}).
 *
 * @param name  a name unique within its network, e.g. {@code "block1.dense0.weight"}
 * @param value the value (modified by optimisers)
 * @param grad  the accumulated gradient
 */
public record Param(String name, Matrix value, Matrix grad) {

    public Param {
        if (value.rows() != grad.rows() || value.cols() != grad.cols()) {
            throw new IllegalArgumentException("parameter " + name + ": value " + value.shape()
                    + " and gradient " + grad.shape() + " differ");
        }
    }

    /** A zero parameter of the given shape. */
    public static Param of(String name, int rows, int cols) {
        return new Param(name, Matrix.of(rows, cols), Matrix.of(rows, cols));
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        grad.fill(0f);
    }

    /** Number of scalar values. */
    public int size() {
        return value.size();
    }
}
