package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Residual network in the style of nflows' ResidualNet (Durkan et al. 2019):
 * <pre>
 *   h₀ = [x | c]·W_in + b_in,   h_k = block_k(h_{k−1} [, c]),   y = h_N·W_out + b_out
 * </pre>
 * with N pre-activation {@link ResidualBlock}s of width H. Input n×(in + C): x in columns
 * [0, in), the context c in [in, in + C); output n×out. The context always enters the initial
 * layer (concatenated); with {@link ContextMode#ADD} each block also adds c·W_c, with
 * {@link ContextMode#GLU} it gates each block's residual by σ(c·W_c + b_c) as nflows does. Backward returns dL/d[x | c], summing every path through which c enters.
 */
public final class ResidualNet implements Layer {

    /** How the context enters beyond the initial layer. */
    public enum ContextMode {
        /** Only concatenated to the input of the initial layer. */
        CONCAT,
        /** Also added in every residual block. */
        ADD,
        /** Also gating every residual block's output through a GLU (nflows' ResidualNet). */
        GLU
    }

    private final int in;
    private final int context;
    private final Dense initial;
    private final ResidualBlock[] blocks;
    private final Dense last;
    private final List<Param> params;

    private ResidualNet(int in, int context, Dense initial, ResidualBlock[] blocks, Dense last) {
        this.in = in;
        this.context = context;
        this.initial = initial;
        this.blocks = blocks;
        this.last = last;
        List<Param> all = new ArrayList<>(initial.params());
        for (ResidualBlock b : blocks) {
            all.addAll(b.params());
        }
        all.addAll(last.params());
        this.params = List.copyOf(all);
    }

    /** A builder for a network in → out (plus context). */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Width C of the context. */
    public int contextSize() {
        return context;
    }

    @Override
    public int inputSize() {
        return in + context;
    }

    @Override
    public int outputSize() {
        return last.outputSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Workspace[] bw = new Workspace[blocks.length];
        for (int k = 0; k < bw.length; k++) {
            bw[k] = blocks[k].workspace(maxRows);
        }
        return new Ws(initial.workspace(maxRows), bw, last.workspace(maxRows),
                Matrix.of(maxRows, Math.max(1, context)), Matrix.of(maxRows, in + context));
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast("ResidualNet", workspace, Ws.class);
        Shapes.checkInput("ResidualNet", input, in + context, ws.joined.capacityRows());
        Matrix c = null;
        if (context > 0) {
            c = ws.context.setRows(input.rows());
            Columns.copy(input, in, c);
        }
        Matrix h = initial.forward(input, ws.initial);
        for (int k = 0; k < blocks.length; k++) {
            h = blocks[k].forward(h, blocks[k].contextSize() > 0 ? c : null, ws.blocks[k]);
        }
        return last.forward(h, ws.last);
    }

    /** Forward from x (n×in) and context (n×C, null when C = 0), copied into the workspace. */
    public Matrix forward(Matrix x, Matrix contextValues, Workspace workspace) {
        Ws ws = Shapes.cast("ResidualNet", workspace, Ws.class);
        Shapes.checkInput("ResidualNet x", x, in, ws.joined.capacityRows());
        Matrix joined = ws.joined.setRows(x.rows());
        Columns.join(x, context > 0 ? contextValues : null, joined);
        return forward(joined, workspace);
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast("ResidualNet", workspace, Ws.class);
        Matrix g = last.backward(gradOutput, ws.last);
        for (int k = blocks.length - 1; k >= 0; k--) {
            g = blocks[k].backward(g, ws.blocks[k]);
            if (blocks[k].contextSize() > 0) {
                ws.contextGradSum(k == blocks.length - 1, blocks[k].gradContext(ws.blocks[k]));
            }
        }
        Matrix dInput = initial.backward(g, ws.initial);
        if (context > 0 && blocks.length > 0 && blocks[0].contextSize() > 0) {
            Matrix out = ws.gradInput.setRows(dInput.rows());
            out.copyFrom(dInput);
            Columns.addInto(ws.contextGrad, out, in);
            return out;
        }
        return dInput;
    }

    @Override
    public String toString() {
        return "ResidualNet[" + in + "+" + context + " -> " + outputSize() + ", "
                + blocks.length + " blocks]";
    }

    private static final class Ws implements Workspace {
        final Workspace initial;
        final Workspace[] blocks;
        final Workspace last;
        final Matrix context;
        final Matrix contextGrad;
        final Matrix joined;
        final Matrix gradInput;

        Ws(Workspace initial, Workspace[] blocks, Workspace last, Matrix context, Matrix joined) {
            this.initial = initial;
            this.blocks = blocks;
            this.last = last;
            this.context = context;
            this.contextGrad = Matrix.of(context.rows(), context.cols());
            this.joined = joined;
            this.gradInput = Matrix.of(joined.rows(), joined.cols());
        }

        /** contextGrad = g (first call of a backward) or += g. */
        void contextGradSum(boolean first, Matrix g) {
            contextGrad.setRows(g.rows());
            if (first) {
                contextGrad.copyFrom(g);
            } else {
                Ops.addScaled(1f, g, contextGrad);
            }
        }
    }

    /** Settings; defaults: no context, hidden width 50, 2 blocks, ReLU, context ADD. */
    public static final class Builder {
        private final int in;
        private final int out;
        private int context;
        private int hidden = 50;
        private int blocks = 2;
        private Activation activation = Activation.RELU;
        private ContextMode mode = ContextMode.ADD;
        private boolean zeroInitOutput;
        private boolean torchInit;
        private String name = "resnet";

        private Builder(int in, int out) {
            if (in < 0) {
                throw new IllegalArgumentException("ResidualNet input size must be >= 0, got "
                        + in);
            }
            Shapes.checkPositive("ResidualNet output size", out);
            this.in = in;
            this.out = out;
        }

        public Builder context(int c) {
            if (c < 0) {
                throw new IllegalArgumentException("context size must be >= 0, got " + c);
            }
            this.context = c;
            return this;
        }

        public Builder hidden(int width) {
            Shapes.checkPositive("hidden width", width);
            this.hidden = width;
            return this;
        }

        public Builder blocks(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("number of blocks must be >= 0, got " + n);
            }
            this.blocks = n;
            return this;
        }

        public Builder activation(Activation f) {
            if (f == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
            this.activation = f;
            return this;
        }

        public Builder contextMode(ContextMode m) {
            if (m == null) {
                throw new IllegalArgumentException("context mode must not be null");
            }
            this.mode = m;
            return this;
        }

        /** Start the final layer at zero (e.g. a coupling flow starts at the identity). */
        public Builder zeroInitOutput(boolean zero) {
            this.zeroInitOutput = zero;
            return this;
        }

        /**
         * Initialise every layer but the blocks' second one (U(±10⁻³)) as PyTorch's nn.Linear:
         * weights and biases U(±1/√fan_in), as nflows' ResidualNet (default: Glorot/He weights,
         * zero biases).
         */
        public Builder torchInit(boolean torch) {
            this.torchInit = torch;
            return this;
        }

        /** Prefix of the parameter names. */
        public Builder name(String prefix) {
            this.name = prefix;
            return this;
        }

        /** Builds the network, drawing weights from rng in layer order. */
        public ResidualNet build(UniformRandomProvider rng) {
            if (in + context == 0) {
                throw new IllegalArgumentException("ResidualNet needs inputs or context; both "
                        + "sizes are 0");
            }
            Dense initial = torchInit
                    ? ResidualBlock.torchDense(name + ".initial", in + context, hidden, rng)
                    : Dense.of(name + ".initial", in + context, hidden, Init.GLOROT_UNIFORM, rng);
            ResidualBlock[] bs = new ResidualBlock[blocks];
            int blockContext = mode == ContextMode.CONCAT ? 0 : context;
            for (int k = 0; k < blocks; k++) {
                bs[k] = ResidualBlock.of(name + ".block" + k, hidden, blockContext, activation,
                        mode == ContextMode.GLU, torchInit, rng);
            }
            Dense last = zeroInitOutput ? Dense.of(name + ".final", hidden, out)
                    : torchInit ? ResidualBlock.torchDense(name + ".final", hidden, out, rng)
                    : Dense.of(name + ".final", hidden, out, Init.GLOROT_UNIFORM, rng);
            return new ResidualNet(in, context, initial, bs, last);
        }
    }
}
