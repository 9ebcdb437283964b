package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

/**
 * MADE conditioner for masked autoregressive flows (Germain et al. 2015; Papamakarios et al.
 * 2017): an MLP of {@link MaskedDense} layers mapping [θ | context] to K parameters per dimension.
 *
 * <p><b>Input</b>: n×(D + C), θ in columns [0, D), the context (e.g. the observation x) in
 * columns [D, D + C). Use {@link #forward(Matrix, Matrix, Layer.Workspace)} to pass θ and the
 * context separately; they are copied into the workspace. Context inputs have degree 0, so every
 * hidden unit sees them ({@link MadeDegrees}).
 * <p><b>Output</b>: n×(D·K); column {@link #column(int, int) i·K + k} is parameter k of dimension
 * i (0-based), i.e. a row-major n×D×K array. Output for dimension i depends only on θ₀…θ_{i−1}
 * and the context (for i = 0: the context alone).
 * <p><b>Backward</b> returns dL/d[θ | context] (n×(D + C)): θ gradients in the first D columns.
 * <p>Layers are "name.layer<i>j</i>" (hidden, then output); hidden degrees cycle (default) or are
 * random, drawn from the RNG passed to {@link Builder#build} — then rebuilding with the same seed
 * gives the same masks. With {@link Builder#zeroInitOutput} the output starts at exactly zero.
 */
public final class Made implements Layer {

    private final int features;
    private final int context;
    private final int paramsPerDim;
    private final Sequential net;

    private Made(int features, int context, int paramsPerDim, Sequential net) {
        this.features = features;
        this.context = context;
        this.paramsPerDim = paramsPerDim;
        this.net = net;
    }

    /** A builder for a MADE over D = features autoregressive inputs. */
    public static Builder builder(int features) {
        return new Builder(features);
    }

    /** D. */
    public int features() {
        return features;
    }

    /** C. */
    public int contextSize() {
        return context;
    }

    /** K. */
    public int paramsPerDim() {
        return paramsPerDim;
    }

    /** Output column of parameter k of dimension i: i·K + k. */
    public int column(int i, int k) {
        if (i < 0 || i >= features || k < 0 || k >= paramsPerDim) {
            throw new IndexOutOfBoundsException("dimension " + i + ", parameter " + k
                    + " outside " + features + "x" + paramsPerDim);
        }
        return i * paramsPerDim + k;
    }

    /** The underlying network (masked layers and activations). */
    public Sequential network() {
        return net;
    }

    @Override
    public int inputSize() {
        return features + context;
    }

    @Override
    public int outputSize() {
        return features * paramsPerDim;
    }

    @Override
    public List<Param> params() {
        return net.params();
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(net.workspace(maxRows), Matrix.of(maxRows, features + context));
    }

    @Override
    public Matrix forward(Matrix input, Workspace ws) {
        return net.forward(input, Shapes.cast("MADE", ws, Ws.class).inner);
    }

    /**
     * Forward from θ (n×D) and context (n×C; may be null when C = 0), copied into the
     * workspace's n×(D + C) input buffer.
     */
    public Matrix forward(Matrix theta, Matrix contextValues, Workspace workspace) {
        Ws ws = Shapes.cast("MADE", workspace, Ws.class);
        Shapes.checkInput("MADE theta", theta, features, ws.joined.capacityRows());
        Matrix joined = ws.joined.setRows(theta.rows());
        if (context > 0 && (contextValues == null || contextValues.cols() != context)) {
            throw new IllegalArgumentException("MADE: context "
                    + (contextValues == null ? "null" : contextValues.shape())
                    + " does not fit theta " + theta.shape() + " (expected " + theta.rows() + "x"
                    + context + ")");
        }
        Columns.join(theta, context > 0 ? contextValues : null, joined);
        return net.forward(joined, ws.inner);
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace ws) {
        return net.backward(gradOutput, Shapes.cast("MADE", ws, Ws.class).inner);
    }

    @Override
    public String toString() {
        return "Made[D=" + features + ", C=" + context + ", K=" + paramsPerDim + ", " + net + "]";
    }

    private record Ws(Workspace inner, Matrix joined) implements Workspace {
    }

    /** Settings for a {@link Made}; defaults: no context, hidden [50, 50], K = 2, ReLU. */
    public static final class Builder {
        private final int features;
        private int context;
        private int[] hidden = {50, 50};
        private int paramsPerDim = 2;
        private Activation activation = Activation.RELU;
        private boolean zeroInitOutput;
        private boolean randomDegrees;
        private String name = "made";

        private Builder(int features) {
            Shapes.checkPositive("number of features", features);
            this.features = features;
        }

        /** C context inputs (≥ 0). */
        public Builder context(int c) {
            if (c < 0) {
                throw new IllegalArgumentException("context size must be >= 0, got " + c);
            }
            this.context = c;
            return this;
        }

        /**
         * Hidden layer widths (at least one layer). With cycling degrees a layer narrower than
         * the number of hidden degrees (D, or D − 1 without context) leaves the highest degrees
         * out, so the last dimensions see fewer earlier ones: still autoregressive, less
         * expressive.
         */
        public Builder hidden(int... sizes) {
            if (sizes.length == 0) {
                throw new IllegalArgumentException("MADE needs at least one hidden layer");
            }
            for (int s : sizes) {
                Shapes.checkPositive("hidden size", s);
            }
            this.hidden = sizes.clone();
            return this;
        }

        /** K outputs per dimension (e.g. 2 for affine: shift, log-scale). */
        public Builder paramsPerDim(int k) {
            Shapes.checkPositive("parameters per dimension", k);
            this.paramsPerDim = k;
            return this;
        }

        public Builder activation(Activation f) {
            if (f == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
            this.activation = f;
            return this;
        }

        /** Start the output layer at zero weights and biases (flows start at the identity). */
        public Builder zeroInitOutput(boolean zero) {
            this.zeroInitOutput = zero;
            return this;
        }

        /** Draw hidden degrees at random instead of cycling. */
        public Builder randomDegrees(boolean random) {
            this.randomDegrees = random;
            return this;
        }

        /** Prefix of the parameter names (unique within a flow, e.g. "t3.made"). */
        public Builder name(String prefix) {
            this.name = prefix;
            return this;
        }

        /** Builds the network; weights (and random degrees) are drawn from rng. */
        public Made build(UniformRandomProvider rng) {
            List<Layer> layers = new ArrayList<>();
            int[] prev = MadeDegrees.inputDegrees(features, context);
            for (int j = 0; j < hidden.length; j++) {
                int[] deg = randomDegrees
                        ? MadeDegrees.hiddenDegreesRandom(hidden[j], features, context, prev, rng)
                        : MadeDegrees.hiddenDegrees(hidden[j], features, context);
                layers.add(MaskedDense.of(name + ".layer" + j, MadeDegrees.hiddenMask(prev, deg),
                        Init.forActivation(activation), rng));
                layers.add(ActivationLayer.of(activation, hidden[j]));
                prev = deg;
            }
            int[] out = MadeDegrees.outputDegrees(features, paramsPerDim);
            layers.add(MaskedDense.of(name + ".layer" + hidden.length,
                    MadeDegrees.outputMask(prev, out),
                    zeroInitOutput ? Init.ZERO : Init.GLOROT_UNIFORM, rng));
            return new Made(features, context, paramsPerDim, Sequential.of(layers));
        }

        @Override
        public String toString() {
            return "Made.Builder[D=" + features + ", C=" + context + ", hidden="
                    + Arrays.toString(hidden) + ", K=" + paramsPerDim + ", " + activation + "]";
        }
    }
}
