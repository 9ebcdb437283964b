package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Dense layer with a fixed 0/1 connectivity mask: y = x·(W ⊙ M) + b (Germain et al. 2015).
 *
 * <p>Shapes as in {@link Dense}: x n×in, W and M in×out, b 1×out. Forward forms the effective
 * weights W ⊙ M in the workspace (in·out multiplications, small next to the n·in·out product),
 * so masked entries of W never matter, even if a loaded model sets them. Backward:
 * dL/dW += (xᵀ·G) ⊙ M (masked entries get zero gradient), dL/db += column sums of G,
 * dL/dx = G·(W ⊙ M)ᵀ. Masks come from {@link MadeDegrees}.
 */
public final class MaskedDense implements Layer {

    private final String name;
    private final Param weight;
    private final Param bias;
    private final Matrix mask;
    private final List<Param> params;

    private MaskedDense(String name, Matrix mask) {
        this.name = name;
        this.mask = mask.copy();
        for (float v : this.mask.data()) {
            if (v != 0f && v != 1f) {
                throw new IllegalArgumentException(name + ": mask entries must be 0 or 1, got " + v);
            }
        }
        this.weight = Param.of(name + ".weight", mask.rows(), mask.cols());
        this.bias = Param.of(name + ".bias", 1, mask.cols());
        this.params = List.of(weight, bias);
    }

    /** A masked layer (in×out = mask's shape) with weights drawn from init, then masked. */
    public static MaskedDense of(String name, Matrix mask, Init init, UniformRandomProvider rng) {
        Shapes.checkPositive(name + ": input size", mask.rows());
        Shapes.checkPositive(name + ": output size", mask.cols());
        MaskedDense d = new MaskedDense(name, mask);
        init.fill(d.weight.value(), rng);
        applyMask(d.weight.value(), d.mask, d.weight.value());
        return d;
    }

    /** The mask (a copy), in×out. */
    public Matrix mask() {
        return mask.copy();
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return mask.rows();
    }

    @Override
    public int outputSize() {
        return mask.cols();
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
        applyMask(weight.value(), mask, ws.maskedWeight);
        Matrix y = ws.output.setRows(input.rows());
        Ops.mult(input, ws.maskedWeight, y);
        Ops.addRowVector(bias.value(), y);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.input, gradOutput, ws.output);
        Ops.multTransA(ws.input, gradOutput, ws.weightGrad);
        float[] g = weight.grad().data();
        int go = weight.grad().offset();
        float[] t = ws.weightGrad.data();
        float[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            g[go + i] += t[i] * m[i];
        }
        Ops.columnSums(gradOutput, 1f, bias.grad());
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        Ops.multTransB(gradOutput, ws.maskedWeight, dx);
        return dx;
    }

    private static void applyMask(Matrix w, Matrix mask, Matrix out) {
        float[] wd = w.data();
        float[] od = out.data();
        float[] md = mask.data();
        int wo = w.offset();
        int oo = out.offset();
        for (int i = 0; i < md.length; i++) {
            od[oo + i] = wd[wo + i] * md[i];
        }
    }

    @Override
    public String toString() {
        return "MaskedDense[" + name + ", " + inputSize() + " -> " + outputSize() + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        final Matrix maskedWeight;
        final Matrix weightGrad;
        Matrix input;

        Ws(int maxRows, int in, int out) {
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, out);
            this.gradInput = Matrix.of(maxRows, in);
            this.maskedWeight = Matrix.of(in, out);
            this.weightGrad = Matrix.of(in, out);
        }
    }
}
