package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * A permutation-invariant embedding of a set of i.i.d. trials by attention (Lee et al. 2019,
 * "Set Transformer: a framework for attention-based permutation-invariant neural networks"):
 * <pre>
 *   X₀ = trials·W_e + b_e                                  (each trial d → D)
 *   ISAB_b:  H = MAB(I_b, X_b),   X_{b+1} = MAB(X_b, H)    (I_b: m learned inducing points)
 *   PMA:     Z = MAB(S, X_B)                               (S: k learned seeds)
 *   e = head([Z₁ … Z_k, m_valid/T])
 * </pre>
 * with {@link AttentionBlock} as MAB. Shapes: an input row holds T = maxTrials trials of d
 * values, trial-major, NaN-padded as for {@link DeepSets} (a padding trial is all NaN); the
 * output is n×outputs. Padding trials are masked keys in every attention over the trials, so
 * they get weight exactly 0 and their input gradient is 0; as in DeepSets the head also receives
 * the share of valid trials m_valid/T, on which the posterior's width depends. ISAB is
 * permutation equivariant and PMA invariant, so e does not depend on the order of the trials or
 * on where the padding sits (up to the rounding of sums taken in another order).
 *
 * <p>Cost per set: O(T·m·D) per ISAB block instead of self-attention's O(T²·D). Parameters:
 * "embed", "isab<i>b</i>.inducing", "isab<i>b</i>.mab0/1.*", "pma.seeds", "pma.mab.*",
 * "head.dense<i>k</i>"; inducing points and seeds are Glorot-uniform.
 */
public final class SetTransformer implements Layer {

    private static final String NAME = "SetTransformer";

    private final SetTransformerConfig cfg;
    private final Dense embed;
    private final Param[] inducing;
    private final AttentionBlock[] toInducing;
    private final AttentionBlock[] fromInducing;
    private final Param seeds;
    private final AttentionBlock pool;
    private final Sequential head;
    private final List<Param> params;

    private SetTransformer(SetTransformerConfig c, UniformRandomProvider rng) {
        this.cfg = c;
        int dm = c.model();
        this.embed = Dense.of("embed", c.trialDim(), dm, Init.GLOROT_UNIFORM, rng);
        this.inducing = new Param[c.blocks()];
        this.toInducing = new AttentionBlock[c.blocks()];
        this.fromInducing = new AttentionBlock[c.blocks()];
        List<Param> all = new ArrayList<>(embed.params());
        for (int b = 0; b < c.blocks(); b++) {
            inducing[b] = Param.of("isab" + b + ".inducing", c.inducingPoints(), dm);
            Init.GLOROT_UNIFORM.fill(inducing[b].value(), rng);
            toInducing[b] = AttentionBlock.of("isab" + b + ".mab0", dm, c.heads(),
                    c.activation(), rng);
            fromInducing[b] = AttentionBlock.of("isab" + b + ".mab1", dm, c.heads(),
                    c.activation(), rng);
            all.add(inducing[b]);
            all.addAll(toInducing[b].params());
            all.addAll(fromInducing[b].params());
        }
        this.seeds = Param.of("pma.seeds", c.seeds(), dm);
        Init.GLOROT_UNIFORM.fill(seeds.value(), rng);
        this.pool = AttentionBlock.of("pma.mab", dm, c.heads(), c.activation(), rng);
        this.head = DenseStack.of("head", c.seeds() * dm + 1, c.head(), c.outputs(),
                c.activation(), rng);
        all.add(seeds);
        all.addAll(pool.params());
        all.addAll(head.params());
        this.params = List.copyOf(all);
    }

    /** The Set Transformer of the configuration, weights drawn from rng. */
    public static SetTransformer of(SetTransformerConfig config, UniformRandomProvider rng) {
        if (config == null || rng == null) {
            throw new IllegalArgumentException(NAME + " needs a configuration and an RNG");
        }
        return new SetTransformer(config, rng);
    }

    public SetTransformerConfig config() {
        return cfg;
    }

    @Override
    public int inputSize() {
        return cfg.maxTrials() * cfg.trialDim();
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
        int n = input.rows();
        int t = cfg.maxTrials();
        Matrix tokens = ws.tokens.setRows(n * t);
        SetRows.stack(NAME, input, t, cfg.trialDim(), tokens, ws.valid, ws.count);
        ws.input = input;
        Matrix x = embed.forward(tokens, ws.embed);
        for (int b = 0; b < cfg.blocks(); b++) {
            Matrix ib = SetRows.broadcast(inducing[b], n, ws.inducing[b]);
            Matrix h = toInducing[b].forward(ib, x, ws.valid, ws.toInducing[b]);
            x = fromInducing[b].forward(x, h, null, ws.fromInducing[b]);
        }
        Matrix s = SetRows.broadcast(seeds, n, ws.seeds);
        Matrix z = pool.forward(s, x, ws.valid, ws.pool);
        Matrix pooled = ws.pooled.setRows(n);
        int width = cfg.seeds() * cfg.model();
        for (int i = 0; i < n; i++) {
            System.arraycopy(z.data(), z.rowOffset(i * cfg.seeds()), pooled.data(),
                    pooled.rowOffset(i), width);
            pooled.data()[pooled.rowOffset(i) + width] = (float) ws.count[i] / t;
        }
        ws.output = head.forward(pooled, ws.head);
        return ws.output;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkGradOutput(NAME, ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        Matrix gp = head.backward(gradOutput, ws.head);
        Matrix gz = ws.gradPooled.setRows(n * cfg.seeds());
        int width = cfg.seeds() * cfg.model();
        for (int i = 0; i < n; i++) { // the share column has no gradient
            System.arraycopy(gp.data(), gp.rowOffset(i), gz.data(), gz.rowOffset(i * cfg.seeds()),
                    width);
        }
        pool.backward(gz, ws.pool);
        SetRows.sumGroups(ws.pool.gradQueries(), seeds);
        Matrix gx = ws.gradX.setRows(n * cfg.maxTrials()).copyFrom(ws.pool.gradKeys());
        for (int b = cfg.blocks() - 1; b >= 0; b--) {
            fromInducing[b].backward(gx, ws.fromInducing[b]);
            toInducing[b].backward(ws.fromInducing[b].gradKeys(), ws.toInducing[b]);
            SetRows.sumGroups(ws.toInducing[b].gradQueries(), inducing[b]);
            gx.copyFrom(ws.fromInducing[b].gradQueries());
            Ops.addScaled(1f, ws.toInducing[b].gradKeys(), gx);
        }
        Matrix gt = embed.backward(gx, ws.embed);
        Matrix dx = ws.gradInput.setRows(n);
        SetRows.unstack(gt, ws.valid, cfg.maxTrials(), dx);
        return dx;
    }

    @Override
    public String toString() {
        return NAME + "[" + cfg + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix tokens;
        final boolean[] valid;
        final int[] count;
        final Layer.Workspace embed;
        final Matrix[] inducing;
        final AttentionBlock.Ws[] toInducing;
        final AttentionBlock.Ws[] fromInducing;
        final Matrix seeds;
        final AttentionBlock.Ws pool;
        final Matrix pooled;
        final Layer.Workspace head;
        final Matrix gradPooled;
        final Matrix gradX;
        final Matrix gradInput;
        Matrix input;
        Matrix output;

        Ws(int maxRows, SetTransformer s) {
            SetTransformerConfig c = s.cfg;
            this.maxRows = maxRows;
            int rows = Math.multiplyExact(maxRows, c.maxTrials());
            this.tokens = Matrix.of(rows, c.trialDim());
            this.valid = new boolean[rows];
            this.count = new int[maxRows];
            this.embed = s.embed.workspace(rows);
            this.inducing = new Matrix[c.blocks()];
            this.toInducing = new AttentionBlock.Ws[c.blocks()];
            this.fromInducing = new AttentionBlock.Ws[c.blocks()];
            for (int b = 0; b < c.blocks(); b++) {
                inducing[b] = Matrix.of(maxRows * c.inducingPoints(), c.model());
                toInducing[b] = s.toInducing[b].workspace(maxRows, c.inducingPoints(),
                        c.maxTrials());
                fromInducing[b] = s.fromInducing[b].workspace(maxRows, c.maxTrials(),
                        c.inducingPoints());
            }
            this.seeds = Matrix.of(maxRows * c.seeds(), c.model());
            this.pool = s.pool.workspace(maxRows, c.seeds(), c.maxTrials());
            this.pooled = Matrix.of(maxRows, c.seeds() * c.model() + 1);
            this.head = s.head.workspace(maxRows);
            this.gradPooled = Matrix.of(maxRows * c.seeds(), c.model());
            this.gradX = Matrix.of(rows, c.model());
            this.gradInput = Matrix.of(maxRows, s.inputSize());
        }
    }
}
