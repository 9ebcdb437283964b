package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * The multihead attention block MAB(X, Y) of the Set Transformer (Lee et al. 2019, "Set
 * Transformer", eq. 6–7), a post-norm transformer layer: with rows of D values,
 * <pre>
 *   H = LN₁(X + MHA(X, Y)),    MAB(X, Y) = LN₂(H + f(H·W + b))
 * </pre>
 * where MHA is {@link MultiHeadAttention} (queries X, keys and values Y, masked keys allowed),
 * LN are {@link LayerNorm}s and f the activation. X and Y are grouped as in
 * {@link MultiHeadAttention}; the output has X's shape. MAB(X, X) is self-attention: pass the
 * same matrix twice and add {@link Ws#gradKeys()} to {@link Ws#gradQueries()} after backward.
 */
public final class AttentionBlock {

    private final MultiHeadAttention attention;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dense feedForward;
    private final ActivationLayer activation;
    private final List<Param> params;

    private AttentionBlock(String name, int model, int heads, Activation f,
                           UniformRandomProvider rng) {
        this.attention = MultiHeadAttention.of(name + ".attention", model, heads, rng);
        this.norm1 = LayerNorm.of(name + ".norm1", model);
        this.feedForward = Dense.of(name + ".ff", model, model, Init.forActivation(f), rng);
        this.activation = ActivationLayer.of(f, model);
        this.norm2 = LayerNorm.of(name + ".norm2", model);
        List<Param> all = new java.util.ArrayList<>(attention.params());
        all.addAll(Sequential.of(norm1, feedForward, norm2).params());
        this.params = List.copyOf(all);
    }

    /** A block of width D = model with the given heads and feed-forward activation. */
    public static AttentionBlock of(String name, int model, int heads, Activation f,
                                    UniformRandomProvider rng) {
        if (f == null) {
            throw new IllegalArgumentException(name + ": activation must not be null");
        }
        return new AttentionBlock(name, model, heads, f, rng);
    }

    public int model() {
        return attention.model();
    }

    public List<Param> params() {
        return params;
    }

    /** Buffers for up to maxGroups groups of n_q query rows and n_k key rows. */
    public Ws workspace(int maxGroups, int queriesPerGroup, int keysPerGroup) {
        return new Ws(this, maxGroups, queriesPerGroup, keysPerGroup);
    }

    /** MAB(queries, keys), keys masked by keyValid (null: none masked). */
    public Matrix forward(Matrix queries, Matrix keys, boolean[] keyValid, Ws ws) {
        if (ws == null || ws.owner != this) {
            throw new IllegalArgumentException("attention block: foreign workspace");
        }
        Matrix a = attention.forward(queries, keys, keyValid, ws.attention);
        Matrix z1 = ws.sum1.setRows(a.rows()).copyFrom(a);
        Ops.addScaled(1f, queries, z1);
        Matrix h = norm1.forward(z1, ws.norm1);
        Matrix f = activation.forward(feedForward.forward(h, ws.ff), ws.act);
        Matrix z2 = ws.sum2.setRows(f.rows()).copyFrom(f);
        Ops.addScaled(1f, h, z2);
        return norm2.forward(z2, ws.norm2);
    }

    /** Accumulates parameter gradients; dL/dX and dL/dY are then in the workspace. */
    public void backward(Matrix gradOutput, Ws ws) {
        if (ws == null || ws.owner != this) {
            throw new IllegalArgumentException("attention block: foreign workspace");
        }
        Matrix dz2 = norm2.backward(gradOutput, ws.norm2);
        Matrix dh = ws.gradH.setRows(dz2.rows()).copyFrom(dz2);
        Ops.addScaled(1f, feedForward.backward(activation.backward(dz2, ws.act), ws.ff), dh);
        Matrix dz1 = norm1.backward(dh, ws.norm1);
        attention.backward(dz1, ws.attention);
        Ops.addScaled(1f, dz1, ws.attention.gradQueries());
    }

    /** Buffers of one block. */
    public static final class Ws {
        final AttentionBlock owner;
        final MultiHeadAttention.Ws attention;
        final Layer.Workspace norm1;
        final Layer.Workspace ff;
        final Layer.Workspace act;
        final Layer.Workspace norm2;
        final Matrix sum1;
        final Matrix sum2;
        final Matrix gradH;

        Ws(AttentionBlock b, int maxGroups, int nq, int nk) {
            this.owner = b;
            this.attention = b.attention.workspace(maxGroups, nq, nk);
            int rows = Math.multiplyExact(maxGroups, nq);
            this.norm1 = b.norm1.workspace(rows);
            this.ff = b.feedForward.workspace(rows);
            this.act = b.activation.workspace(rows);
            this.norm2 = b.norm2.workspace(rows);
            this.sum1 = Matrix.of(rows, b.model());
            this.sum2 = Matrix.of(rows, b.model());
            this.gradH = Matrix.of(rows, b.model());
        }

        /** dL/dX of the last backward. */
        public Matrix gradQueries() {
            return attention.gradQueries();
        }

        /** dL/dY of the last backward. */
        public Matrix gradKeys() {
            return attention.gradKeys();
        }
    }
}
