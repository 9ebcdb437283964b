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

    /**
     * Copies the values of {@code from} into {@code to}, tensor by tensor (the parameters of the
     * same architecture, e.g. for a warm start); refused with the first difference in count or
     * shape, before anything is copied.
     */
    public static void copyValues(java.util.List<Param> from, java.util.List<Param> to) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("cannot warm start: the previous model has "
                    + from.size() + " parameter tensors, the new one " + to.size());
        }
        for (int i = 0; i < from.size(); i++) {
            Matrix va = from.get(i).value();
            Matrix vb = to.get(i).value();
            if (va.rows() != vb.rows() || va.cols() != vb.cols()) {
                throw new IllegalArgumentException("cannot warm start: parameter "
                        + from.get(i).name() + " is " + va.shape() + " in the previous model, "
                        + vb.shape() + " now");
            }
        }
        for (int i = 0; i < from.size(); i++) {
            to.get(i).value().copyFrom(from.get(i).value());
        }
    }

    /** Number of scalar values. */
    public int size() {
        return value.size();
    }
}
