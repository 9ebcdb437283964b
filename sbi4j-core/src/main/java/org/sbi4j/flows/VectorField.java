package org.sbi4j.flows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.tensor.Matrix;

/**
 * The time-conditioned vector field v(θ_t, t, x) of flow matching: a {@link ResidualNet} on the
 * row [θ_t | τ(t) | x] with the time features τ(t) = (cos(kπt), sin(kπt))_{k=1..F} and x as its
 * context (concatenated to the first layer and added in every block), output n×D.
 *
 * <p>Besides forward and backward it gives the divergence ∇_θ·v = Σ_i ∂v_i/∂θ_i of the last
 * forward: exactly, by D backward passes with dL/dv = e_i, or as Hutchinson's εᵀ(∂v/∂θ)ε by one
 * pass with dL/dv = ε. Each backward pass adds into the parameters' gradient buffers (inference
 * never reads them; training zeroes them before each step). Nothing is allocated per call.
 */
public final class VectorField {

    private final int d;
    private final int c;
    private final int freqs;
    private final ResidualNet net;

    private VectorField(int d, int c, int freqs, ResidualNet net) {
        this.d = d;
        this.c = c;
        this.freqs = freqs;
        this.net = net;
    }

    /** A freshly initialised field for θ of size thetaDim and x of size contextDim. */
    public static VectorField of(int thetaDim, int contextDim, FmpeSettings s,
                                 UniformRandomProvider rng) {
        if (thetaDim < 1 || contextDim < 0) {
            throw new IllegalArgumentException("a vector field needs theta dimension >= 1 and "
                    + "context dimension >= 0: " + thetaDim + ", " + contextDim);
        }
        ResidualNet net = ResidualNet.builder(thetaDim, thetaDim)
                .context(2 * s.timeFrequencies() + contextDim).hidden(s.hiddenFeatures())
                .blocks(s.blocks()).activation(s.activation())
                .contextMode(ResidualNet.ContextMode.ADD).name("field").build(rng);
        return new VectorField(thetaDim, contextDim, s.timeFrequencies(), net);
    }

    public int thetaSize() {
        return d;
    }

    public int contextSize() {
        return c;
    }

    public List<Param> params() {
        return net.params();
    }

    /** Buffers of one field evaluation for up to maxRows rows. */
    static final class Ws {
        final int maxRows;
        final Layer.Workspace net;
        final Matrix joined;
        final Matrix unit;
        Matrix gradInput;

        Ws(VectorField f, int maxRows) {
            this.maxRows = maxRows;
            this.net = f.net.workspace(maxRows);
            this.joined = Matrix.of(maxRows, f.d + 2 * f.freqs + f.c);
            this.unit = Matrix.of(maxRows, f.d);
        }
    }

    Ws workspace(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("workspace needs maxRows >= 1: " + maxRows);
        }
        return new Ws(this, maxRows);
    }

    /**
     * v for rows of θ_t at times t (times[i] for row i, or {@code time} for all rows when
     * times is null) with context rows x (null when the context size is 0); owned by ws.
     */
    Matrix forward(Matrix theta, float[] times, float time, Matrix context, Ws ws) {
        int n = theta.rows();
        if (theta.cols() != d || n > ws.maxRows || (c > 0 && (context == null
                || context.cols() != c || context.rows() != n))) {
            throw new IllegalArgumentException("theta " + theta.shape() + " and context "
                    + (context == null ? "null" : context.shape()) + " do not fit a vector field"
                    + " on " + d + " parameters with " + c + " context columns and a "
                    + ws.maxRows + "-row workspace");
        }
        Matrix in = ws.joined.setRows(n);
        float[] a = in.data();
        int w = in.cols();
        for (int i = 0; i < n; i++) {
            int o = in.rowOffset(i);
            System.arraycopy(theta.data(), theta.rowOffset(i), a, o, d);
            double t = times == null ? time : times[i];
            if (times != null || i == 0) {
                for (int k = 0; k < freqs; k++) {
                    double phase = Math.PI * (k + 1) * t;
                    a[o + d + 2 * k] = (float) Math.cos(phase);
                    a[o + d + 2 * k + 1] = (float) Math.sin(phase);
                }
            } else {
                System.arraycopy(a, in.rowOffset(0) + d, a, o + d, 2 * freqs);
            }
            if (c > 0) {
                System.arraycopy(context.data(), context.rowOffset(i), a, o + w - c, c);
            }
        }
        return net.forward(in, ws.net);
    }

    /**
     * Given dL/dv for the last forward with ws, adds the parameter gradients and returns
     * dL/d[θ_t | τ | x] (n × (D + 2F + C), owned by ws).
     */
    Matrix backward(Matrix gradV, Ws ws) {
        ws.gradInput = net.backward(gradV, ws.net);
        return ws.gradInput;
    }

    /** Column of x's first entry in the matrix {@link #backward} returns. */
    int contextColumn() {
        return d + 2 * freqs;
    }

    /** out[i] = Σ_j ∂v_j/∂θ_j at the rows of the last forward (D backward passes). */
    void exactDivergence(int n, float[] out, Ws ws) {
        java.util.Arrays.fill(out, 0, n, 0f);
        Matrix e = ws.unit.setRows(n);
        for (int j = 0; j < d; j++) {
            e.fill(0f);
            for (int i = 0; i < n; i++) {
                e.data()[e.rowOffset(i) + j] = 1f;
            }
            Matrix g = backward(e, ws);
            for (int i = 0; i < n; i++) {
                out[i] += g.data()[g.rowOffset(i) + j];
            }
        }
    }

    /** out[i] = ε_iᵀ(∂v/∂θ)_i ε_i for the probes ε (n×D) at the rows of the last forward. */
    void hutchinsonDivergence(Matrix probes, float[] out, Ws ws) {
        Matrix g = backward(probes, ws);
        int n = probes.rows();
        for (int i = 0; i < n; i++) {
            int po = probes.rowOffset(i);
            int go = g.rowOffset(i);
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += probes.data()[po + j] * g.data()[go + j];
            }
            out[i] = (float) s;
        }
    }
}
