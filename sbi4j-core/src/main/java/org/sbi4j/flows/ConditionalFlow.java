package org.sbi4j.flows;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

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

    private record Ws(int maxRows, ConditionalTransform.Workspace tws, float[] logAbsDet,
                      float[] logProb, float[] gradLogAbsDet, Matrix gradZ, Matrix z,
                      Matrix context) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("workspace needs maxRows >= 1: " + maxRows);
        }
        int d = thetaSize();
        return new Ws(maxRows, transform.workspace(maxRows), new float[maxRows],
                new float[maxRows], new float[maxRows], Matrix.of(maxRows, d),
                Matrix.of(maxRows, d), Matrix.of(maxRows, contextSize()));
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

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix z = toBase(theta, context, ws);
        StandardNormal.logProb(z, out);
        for (int i = 0; i < theta.rows(); i++) {
            out[i] += ws.logAbsDet[i];
        }
    }

    @Override
    public float lossAndGradient(Matrix theta, Matrix context, Matrix gradContext,
                                 Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        Matrix z = toBase(theta, context, ws);
        StandardNormal.logProb(z, ws.logProb);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss -= ws.logProb[i] + ws.logAbsDet[i];
        }
        // L = −(1/n)·Σ [log N(z_i) + logAbsDet_i]: dL/dz = z/n, dL/dlogAbsDet = −1/n
        float inv = 1f / n;
        Matrix gz = ws.gradZ.setRows(n);
        float[] a = z.data();
        float[] g = gz.data();
        int d = z.cols();
        for (int i = 0; i < n; i++) {
            int zo = z.rowOffset(i);
            int go = gz.rowOffset(i);
            for (int j = 0; j < d; j++) {
                g[go + j] = a[zo + j] * inv;
            }
        }
        Arrays.fill(ws.gradLogAbsDet, 0, n, -inv);
        if (gradContext != null) {
            gradContext.fill(0f);
        }
        transform.backward(gz, ws.gradLogAbsDet, gradContext, ws.tws);
        return (float) (loss / n);
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
        int d = thetaSize();
        Matrix out = Matrix.of(total, d);
        for (int start = 0; start < total; start += ws.maxRows) {
            int n = Math.min(ws.maxRows, total - start);
            Matrix ctx = ws.context.setRows(n);
            for (int i = 0; c > 0 && i < n; i++) {
                System.arraycopy(contexts.data(), contexts.rowOffset((start + i) / perContext),
                        ctx.data(), ctx.rowOffset(i), c);
            }
            Matrix z = ws.z.setRows(n);
            StandardNormal.sample(z, rng);
            float[] ld = null;
            if (logProb != null) {
                ld = ws.logAbsDet;
                Arrays.fill(ld, 0, n, 0f);
                StandardNormal.logProb(z, ws.logProb);
            }
            Matrix theta = transform.inverse(z, ctx, ld, ws.tws);
            System.arraycopy(theta.data(), theta.offset(), out.data(), start * d, n * d);
            if (logProb != null) {
                for (int i = 0; i < n; i++) {
                    logProb[start + i] = ws.logProb[i] + ld[i];
                }
            }
        }
        return out;
    }
}
