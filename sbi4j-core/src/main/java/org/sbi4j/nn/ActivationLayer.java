package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Element-wise activation y = f(x) on an n×size batch, no parameters.
 *
 * <p>Backward: dL/dx = dL/dy ⊙ f'(x), with f' as defined in {@link Activation} (ReLU, tanh, ELU,
 * SiLU, GELU (tanh form), sigmoid or identity).
 */
public final class ActivationLayer implements Layer {

    private final Activation f;
    private final int size;

    private ActivationLayer(Activation f, int size) {
        this.f = f;
        this.size = size;
    }

    /** An activation layer of the given width. */
    public static ActivationLayer of(Activation f, int size) {
        if (f == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        Shapes.checkPositive("activation layer size", size);
        return new ActivationLayer(f, size);
    }

    public Activation activation() {
        return f;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive("activation layer maxRows", maxRows);
        return new Ws(maxRows, size);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(f.name(), workspace, Ws.class);
        Shapes.checkInput(f.name(), input, size, ws.maxRows);
        ws.input = input;
        Matrix y = ws.output.setRows(input.rows());
        Ops.activate(f, input, y);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(f.name(), workspace, Ws.class);
        Shapes.checkGradOutput(f.name(), ws.input, gradOutput, ws.output);
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        Ops.activateBackward(f, ws.input, ws.output, gradOutput, dx);
        return dx;
    }

    @Override
    public String toString() {
        return "Activation[" + f + ", " + size + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        Matrix input;

        Ws(int maxRows, int size) {
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, size);
            this.gradInput = Matrix.of(maxRows, size);
        }
    }
}
