package org.sbi4j.flows;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * A conditional normalizing flow q(θ | x) = N(f(θ | x); 0, I)·|det ∂f/∂θ| (Papamakarios et al.
 * 2021, "Normalizing Flows for Probabilistic Modeling and Inference", eq. 2): a transform stack
 * over a standard-normal base. Sampling draws z ~ N(0, I) and returns θ = f⁻¹(z | x).
 */
public final class ConditionalFlow implements ConditionalDensityEstimator {

    private final ConditionalTransform transform;

    private ConditionalFlow(ConditionalTransform transform) {
        this.transform = transform;
    }

    /** The flow with transform f (θ → z) over N(0, I). */
    public static ConditionalFlow of(ConditionalTransform transform) {
        if (transform == null) {
            throw new IllegalArgumentException("transform is null");
        }
        return new ConditionalFlow(transform);
    }

    public ConditionalTransform transform() {
        return transform;
    }

    @Override
    public int thetaSize() {
        return transform.features();
    }

    @Override
    public int contextSize() {
        return transform.contextSize();
    }

    @Override
    public List<Param> params() {
        return transform.params();
    }

    /** Rows per part below which logProb and sampling stay on the calling thread. */
    static final int PARALLEL_BLOCK = 256;
    /** Rows per pass through the network when a call is split: all buffers of a layer stay in L2. */
    static final int CHUNK = 256;

    /** Buffers for maxRows rows, and lazily one more workspace per extra kernel thread. */
    private static final class Ws implements Workspace {
        final int maxRows;
        final ConditionalTransform.Workspace tws;
        final float[] logAbsDet;
        final float[] logProb;
        final float[] gradLogAbsDet;
        final Matrix gradZ;
        final Matrix z;
        final Matrix context;
        private final WorkspaceParts<Ws> parts;

        Ws(ConditionalFlow f, int maxRows) {
            int d = f.thetaSize();
            this.maxRows = maxRows;
            this.tws = f.transform.workspace(maxRows);
            this.logAbsDet = new float[maxRows];
            this.logProb = new float[maxRows];
            this.gradLogAbsDet = new float[maxRows];
            this.gradZ = Matrix.of(maxRows, d);
            this.z = Matrix.of(maxRows, d);
            this.context = Matrix.of(maxRows, f.contextSize());
            this.parts = new WorkspaceParts<>(() -> new Ws(f, Math.min(maxRows, CHUNK)));
        }

        @Override
        public int maxRows() {
            return maxRows;
        }

        /** The workspace of part p of a {@link Ops#kernels()} split (this one for part 0). */
        Ws part(int p) {
            return parts.part(this, p);
        }

        /** Creates the other parts' workspaces (on the caller, before a split), ≤ CHUNK rows. */
        void ensureParts(int count) {
            parts.ensure(count);
        }
    }

    @Override
    public Workspace workspace(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("workspace needs maxRows >= 1: " + maxRows);
        }
        return new Ws(this, maxRows);
    }

    private void check(Matrix theta, Matrix context, Ws ws) {
        if (theta.cols() != thetaSize() || theta.rows() > ws.maxRows) {
            throw new IllegalArgumentException("theta " + theta.shape() + " does not fit a flow on "
                    + thetaSize() + " features with workspace of " + ws.maxRows + " rows");
        }
        if (contextSize() > 0 && (context == null || context.cols() != contextSize()
                || context.rows() != theta.rows())) {
            throw new IllegalArgumentException("context " + (context == null ? "null"
                    : context.shape()) + " does not match theta " + theta.shape()
                    + " with " + contextSize() + " context columns");
        }
    }

    /** z = f(θ | x) and logAbsDet filled; returns z. */
    private Matrix toBase(Matrix theta, Matrix context, Ws ws) {
        check(theta, context, ws);
        Arrays.fill(ws.logAbsDet, 0, theta.rows(), 0f);
        return transform.forward(theta, context, ws.logAbsDet, ws.tws);
    }

    /**
     * out[i] = log q(θ_i | x_i). More than {@link #PARALLEL_BLOCK} rows are split over the
     * kernels' threads, each part in chunks of its workspace; rows are computed independently,
     * so the values do not depend on the split.
     */
    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        check(theta, context, ws);
        int n = theta.rows();
        if (n <= PARALLEL_BLOCK) {
            logProbRows(theta, context, out, 0, ws);
            return;
        }
        ws.ensureParts(Ops.kernels().parallelism());
        Ops.kernels().forRanges(n, PARALLEL_BLOCK, (part, from, to) -> {
            Ws w = ws.part(part);
            for (int s = from; s < to; s += CHUNK) {
                int rows = Math.min(CHUNK, to - s);
                logProbRows(theta.rowView(s, rows),
                        context == null ? null : context.rowView(s, rows), out, s, w);
            }
        });
    }

    private void logProbRows(Matrix theta, Matrix context, float[] out, int outOff, Ws ws) {
        Matrix z = toBase(theta, context, ws);
        StandardNormal.logProb(z, ws.logProb);
        for (int i = 0; i < theta.rows(); i++) {
            out[outOff + i] = ws.logProb[i] + ws.logAbsDet[i];
        }
    }

    /**
     * L = −Σ w_i·[log N(z_i) + logAbsDet_i] with w_i = 1/n when weights is null: dL/dz_i = w_i·z_i,
     * dL/dlogAbsDet_i = −w_i.
     */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        ConditionalDensityEstimator.checkWeights(weights, n);
        Matrix z = toBase(theta, context, ws);
        StandardNormal.logProb(z, ws.logProb);
        float inv = 1f / n;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double lq = ws.logProb[i] + ws.logAbsDet[i];
            loss -= weights == null ? lq : weights[i] * lq;
        }
        Matrix gz = ws.gradZ.setRows(n);
        float[] a = z.data();
        float[] g = gz.data();
        int d = z.cols();
        for (int i = 0; i < n; i++) {
            float w = weights == null ? inv : weights[i];
            int zo = z.rowOffset(i);
            int go = gz.rowOffset(i);
            for (int j = 0; j < d; j++) {
                g[go + j] = a[zo + j] * w;
            }
            ws.gradLogAbsDet[i] = -w;
        }
        if (gradContext != null) {
            gradContext.fill(0f);
        }
        transform.backward(gz, ws.gradLogAbsDet, gradContext, ws.tws);
        return (float) (weights == null ? loss / n : loss);
    }

    /** d log N(z)/dz = −z and d/dlogAbsDet = 1, back through the transforms to θ. */
    @Override
    public boolean logProbGradient(Matrix theta, Matrix context, float[] out, Matrix gradTheta,
                                   Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        if (gradTheta.rows() != n || gradTheta.cols() != thetaSize() || out.length < n) {
            throw new IllegalArgumentException("gradient " + gradTheta.shape() + " and "
                    + out.length + " log-densities for theta " + theta.shape());
        }
        Matrix z = toBase(theta, context, ws);
        StandardNormal.logProb(z, ws.logProb);
        Matrix gz = ws.gradZ.setRows(n);
        for (int i = 0; i < n; i++) {
            out[i] = ws.logProb[i] + ws.logAbsDet[i];
            ws.gradLogAbsDet[i] = 1f;
            for (int j = 0; j < z.cols(); j++) {
                gz.set(i, j, -z.get(i, j));
            }
        }
        gradTheta.copyFrom(transform.backward(gz, ws.gradLogAbsDet, null, ws.tws));
        return true;
    }

    @Override
    public Matrix sample(int perContext, Matrix contexts, UniformRandomProvider rng,
                         Workspace ws) {
        return draw(perContext, contexts, rng, (Ws) ws, null);
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace ws) {
        int m = contexts == null ? 1 : contexts.rows();
        float[] lp = new float[Math.multiplyExact(m, perContext)];
        return new Samples(draw(perContext, contexts, rng, (Ws) ws, lp), lp);
    }

    /**
     * θ = f⁻¹(z | x) for z ~ N(0, I) drawn in row order for all rows first (so the draws do not
     * depend on chunks or threads), then inverted in parts as in {@link #logProb}.
     */
    private Matrix draw(int perContext, Matrix contexts, UniformRandomProvider rng, Ws ws,
                        float[] logProb) {
        int c = contextSize();
        if (perContext < 0) {
            throw new IllegalArgumentException("negative number of samples " + perContext);
        }
        if (c > 0 && (contexts == null || contexts.cols() != c)) {
            throw new IllegalArgumentException("contexts " + (contexts == null ? "null"
                    : contexts.shape()) + " do not have " + c + " columns");
        }
        int m = contexts == null ? 1 : contexts.rows();
        int total = Math.multiplyExact(m, perContext);
        Matrix out = Matrix.of(total, thetaSize());
        StandardNormal.sample(out, rng);
        if (total <= PARALLEL_BLOCK) {
            invertRows(out, 0, total, perContext, contexts, logProb, ws);
            return out;
        }
        ws.ensureParts(Ops.kernels().parallelism());
        Ops.kernels().forRanges(total, PARALLEL_BLOCK, (part, from, to) ->
                invertRows(out, from, to, perContext, contexts, logProb, ws.part(part)));
        return out;
    }

    /** Rows [from, to) of zθ (z in, θ out) in chunks of ws; logProb[i] = log q(θ_i) if not null. */
    private void invertRows(Matrix zTheta, int from, int to, int perContext, Matrix contexts,
                            float[] logProb, Ws ws) {
        int c = contextSize();
        int d = thetaSize();
        int chunk = Math.min(ws.maxRows, CHUNK);
        for (int start = from; start < to; start += chunk) {
            int n = Math.min(chunk, to - start);
            Matrix ctx = ws.context.setRows(n);
            for (int i = 0; c > 0 && i < n; i++) {
                System.arraycopy(contexts.data(), contexts.rowOffset((start + i) / perContext),
                        ctx.data(), ctx.rowOffset(i), c);
            }
            Matrix z = ws.z.setRows(n);
            System.arraycopy(zTheta.data(), start * d, z.data(), z.offset(), n * d);
            float[] ld = null;
            if (logProb != null) {
                ld = ws.logAbsDet;
                Arrays.fill(ld, 0, n, 0f);
                StandardNormal.logProb(z, ws.logProb);
            }
            Matrix theta = transform.inverse(z, ctx, ld, ws.tws);
            System.arraycopy(theta.data(), theta.offset(), zTheta.data(), start * d, n * d);
            if (logProb != null) {
                for (int i = 0; i < n; i++) {
                    logProb[start + i] = ws.logProb[i] + ld[i];
                }
            }
        }
    }
}
