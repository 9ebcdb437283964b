package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017, "Attention is all you need") of
 * groups of query rows over groups of key rows, with a mask on the keys.
 *
 * <p>Shapes: the queries are G·n_q rows of D values (group g = rows [g·n_q, (g+1)·n_q)), the keys
 * G·n_k rows of D values, grouped the same way; queries of group g attend only to keys of group
 * g (one set, or one sequence, per group). With h heads of width d = D/h, head slices Q_j, K_j,
 * V_j (columns [j·d, (j+1)·d)) of Q = X_q·W_q + b_q, K = X_k·W_k, V = X_k·W_v + b_v (no key
 * bias: it would shift each query's scores by a constant, which the softmax cancels):
 * <pre>
 *   A_j = softmax_rows(Q_j·K_jᵀ/√d  with masked keys at −∞),   O_j = A_j·V_j,
 *   out = [O_1 … O_h]·W_o + b_o                                   (G·n_q)×D
 * </pre>
 * A masked key (keyValid[r] false) gets weight exactly 0, so neither its value nor its gradient
 * matters; every group needs at least one valid key. Backward, with dO_j the slices of
 * dout·W_oᵀ: dA = dO_j·V_jᵀ, dS = A ⊙ (dA − rowsum(A ⊙ dA))/√d, dQ_j = dS·K_j,
 * dK_j = dSᵀ·Q_j, dV_j = A_jᵀ·dO_j, then the projections' gradients as in {@link Dense}. The
 * gradients with respect to both inputs are kept apart ({@link Ws#gradQueries},
 * {@link Ws#gradKeys}): for self-attention (X_q = X_k) the caller adds them.
 *
 * <p>Groups are split over the kernels' threads ({@link Kernels#forRanges}); each group is
 * computed alone, so the bits do not depend on the split. Workspaces hold everything; calls
 * allocate nothing.
 */
public final class MultiHeadAttention {

    private static final Kernels K = Ops.kernels();

    private final String name;
    private final int model;
    private final int heads;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense out;
    private final List<Param> params;

    private MultiHeadAttention(String name, int model, int heads, UniformRandomProvider rng) {
        this.name = name;
        this.model = model;
        this.heads = heads;
        this.query = Dense.of(name + ".query", model, model, Init.GLOROT_UNIFORM, rng);
        this.key = Dense.of(name + ".key", model, model, Init.GLOROT_UNIFORM, rng);
        this.value = Dense.of(name + ".value", model, model, Init.GLOROT_UNIFORM, rng);
        this.out = Dense.of(name + ".out", model, model, Init.GLOROT_UNIFORM, rng);
        // no key bias: q·(k + b) shifts a query's scores by q·b alike, which the softmax cancels
        this.params = List.of(query.weight(), query.bias(), key.weight(), value.weight(),
                value.bias(), out.weight(), out.bias());
    }

    /**
     * Attention of width D = model with the given number of heads (D divisible by it); the four
     * projections are Glorot-uniform, biases zero, drawn in the order query, key, value, out.
     */
    public static MultiHeadAttention of(String name, int model, int heads,
                                        UniformRandomProvider rng) {
        if (name == null || rng == null) {
            throw new IllegalArgumentException("attention needs a name and an RNG");
        }
        Shapes.checkPositive(name + ": model width", model);
        Shapes.checkPositive(name + ": heads", heads);
        if (model % heads != 0) {
            throw new IllegalArgumentException(name + ": model width " + model
                    + " is not divisible by " + heads + " heads");
        }
        return new MultiHeadAttention(name, model, heads, rng);
    }

    public int model() {
        return model;
    }

    public int heads() {
        return heads;
    }

    /** W_q, b_q, W_k, W_v, b_v, W_o, b_o. */
    public List<Param> params() {
        return params;
    }

    /** Buffers for up to maxGroups groups of n_q queries and n_k keys. */
    public Ws workspace(int maxGroups, int queriesPerGroup, int keysPerGroup) {
        Shapes.checkPositive(name + ": maxGroups", maxGroups);
        Shapes.checkPositive(name + ": queries per group", queriesPerGroup);
        Shapes.checkPositive(name + ": keys per group", keysPerGroup);
        return new Ws(this, maxGroups, queriesPerGroup, keysPerGroup);
    }

    /**
     * The attention output for queries (G·n_q rows) over keys (G·n_k rows); keyValid (null: all
     * valid) marks the keys that may be attended to. keyValid is read again by backward.
     */
    public Matrix forward(Matrix queries, Matrix keys, boolean[] keyValid, Ws ws) {
        if (ws == null || ws.owner != this) {
            throw new IllegalArgumentException(name + ": workspace was not made by this layer");
        }
        int g = groups(queries, keys, ws);
        if (keyValid != null && keyValid.length < g * ws.nk) {
            throw new IllegalArgumentException(name + ": key mask of length " + keyValid.length
                    + " for " + (g * ws.nk) + " keys");
        }
        ws.groups = g;
        ws.valid = keyValid;
        Matrix q = query.forward(queries, ws.qWs);
        Matrix k = key.forward(keys, ws.kWs);
        Matrix v = value.forward(keys, ws.vWs);
        ws.q = q;
        ws.k = k;
        ws.v = v;
        ws.backward = false;
        ws.o.setRows(g * ws.nq);
        ws.runGroups();
        return out.forward(ws.o, ws.oWs);
    }

    /** Given dL/dout, accumulates parameter gradients and fills gradQueries and gradKeys. */
    public void backward(Matrix gradOutput, Ws ws) {
        if (ws == null || ws.owner != this || ws.q == null) {
            throw new IllegalStateException(name + ": backward needs a forward on this workspace");
        }
        ws.dO = out.backward(gradOutput, ws.oWs);
        ws.dq.setRows(ws.groups * ws.nq);
        ws.dk.setRows(ws.groups * ws.nk);
        ws.dv.setRows(ws.groups * ws.nk);
        ws.backward = true;
        ws.runGroups();
        Matrix gq = query.backward(ws.dq, ws.qWs);
        ws.gradQueries = ws.gradQ.setRows(gq.rows()).copyFrom(gq);
        Matrix gk = key.backward(ws.dk, ws.kWs);
        Matrix gv = value.backward(ws.dv, ws.vWs);
        ws.gradKeys = ws.gradK.setRows(gk.rows()).copyFrom(gk);
        Ops.addScaled(1f, gv, ws.gradKeys);
    }

    private int groups(Matrix queries, Matrix keys, Ws ws) {
        if (queries.cols() != model || keys.cols() != model) {
            throw new IllegalArgumentException(name + ": queries " + queries.shape() + " and keys "
                    + keys.shape() + " must have " + model + " columns");
        }
        if (queries.rows() % ws.nq != 0 || keys.rows() != queries.rows() / ws.nq * ws.nk
                || queries.rows() / ws.nq > ws.maxGroups) {
            throw new IllegalArgumentException(name + ": " + queries.rows() + " queries and "
                    + keys.rows() + " keys do not form at most " + ws.maxGroups + " groups of "
                    + ws.nq + " queries and " + ws.nk + " keys");
        }
        return queries.rows() / ws.nq;
    }

    /** Group gr, forward: per head S = Q_j·K_jᵀ/√d, masked softmax, O_j = A·V_j. */
    private void forwardGroup(Ws ws, int gr, AttentionHead h) {
        int nq = ws.nq;
        int nk = ws.nk;
        int d = model / heads;
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int j = 0; j < heads; j++) {
            h.gather(ws.q, gr * nq, nq, j, h.qh);
            h.gather(ws.k, gr * nk, nk, j, h.kh);
            h.gather(ws.v, gr * nk, nk, j, h.vh);
            int a = ((gr * heads) + j) * nq * nk;
            K.gemmNT(nq, nk, d, scale, h.qh, 0, h.kh, 0, 0f, ws.attn, a);
            h.softmax(ws.attn, a, nq, nk, ws.valid, gr * nk);
            K.gemmNN(nq, d, nk, 1f, ws.attn, a, h.vh, 0, 0f, h.oh, 0);
            h.scatter(h.oh, ws.o, gr * nq, nq, j);
        }
    }

    /** Group gr, backward through the softmax and the head products. */
    private void backwardGroup(Ws ws, int gr, AttentionHead h) {
        int nq = ws.nq;
        int nk = ws.nk;
        int d = model / heads;
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int j = 0; j < heads; j++) {
            h.gather(ws.q, gr * nq, nq, j, h.qh);
            h.gather(ws.k, gr * nk, nk, j, h.kh);
            h.gather(ws.v, gr * nk, nk, j, h.vh);
            h.gather(ws.dO, gr * nq, nq, j, h.oh);
            int a = ((gr * heads) + j) * nq * nk;
            K.gemmNT(nq, nk, d, 1f, h.oh, 0, h.vh, 0, 0f, h.ds, 0); // dA
            K.gemmTN(nk, d, nq, 1f, ws.attn, a, h.oh, 0, 0f, h.dvh, 0); // dV = Aᵀ·dO
            h.softmaxBackward(ws.attn, a, nq, nk, scale);
            K.gemmNN(nq, d, nk, 1f, h.ds, 0, h.kh, 0, 0f, h.oh, 0); // dQ = dS·K
            h.scatter(h.oh, ws.dq, gr * nq, nq, j);
            K.gemmTN(nk, d, nq, 1f, h.ds, 0, h.qh, 0, 0f, h.oh, 0); // dK = dSᵀ·Q (nk×d)
            h.scatter(h.oh, ws.dk, gr * nk, nk, j);
            h.scatter(h.dvh, ws.dv, gr * nk, nk, j);
        }
    }

    @Override
    public String toString() {
        return "MultiHeadAttention[" + name + ", D=" + model + ", heads=" + heads + "]";
    }

    /** Buffers of one attention; also the per-group task run on the kernels' threads. */
    public static final class Ws implements Kernels.RangeTask {
        final MultiHeadAttention owner;
        final int maxGroups;
        final int nq;
        final int nk;
        final Layer.Workspace qWs;
        final Layer.Workspace kWs;
        final Layer.Workspace vWs;
        final Layer.Workspace oWs;
        final Matrix o;
        final Matrix dq;
        final Matrix dk;
        final Matrix dv;
        final Matrix gradQ;
        final Matrix gradK;
        final float[] attn;
        final AttentionHead[] parts;
        Matrix q;
        Matrix k;
        Matrix v;
        Matrix dO;
        Matrix gradQueries;
        Matrix gradKeys;
        boolean[] valid;
        boolean backward;
        int groups;

        Ws(MultiHeadAttention m, int maxGroups, int nq, int nk) {
            this.owner = m;
            this.maxGroups = maxGroups;
            this.nq = nq;
            this.nk = nk;
            int rq = Math.multiplyExact(maxGroups, nq);
            int rk = Math.multiplyExact(maxGroups, nk);
            this.qWs = m.query.workspace(rq);
            this.kWs = m.key.workspace(rk);
            this.vWs = m.value.workspace(rk);
            this.oWs = m.out.workspace(rq);
            this.o = Matrix.of(rq, m.model);
            this.dq = Matrix.of(rq, m.model);
            this.dk = Matrix.of(rk, m.model);
            this.dv = Matrix.of(rk, m.model);
            this.gradQ = Matrix.of(rq, m.model);
            this.gradK = Matrix.of(rk, m.model);
            this.attn = new float[Math.multiplyExact(Math.multiplyExact(rq, nk), m.heads)];
            this.parts = new AttentionHead[Math.max(1, K.parallelism())];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = new AttentionHead(nq, nk, m.model, m.heads);
            }
        }

        /** dL/d(queries) of the last backward ((G·n_q)×D, owned by this workspace). */
        public Matrix gradQueries() {
            return gradQueries;
        }

        /** dL/d(keys) of the last backward ((G·n_k)×D, owned by this workspace). */
        public Matrix gradKeys() {
            return gradKeys;
        }

        /** All groups, on the kernels' threads unless the work is small. */
        void runGroups() {
            if (4L * groups * nq * nk * owner.model < Conv2d.MIN_PARALLEL_FLOPS) {
                run(0, 0, groups);
            } else {
                K.forRanges(groups, 1, this);
            }
        }

        @Override
        public void run(int part, int from, int to) {
            AttentionHead h = parts[part];
            for (int gr = from; gr < to; gr++) {
                if (backward) {
                    owner.backwardGroup(this, gr, h);
                } else {
                    owner.forwardGroup(this, gr, h);
                }
            }
        }
    }
}
