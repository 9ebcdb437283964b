package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Fully connected layer y = x·W + b.
 *
 * <p>Shapes: x is n×in, W is in×out (stored so that forward is one {@link Ops#mult}), b is 1×out,
 * y is n×out. Backward, given G = dL/dy (n×out): dL/dW += xᵀ·G ({@link Ops#multAddTransA}),
 * dL/db += column sums of G, dL/dx = G·Wᵀ ({@link Ops#multTransB}).
 */
public final class Dense implements Layer {

    private final String name;
    private final Param weight;
    private final Param bias;
    private final List<Param> params;

    private Dense(String name, int in, int out) {
        Shapes.checkPositive(name + ": input size", in);
        Shapes.checkPositive(name + ": output size", out);
        this.name = name;
        this.weight = Param.of(name + ".weight", in, out);
        this.bias = Param.of(name + ".bias", 1, out);
        this.params = List.of(weight, bias);
    }

    /** A layer with zero weights and biases; parameter names are name.weight and name.bias. */
    public static Dense of(String name, int in, int out) {
        return new Dense(name, in, out);
    }

    /** A layer with weights drawn from init (biases zero). */
    public static Dense of(String name, int in, int out, Init init, UniformRandomProvider rng) {
        Dense d = new Dense(name, in, out);
        init.fill(d.weight.value(), rng);
        return d;
    }

    /** W, in×out. */
    public Param weight() {
        return weight;
    }

    /** b, 1×out. */
    public Param bias() {
        return bias;
    }

    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return weight.value().rows();
    }

    @Override
    public int outputSize() {
        return weight.value().cols();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(name + ": maxRows", maxRows);
        return new Ws(maxRows, inputSize(), outputSize());
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkInput(name, input, inputSize(), ws.maxRows);
        ws.input = input;
        Matrix y = ws.output.setRows(input.rows());
        Ops.mult(input, weight.value(), y);
        Ops.addRowVector(bias.value(), y);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.input, gradOutput, ws.output);
        Ops.multAddTransA(1f, ws.input, gradOutput, 1f, weight.grad());
        Ops.columnSums(gradOutput, 1f, bias.grad());
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        Ops.multTransB(gradOutput, weight.value(), dx);
        return dx;
    }

    @Override
    public String toString() {
        return "Dense[" + name + ", " + inputSize() + " -> " + outputSize() + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        Matrix input;

        Ws(int maxRows, int in, int out) {
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, out);
            this.gradInput = Matrix.of(maxRows, in);
        }
    }
}
