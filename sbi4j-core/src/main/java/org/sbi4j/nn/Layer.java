package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * A differentiable map from an n×{@link #inputSize()} batch to an n×{@link #outputSize()} batch.
 *
 * <p>A layer holds only its parameters. Everything a forward pass leaves for the backward pass
 * lives in a {@link Workspace} that the caller creates once per maximum batch size and passes to
 * both calls, so an evaluation with one workspace can never corrupt a training step that uses
 * another. Workspaces allocate all buffers up front; forward and backward allocate nothing.
 *
 * <p>Contract: {@code forward(input, ws)} returns the output (a matrix owned by {@code ws}, valid
 * until the next forward with the same workspace) and keeps a reference to {@code input}, which
 * the caller must not modify before {@code backward}. {@code backward(gradOutput, ws)} adds the
 * parameter gradients into each {@link Param#grad()} and returns dLoss/dInput (owned by ws).
 */
public interface Layer {

    /** Marker for a layer's private per-batch buffers. */
    interface Workspace {
    }

    int inputSize();

    int outputSize();

    /** The trainable parameters, in a fixed order (empty for parameter-free layers). */
    List<Param> params();

    /** Buffers for batches of up to {@code maxRows} rows. */
    Workspace workspace(int maxRows);

    /** Computes the output for {@code input} (n×inputSize, n ≤ maxRows of ws). */
    Matrix forward(Matrix input, Workspace ws);

    /**
     * Given dLoss/dOutput for the last forward with {@code ws}, accumulates parameter gradients
     * and returns dLoss/dInput. {@code gradOutput} is not modified.
     */
    Matrix backward(Matrix gradOutput, Workspace ws);
}
