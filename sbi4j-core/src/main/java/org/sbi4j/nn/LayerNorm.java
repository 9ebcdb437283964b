package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Layer normalisation of each row over its D features (Ba, Kiros &amp; Hinton 2016, "Layer
 * normalization"), with a learnable gain γ and bias β (1×D each, starting at 1 and 0):
 * <pre>
 *   μ = (1/D) Σ_j x_j,   σ² = (1/D) Σ_j (x_j − μ)²,   x̂ = (x − μ)/√(σ² + ε),   y = γ ⊙ x̂ + β
 * </pre>
 * with ε = {@value #EPS}. Unlike batch normalisation it uses no statistics of the batch, so a
 * row's output does not depend on the other rows (amortised inference sees one x at a time).
 * Backward, with ĝ = dL/dy ⊙ γ: dL/dx = (ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂))/√(σ² + ε),
 * dL/dγ += Σ_rows dL/dy ⊙ x̂, dL/dβ += Σ_rows dL/dy. Means and variances are summed in double.
 */
public final class LayerNorm implements Layer {

    /** ε added to the variance. */
    public static final float EPS = 1e-5f;

    private final String name;
    private final int features;
    private final Param gain;
    private final Param bias;
    private final List<Param> params;

    private LayerNorm(String name, int features) {
        this.name = name;
        this.features = features;
        this.gain = Param.of(name + ".gain", 1, features);
        this.bias = Param.of(name + ".bias", 1, features);
        gain.value().fill(1f);
        this.params = List.of(gain, bias);
    }

    /** Normalisation of rows of D = features values; parameters name.gain, name.bias. */
    public static LayerNorm of(String name, int features) {
        if (name == null) {
            throw new IllegalArgumentException("LayerNorm: name must not be null");
        }
        Shapes.checkPositive(name + ": features", features);
        return new LayerNorm(name, features);
    }

    /** γ, 1×D. */
    public Param gain() {
        return gain;
    }

    /** β, 1×D. */
    public Param bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return features;
    }

    @Override
    public int outputSize() {
        return features;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(name + ": maxRows", maxRows);
        return new Ws(maxRows, features);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkInput(name, input, features, ws.maxRows);
        ws.input = input;
        int n = input.rows();
        Matrix xh = ws.normalised.setRows(n);
        Matrix y = ws.output.setRows(n);
        float[] xd = input.data();
        float[] hd = xh.data();
        float[] yd = y.data();
        float[] g = gain.value().data();
        float[] b = bias.value().data();
        int go = gain.value().offset();
        int bo = bias.value().offset();
        for (int i = 0; i < n; i++) {
            int xo = input.rowOffset(i);
            double s = 0;
            for (int j = 0; j < features; j++) {
                s += xd[xo + j];
            }
            double mu = s / features;
            double v = 0;
            for (int j = 0; j < features; j++) {
                double d = xd[xo + j] - mu;
                v += d * d;
            }
            float inv = (float) (1.0 / Math.sqrt(v / features + EPS));
            ws.invStd[i] = inv;
            int ho = xh.rowOffset(i);
            int yo = y.rowOffset(i);
            float m = (float) mu;
            for (int j = 0; j < features; j++) {
                float h = (xd[xo + j] - m) * inv;
                hd[ho + j] = h;
                yd[yo + j] = g[go + j] * h + b[bo + j];
            }
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        Matrix xh = ws.normalised;
        Matrix dx = ws.gradInput.setRows(n);
        float[] gd = gradOutput.data();
        float[] hd = xh.data();
        float[] dd = dx.data();
        float[] g = gain.value().data();
        int go = gain.value().offset();
        float[] dg = gain.grad().data();
        int dgo = gain.grad().offset();
        for (int i = 0; i < n; i++) {
            int ro = gradOutput.rowOffset(i);
            int ho = xh.rowOffset(i);
            double sg = 0;
            double sgh = 0;
            for (int j = 0; j < features; j++) {
                float gh = gd[ro + j] * g[go + j];
                sg += gh;
                sgh += (double) gh * hd[ho + j];
                dg[dgo + j] += gd[ro + j] * hd[ho + j];
            }
            float mg = (float) (sg / features);
            float mgh = (float) (sgh / features);
            float inv = ws.invStd[i];
            int xo = dx.rowOffset(i);
            for (int j = 0; j < features; j++) {
                dd[xo + j] = (gd[ro + j] * g[go + j] - mg - hd[ho + j] * mgh) * inv;
            }
        }
        Ops.columnSums(gradOutput, 1f, bias.grad());
        return dx;
    }

    @Override
    public String toString() {
        return "LayerNorm[" + name + ", " + features + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix normalised;
        final Matrix output;
        final Matrix gradInput;
        final float[] invStd;
        Matrix input;

        Ws(int maxRows, int features) {
            this.maxRows = maxRows;
            this.normalised = Matrix.of(maxRows, features);
            this.output = Matrix.of(maxRows, features);
            this.gradInput = Matrix.of(maxRows, features);
            this.invStd = new float[maxRows];
        }
    }
}
