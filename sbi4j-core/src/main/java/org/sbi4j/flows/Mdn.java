package org.sbi4j.flows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Mixture density network (Bishop 1994): q(θ | x) = Σ_k π_k(x)·N(θ; μ_k(x), (U_kᵀU_k)⁻¹) with K
 * full-covariance components parameterised, as in pyknos/sbi, by the upper-triangular Cholesky
 * factor U_k of the precision, diagonal exp(r_ii) &gt; 0:
 * <pre>
 *   log N_k(θ) = −(D/2)·log 2π + Σ_i r_k,ii − ½‖U_k(θ − μ_k)‖²,   π = softmax(a)
 * </pre>
 * A network (any {@link Layer} from C context columns) outputs per row, in order: the K logits
 * a, the K·D means, and for each k the D raw diagonals r_k then the D(D−1)/2 strict-upper entries
 * of U_k row by row. Sampling: k ~ π, θ = μ_k + U_k⁻¹ε with ε ~ N(0, I).
 */
public final class Mdn implements ConditionalDensityEstimator {

    private final Layer net;
    private final int k;
    private final int d;
    private final int perComponent;

    private Mdn(Layer net, int components, int features) {
        this.net = net;
        this.k = components;
        this.d = features;
        this.perComponent = features * (features + 1) / 2;
    }

    /** Network outputs needed for K components on D features: K·(1 + D + D(D+1)/2). */
    public static int outputSize(int components, int features) {
        return components * (1 + features + features * (features + 1) / 2);
    }

    /** An MDN with the given network (C inputs, {@link #outputSize} outputs). */
    public static Mdn of(Layer net, int components, int features) {
        if (components < 1 || features < 1) {
            throw new IllegalArgumentException("MDN needs components >= 1 and features >= 1: "
                    + components + ", " + features);
        }
        if (net.outputSize() != outputSize(components, features)) {
            throw new IllegalArgumentException("network has " + net.outputSize()
                    + " outputs, an MDN with " + components + " components on " + features
                    + " features needs " + outputSize(components, features));
        }
        return new Mdn(net, components, features);
    }

    public int components() {
        return k;
    }

    public Layer network() {
        return net;
    }

    @Override
    public int thetaSize() {
        return d;
    }

    @Override
    public int contextSize() {
        return net.inputSize();
    }

    @Override
    public List<Param> params() {
        return net.params();
    }

    private record Ws(int maxRows, Layer.Workspace nws, Matrix gOut, double[] logp, double[] y,
                      float[] logProb, Matrix context) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("workspace needs maxRows >= 1: " + maxRows);
        }
        return new Ws(maxRows, net.workspace(maxRows), Matrix.of(maxRows, net.outputSize()),
                new double[k], new double[k * d], new float[maxRows],
                Matrix.of(maxRows, contextSize()));
    }

    private int meanOff(int c) {
        return k + c * d;
    }

    private int factorOff(int c) {
        return k + k * d + c * perComponent;
    }

    /** Index (relative to the factor block) of the strict-upper entry (i, j), i &lt; j. */
    private int upper(int i, int j) {
        return d + i * d - i * (i + 1) / 2 + (j - i - 1);
    }

    /**
     * For row values o (network output at off) and θ (at t): fills logp[c] = log π_c + log N_c
     * and y_c = U_c(θ − μ_c); returns log q.
     */
    private double mixture(float[] o, int off, float[] th, int t, double[] logp, double[] y) {
        double amax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            amax = Math.max(amax, o[off + c]);
        }
        double asum = 0;
        for (int c = 0; c < k; c++) {
            asum += Math.exp(o[off + c] - amax);
        }
        double logNorm = amax + Math.log(asum);
        for (int c = 0; c < k; c++) {
            int mo = off + meanOff(c);
            int fo = off + factorOff(c);
            double lp = o[off + c] - logNorm - d * StandardNormal.LOG_SQRT_2PI;
            for (int i = 0; i < d; i++) {
                double r = o[fo + i];
                double v = Math.exp(r) * (th[t + i] - o[mo + i]);
                for (int j = i + 1; j < d; j++) {
                    v += o[fo + upper(i, j)] * (th[t + j] - o[mo + j]);
                }
                y[c * d + i] = v;
                lp += r - 0.5 * v * v;
            }
            logp[c] = lp;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            m = Math.max(m, logp[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(logp[c] - m);
        }
        return m + Math.log(s);
    }

    private Matrix outputs(Matrix theta, Matrix context, Ws ws) {
        if (theta.cols() != d || theta.rows() > ws.maxRows || context == null
                || context.cols() != contextSize() || context.rows() != theta.rows()) {
            throw new IllegalArgumentException("theta " + theta.shape() + " and context "
                    + (context == null ? "null" : context.shape()) + " do not fit an MDN on "
                    + d + " features with " + contextSize() + " context columns and a "
                    + ws.maxRows + "-row workspace");
        }
        return net.forward(context, ws.nws);
    }

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix o = outputs(theta, context, ws);
        for (int i = 0; i < theta.rows(); i++) {
            out[i] = (float) mixture(o.data(), o.rowOffset(i), theta.data(), theta.rowOffset(i),
                    ws.logp, ws.y);
        }
    }

    /** L = −Σ w_i·log q_i, with w_i = 1/n when weights is null. */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        Ws ws = (Ws) workspace;
        ConditionalDensityEstimator.checkWeights(weights, theta.rows());
        Matrix o = outputs(theta, context, ws);
        int n = theta.rows();
        Matrix g = ws.gOut.setRows(n);
        float[] a = o.data();
        float[] th = theta.data();
        double inv = 1.0 / n;
        double loss = 0;
        for (int row = 0; row < n; row++) {
            int off = o.rowOffset(row);
            int go = g.rowOffset(row);
            int t = theta.rowOffset(row);
            double lq = mixture(a, off, th, t, ws.logp, ws.y);
            double w = weights == null ? inv : weights[row];
            loss -= weights == null ? lq : w * lq;
            gradRow(a, off, th, t, lq, w, ws, g.data(), go);
        }
        Matrix gIn = net.backward(g, ws.nws);
        if (gradContext != null) {
            gradContext.copyFrom(gIn);
        }
        return (float) (weights == null ? loss * inv : loss);
    }

    /** Writes dL/d(output row) for L = −scale·log q, given the mixture terms in ws. */
    private void gradRow(float[] o, int off, float[] th, int t, double lq, double scale, Ws ws,
                         float[] g, int go) {
        double amax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            amax = Math.max(amax, o[off + c]);
        }
        double asum = 0;
        for (int c = 0; c < k; c++) {
            asum += Math.exp(o[off + c] - amax);
        }
        for (int c = 0; c < k; c++) {
            double w = Math.exp(ws.logp[c] - lq); // responsibility
            double pi = Math.exp(o[off + c] - amax) / asum;
            g[go + c] = (float) (scale * (pi - w));
            int mo = off + meanOff(c);
            int fo = off + factorOff(c);
            int gm = go + meanOff(c);
            int gf = go + factorOff(c);
            double[] y = ws.y;
            int yo = c * d;
            // dL/dμ_j = −w·(U_cᵀ y)_j; dL/dU_ij = w·y_i·(θ_j − μ_j); dL/dr_ii = −w·(1 − y_i·U_ii·δ_i)
            for (int j = 0; j < d; j++) {
                double uty = Math.exp(o[fo + j]) * y[yo + j];
                for (int i = 0; i < j; i++) {
                    uty += o[fo + upper(i, j)] * y[yo + i];
                }
                g[gm + j] = (float) (-scale * w * uty);
            }
            for (int i = 0; i < d; i++) {
                double yi = y[yo + i];
                double di = th[t + i] - o[mo + i];
                g[gf + i] = (float) (-scale * w * (1 - yi * Math.exp(o[fo + i]) * di));
                for (int j = i + 1; j < d; j++) {
                    g[gf + upper(i, j)] = (float) (scale * w * yi * (th[t + j] - o[mo + j]));
                }
            }
        }
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace workspace) {
        Ws ws = (Ws) workspace;
        if (perContext < 0 || contexts == null || contexts.cols() != contextSize()) {
            throw new IllegalArgumentException("cannot draw " + perContext + " per context for "
                    + (contexts == null ? "null" : contexts.shape()) + " contexts with "
                    + contextSize() + " columns");
        }
        int m = contexts.rows();
        int total = Math.multiplyExact(m, perContext);
        Matrix out = Matrix.of(total, d);
        float[] lp = new float[total];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] eps = new double[d];
        for (int start = 0; start < total; start += ws.maxRows) {
            int n = Math.min(ws.maxRows, total - start);
            Matrix ctx = ws.context.setRows(n);
            for (int i = 0; i < n; i++) {
                System.arraycopy(contexts.data(), contexts.rowOffset((start + i) / perContext),
                        ctx.data(), ctx.rowOffset(i), ctx.cols());
            }
            Matrix o = net.forward(ctx, ws.nws);
            for (int i = 0; i < n; i++) {
                int off = o.rowOffset(i);
                int c = pick(o.data(), off, rng.nextDouble());
                for (int j = 0; j < d; j++) {
                    eps[j] = gauss.sample();
                }
                int row = out.rowOffset(start + i);
                solve(o.data(), off, c, eps, out.data(), row);
                lp[start + i] = (float) mixture(o.data(), off, out.data(), row, ws.logp, ws.y);
            }
        }
        return new Samples(out, lp);
    }

    /** The component c with cumulative softmax weight passing u. */
    private int pick(float[] o, int off, double u) {
        double amax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            amax = Math.max(amax, o[off + c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(o[off + c] - amax);
        }
        double acc = 0;
        for (int c = 0; c < k - 1; c++) {
            acc += Math.exp(o[off + c] - amax) / s;
            if (u < acc) {
                return c;
            }
        }
        return k - 1;
    }

    /** θ = μ_c + U_c⁻¹ε by back substitution, written at out[row..]. */
    private void solve(float[] o, int off, int c, double[] eps, float[] out, int row) {
        int mo = off + meanOff(c);
        int fo = off + factorOff(c);
        for (int i = d - 1; i >= 0; i--) {
            double s = eps[i];
            for (int j = i + 1; j < d; j++) {
                s -= o[fo + upper(i, j)] * (out[row + j] - o[mo + j]);
            }
            out[row + i] = (float) (o[mo + i] + s / Math.exp(o[fo + i]));
        }
    }
}
