package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Pre-activation residual block (He et al. 2016; nflows' ResidualBlock without batch norm or
 * dropout), optionally with a context term, additive or gated (nflows' GLU):
 * <pre>
 *   r = W₁·f(W₀·f(x) + b₀) + b₁,   a = c·W_c + b_c
 *   additive:  y = x + r + a
 *   gated:     y = x + r ⊙ σ(a)        (nflows: glu(cat(r, a)))
 * </pre>
 * written row-wise as in {@link Dense}: x, y are n×h, the context c is n×C. The second dense
 * layer starts at U(−10⁻³, 10⁻³) (as nflows' zero_initialization), so the block starts near the
 * identity. The first and the context layer use {@link Init#forActivation} and Glorot, or with
 * {@code torchInit} PyTorch's Linear default U(±1/√fan_in) for weights and biases (as nflows).
 *
 * <p>Without context (C = 0) this is a plain h→h {@link Layer}. With context use
 * {@link #forward(Matrix, Matrix, Layer.Workspace)}; {@link #backward} then also writes
 * dL/dc into {@link #gradContext(Layer.Workspace)}. Backward: dL/dx = G + (chain through the
 * two dense layers), dL/dc = G·W_cᵀ (additive) or (G ⊙ r ⊙ σ'(a))·W_cᵀ (gated).
 */
public final class ResidualBlock implements Layer {

    private final String name;
    private final int size;
    private final ActivationLayer act;
    private final Dense first;
    private final Dense second;
    private final Dense contextLayer;
    private final boolean gated;
    /** The GLU gate when gated with a context, else null. */
    private final GluGate gate;
    private final List<Param> params;

    private ResidualBlock(String name, int size, int context, Activation f, boolean gated,
                          boolean torchInit, UniformRandomProvider rng) {
        this.name = name;
        this.size = size;
        this.gated = gated;
        this.act = ActivationLayer.of(f, size);
        this.first = torchInit ? torchDense(name + ".dense0", size, size, rng)
                : Dense.of(name + ".dense0", size, size, Init.forActivation(f), rng);
        this.second = Dense.of(name + ".dense1", size, size);
        Init.fillUniform(second.weight().value(), 1e-3, rng);
        Init.fillUniform(second.bias().value(), 1e-3, rng);
        this.contextLayer = context == 0 ? null
                : torchInit ? torchDense(name + ".context", context, size, rng)
                : Dense.of(name + ".context", context, size, Init.GLOROT_UNIFORM, rng);
        this.gate = gated && contextLayer != null ? new GluGate(contextLayer, size) : null;
        List<Param> all = new ArrayList<>(first.params());
        all.addAll(second.params());
        if (contextLayer != null) {
            all.addAll(contextLayer.params());
        }
        this.params = List.copyOf(all);
    }

    /**
     * A block of width size with activation f and an additive context of width context ≥ 0
     * (0: none). Parameters: name.dense0.*, name.dense1.*, name.context.*.
     */
    public static ResidualBlock of(String name, int size, int context, Activation f,
                                   UniformRandomProvider rng) {
        return of(name, size, context, f, false, false, rng);
    }

    /**
     * As {@link #of(String, int, int, Activation, UniformRandomProvider)}; gated: the context
     * gates the residual through a GLU (nflows); torchInit: PyTorch's default Linear init.
     */
    public static ResidualBlock of(String name, int size, int context, Activation f,
                                   boolean gated, boolean torchInit, UniformRandomProvider rng) {
        Shapes.checkPositive(name + ": size", size);
        if (context < 0) {
            throw new IllegalArgumentException(name + ": context size must be >= 0, got "
                    + context);
        }
        return new ResidualBlock(name, size, context, f, gated, torchInit, rng);
    }

    /** PyTorch's nn.Linear default: weights and biases U(±1/√in) (kaiming_uniform, a = √5). */
    static Dense torchDense(String name, int in, int out, UniformRandomProvider rng) {
        Dense d = Dense.of(name, in, out);
        double a = 1.0 / Math.sqrt(in);
        Init.fillUniform(d.weight().value(), a, rng);
        Init.fillUniform(d.bias().value(), a, rng);
        return d;
    }

    /** Whether the context gates the residual (GLU) rather than being added. */
    public boolean gated() {
        return gated;
    }

    /** Width C of the context (0 if none). */
    public int contextSize() {
        return contextLayer == null ? 0 : contextLayer.inputSize();
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
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(name + ": maxRows", maxRows);
        return new Ws(this, maxRows);
    }

    /** Forward without context (only for blocks built with context size 0). */
    @Override
    public Matrix forward(Matrix input, Workspace ws) {
        if (contextLayer != null) {
            throw new IllegalArgumentException(name + ": this block needs a context of width "
                    + contextSize() + "; call forward(x, context, ws)");
        }
        return forward(input, null, ws);
    }

    /** y = x + residual(x) [+ a or ⊙ σ(a)]; context is n×C (null when C = 0). */
    public Matrix forward(Matrix x, Matrix context, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkInput(name, x, size, ws.maxRows);
        if (contextLayer != null && (context == null || context.rows() != x.rows())) {
            throw new IllegalArgumentException(name + ": context "
                    + (context == null ? "null" : context.shape()) + " does not fit input "
                    + x.shape());
        }
        ws.done = false;
        Matrix h = act.forward(x, ws.act0);
        h = first.forward(h, ws.first);
        h = act.forward(h, ws.act1);
        h = second.forward(h, ws.second);
        Matrix y = ws.output.setRows(x.rows());
        if (gate != null) {
            gate.forward(x, h, context, ws.gate, y);
        } else {
            y.copyFrom(x);
            Ops.addScaled(1f, h, y);
            if (contextLayer != null) {
                Ops.addScaled(1f, contextLayer.forward(context, ws.context), y);
            }
        }
        ws.done = true;
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.done ? ws.output : null, gradOutput, ws.output);
        if (gate != null) {
            gate.backward(gradOutput, ws.gate);
        }
        Matrix g = second.backward(gate != null ? ws.gate.gradResidual : gradOutput, ws.second);
        g = act.backward(g, ws.act1);
        g = first.backward(g, ws.first);
        g = act.backward(g, ws.act0);
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        dx.copyFrom(gradOutput);
        Ops.addScaled(1f, g, dx);
        if (gate != null) {
            ws.gradContext = contextLayer.backward(ws.gate.gradGate, ws.gate.context);
        } else if (contextLayer != null) {
            ws.gradContext = contextLayer.backward(gradOutput, ws.context);
        }
        return dx;
    }

    /** dL/dc (n×C) of the last backward with ws, owned by ws; fails for blocks without context. */
    public Matrix gradContext(Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        if (contextLayer == null) {
            throw new IllegalStateException(name + " has no context input");
        }
        if (ws.gradContext == null) {
            throw new IllegalStateException(name + ": gradContext before backward");
        }
        return ws.gradContext;
    }

    @Override
    public String toString() {
        return "ResidualBlock[" + name + ", " + size + ", context " + contextSize()
                + (gated ? " gated" : "") + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Workspace act0;
        final Workspace act1;
        final Workspace first;
        final Workspace second;
        final Workspace context;
        final Matrix output;
        final Matrix gradInput;
        final GluGate.Ws gate;
        boolean done;
        Matrix gradContext;

        Ws(ResidualBlock b, int maxRows) {
            this.maxRows = maxRows;
            this.act0 = b.act.workspace(maxRows);
            this.act1 = b.act.workspace(maxRows);
            this.first = b.first.workspace(maxRows);
            this.second = b.second.workspace(maxRows);
            this.gate = b.gate == null ? null : b.gate.workspace(maxRows);
            this.context = b.contextLayer == null || b.gate != null ? null
                    : b.contextLayer.workspace(maxRows);
            this.output = Matrix.of(maxRows, b.size);
            this.gradInput = Matrix.of(maxRows, b.size);
        }
    }
}
