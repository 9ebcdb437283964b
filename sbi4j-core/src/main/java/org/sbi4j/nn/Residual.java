package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * A skip connection around any size-preserving layer f: y = x + f(x) (He et al. 2016, "Deep
 * residual learning for image recognition"). Backward: dL/dx = G + f'ᵀ·G, f's parameter
 * gradients as f computes them. Shapes: n×D in and out, D = f.inputSize() = f.outputSize().
 */
public final class Residual implements Layer {

    private final Layer inner;

    private Residual(Layer inner) {
        this.inner = inner;
    }

    /** x + inner(x). @throws IllegalArgumentException if inner changes the size */
    public static Residual of(Layer inner) {
        if (inner == null) {
            throw new IllegalArgumentException("Residual: the inner layer must not be null");
        }
        if (inner.inputSize() != inner.outputSize()) {
            throw new IllegalArgumentException("Residual: the inner layer " + inner + " maps "
                    + inner.inputSize() + " to " + inner.outputSize()
                    + " columns; a skip connection needs the same size");
        }
        return new Residual(inner);
    }

    public Layer inner() {
        return inner;
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public List<Param> params() {
        return inner.params();
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive("Residual: maxRows", maxRows);
        return new Ws(maxRows, inner.workspace(maxRows), inputSize());
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast("Residual", workspace, Ws.class);
        Shapes.checkInput("Residual", input, inputSize(), ws.maxRows);
        ws.input = input;
        Matrix y = ws.output.setRows(input.rows());
        y.copyFrom(inner.forward(input, ws.inner));
        Ops.addScaled(1f, input, y);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast("Residual", workspace, Ws.class);
        Shapes.checkGradOutput("Residual", ws.input, gradOutput, ws.output);
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        dx.copyFrom(inner.backward(gradOutput, ws.inner));
        Ops.addScaled(1f, gradOutput, dx);
        return dx;
    }

    @Override
    public String toString() {
        return "Residual[" + inner + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Workspace inner;
        final Matrix output;
        final Matrix gradInput;
        Matrix input;

        Ws(int maxRows, Workspace inner, int size) {
            this.maxRows = maxRows;
            this.inner = inner;
            this.output = Matrix.of(maxRows, size);
            this.gradInput = Matrix.of(maxRows, size);
        }
    }
}
