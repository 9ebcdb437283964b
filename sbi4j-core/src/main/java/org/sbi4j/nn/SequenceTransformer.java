package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * A small transformer encoder embedding of multi-channel time series (Vaswani et al. 2017):
 * <pre>
 *   X₀[t] = x[:, t]·W_e + b_e + PE[t]          (each step's C values → D, plus its position)
 *   X_{b+1} = MAB_b(X_b, X_b)                  (self-attention layers, {@link AttentionBlock})
 *   e = head((1/L) Σ_t X_B[t])                 (mean over time, then dense layers)
 * </pre>
 * with the fixed sinusoidal encoding PE[t, 2j] = sin(t/10000^{2j/D}), PE[t, 2j+1] =
 * cos(t/10000^{2j/D}). Shapes: an input row holds C channels of length L, channel-major
 * (value (c, t) at column c·L + t, as {@link Conv1d}); the output is n×outputs. No masking:
 * every step is data. Parameters "embed", "layer<i>b</i>.*", "head.dense<i>k</i>".
 */
public final class SequenceTransformer implements Layer {

    private static final String NAME = "SequenceTransformer";

    private final SequenceTransformerConfig cfg;
    private final Dense embed;
    private final AttentionBlock[] layers;
    private final Sequential head;
    private final Matrix positions;
    private final List<Param> params;

    private SequenceTransformer(SequenceTransformerConfig c, UniformRandomProvider rng) {
        this.cfg = c;
        this.embed = Dense.of("embed", c.channels(), c.model(), Init.GLOROT_UNIFORM, rng);
        this.layers = new AttentionBlock[c.layers()];
        List<Param> all = new ArrayList<>(embed.params());
        for (int b = 0; b < layers.length; b++) {
            layers[b] = AttentionBlock.of("layer" + b, c.model(), c.heads(), c.activation(), rng);
            all.addAll(layers[b].params());
        }
        this.head = DenseStack.of("head", c.model(), c.head(), c.outputs(), c.activation(), rng);
        all.addAll(head.params());
        this.params = List.copyOf(all);
        this.positions = Matrix.of(c.length(), c.model());
        for (int t = 0; t < c.length(); t++) {
            for (int j = 0; j < c.model() / 2; j++) {
                double angle = t / Math.pow(10000.0, 2.0 * j / c.model());
                positions.set(t, 2 * j, (float) Math.sin(angle));
                positions.set(t, 2 * j + 1, (float) Math.cos(angle));
            }
        }
    }

    /** The encoder of the configuration, weights drawn from rng. */
    public static SequenceTransformer of(SequenceTransformerConfig config,
                                         UniformRandomProvider rng) {
        if (config == null || rng == null) {
            throw new IllegalArgumentException(NAME + " needs a configuration and an RNG");
        }
        return new SequenceTransformer(config, rng);
    }

    public SequenceTransformerConfig config() {
        return cfg;
    }

    @Override
    public int inputSize() {
        return cfg.channels() * cfg.length();
    }

    @Override
    public int outputSize() {
        return cfg.outputs();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(NAME + ": maxRows", maxRows);
        return new Ws(maxRows, this);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkInput(NAME, input, inputSize(), ws.maxRows);
        ws.input = input;
        int n = input.rows();
        int len = cfg.length();
        int c = cfg.channels();
        Matrix tokens = ws.tokens.setRows(n * len);
        float[] xd = input.data();
        float[] td = tokens.data();
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int t = 0; t < len; t++) {
                    td[tokens.rowOffset(i * len + t) + ch] = xd[input.rowOffset(i) + ch * len + t];
                }
            }
        }
        Matrix e = embed.forward(tokens, ws.embed);
        Matrix x = ws.embedded.setRows(n * len).copyFrom(e);
        for (int i = 0; i < n; i++) {
            Ops.kernels().axpy(len * cfg.model(), 1f, positions.data(), 0, x.data(),
                    x.rowOffset(i * len));
        }
        for (int b = 0; b < layers.length; b++) {
            x = layers[b].forward(x, x, null, ws.layers[b]);
        }
        Matrix mean = ws.mean.setRows(n);
        mean.fill(0f);
        float inv = 1f / len;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                Ops.kernels().axpy(cfg.model(), inv, x.data(), x.rowOffset(i * len + t),
                        mean.data(), mean.rowOffset(i));
            }
        }
        ws.output = head.forward(mean, ws.head);
        return ws.output;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkGradOutput(NAME, ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        int len = cfg.length();
        int dm = cfg.model();
        Matrix gm = head.backward(gradOutput, ws.head);
        Matrix gx = ws.gradX.setRows(n * len);
        float inv = 1f / len;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < dm; j++) {
                    gx.data()[gx.rowOffset(i * len + t) + j] = gm.data()[gm.rowOffset(i) + j] * inv;
                }
            }
        }
        for (int b = layers.length - 1; b >= 0; b--) {
            layers[b].backward(gx, ws.layers[b]);
            gx.copyFrom(ws.layers[b].gradQueries());
            Ops.addScaled(1f, ws.layers[b].gradKeys(), gx);
        }
        Matrix gt = embed.backward(gx, ws.embed);
        Matrix dx = ws.gradInput.setRows(n);
        int c = cfg.channels();
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int t = 0; t < len; t++) {
                    dx.data()[dx.rowOffset(i) + ch * len + t] = gt.data()[gt.rowOffset(i * len + t) + ch];
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return NAME + "[" + cfg + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix tokens;
        final Layer.Workspace embed;
        final Matrix embedded;
        final AttentionBlock.Ws[] layers;
        final Matrix mean;
        final Layer.Workspace head;
        final Matrix gradX;
        final Matrix gradInput;
        Matrix input;
        Matrix output;

        Ws(int maxRows, SequenceTransformer s) {
            SequenceTransformerConfig c = s.cfg;
            this.maxRows = maxRows;
            int rows = Math.multiplyExact(maxRows, c.length());
            this.tokens = Matrix.of(rows, c.channels());
            this.embed = s.embed.workspace(rows);
            this.embedded = Matrix.of(rows, c.model());
            this.layers = new AttentionBlock.Ws[c.layers()];
            for (int b = 0; b < layers.length; b++) {
                layers[b] = s.layers[b].workspace(maxRows, c.length(), c.length());
            }
            this.mean = Matrix.of(maxRows, c.model());
            this.head = s.head.workspace(maxRows);
            this.gradX = Matrix.of(rows, c.model());
            this.gradInput = Matrix.of(maxRows, s.inputSize());
        }
    }
}
