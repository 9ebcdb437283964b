package org.sbi4j.flows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Flow matching posterior estimation (FMPE; Wildberger, Dax et al., NeurIPS 2023; Lipman et al.
 * 2023): q(θ | x) is the law at t = 1 of dθ/dt = v(θ, t, x) started from θ₀ ~ N(0, I), with
 * the {@link VectorField} v trained by conditional flow matching on the Gaussian
 * optimal-transport path
 * <pre>
 *   θ_t = (1 − (1 − σ)t)·θ₀ + t·θ₁,   u = θ₁ − (1 − σ)·θ₀,   L = Σ_i w_i‖v(θ_t,i, t_i, x_i) − u_i‖²
 * </pre>
 * with (θ₁, x) a training pair, t ~ p(t) ∝ t^α, θ₀ ~ N(0, I), σ = σ_min (w_i = 1/n). The noise
 * comes from a generator in the workspace, seeded by {@link #seedLossNoise} (the trainer does so
 * every epoch); the validation loss is the same objective on the validation pairs (cheap, and
 * what early stopping watches), not the negative log-likelihood.
 *
 * <p>Sampling integrates the ODE from 0 to 1 ({@link FlowOde}); the density integrates it back
 * from θ at t = 1 to θ₀ with the divergence: log q(θ | x) = log N(θ₀) − ∫₀¹ ∇·v dt. Hutchinson's
 * probes are drawn per chunk from the estimator's seed (drawn at build), so logProb is a fixed
 * function. Calls above {@link #PARALLEL_BLOCK} rows split into fixed 256-row chunks over the
 * kernels' threads; results do not depend on the thread count.
 */
public final class FlowMatching implements ConditionalDensityEstimator {

    /** Rows per chunk of an ODE integration (and per part below which calls stay unsplit). */
    static final int PARALLEL_BLOCK = 256;
    /** Draws of (t, θ₀) per validation pair. */
    static final int VALIDATION_DRAWS = 4;

    private final VectorField field;
    private final FmpeSettings settings;
    private final FlowOde ode;
    private final long probeSeed;

    private FlowMatching(VectorField field, FmpeSettings settings, long probeSeed) {
        this.field = field;
        this.settings = settings;
        this.ode = new FlowOde(field, settings);
        this.probeSeed = probeSeed;
    }

    /** The estimator with field v; probeSeed seeds Hutchinson's probes. */
    public static FlowMatching of(VectorField field, FmpeSettings settings, long probeSeed) {
        if (field == null || settings == null) {
            throw new IllegalArgumentException("flow matching needs a vector field and settings");
        }
        return new FlowMatching(field, settings, probeSeed);
    }

    public VectorField field() {
        return field;
    }

    public FmpeSettings settings() {
        return settings;
    }

    @Override
    public int thetaSize() {
        return field.thetaSize();
    }

    @Override
    public int contextSize() {
        return field.contextSize();
    }

    @Override
    public List<Param> params() {
        return field.params();
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final VectorField.Ws field;
        final Matrix thetaT;
        final Matrix target;
        final Matrix gradV;
        final float[] times;
        final Matrix y;
        final Matrix context;
        final float[] ell;
        final float[] base;
        FlowOde.Ws ode;
        UniformRandomProvider noise = new XoRoShiRo128PlusPlus(0x1234L, 0x5678L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(noise);
        private final WorkspaceParts<Ws> parts;

        Ws(FlowMatching f, int maxRows) {
            int d = f.thetaSize();
            this.maxRows = maxRows;
            this.field = f.field.workspace(maxRows);
            this.thetaT = Matrix.of(maxRows, d);
            this.target = Matrix.of(maxRows, d);
            this.gradV = Matrix.of(maxRows, d);
            this.times = new float[maxRows];
            int chunk = Math.min(maxRows, PARALLEL_BLOCK);
            this.y = Matrix.of(chunk, d);
            this.context = Matrix.of(chunk, f.contextSize());
            this.ell = new float[chunk];
            this.base = new float[chunk];
            this.parts = new WorkspaceParts<>(() -> new Ws(f, Math.min(maxRows, PARALLEL_BLOCK)));
        }

        @Override
        public int maxRows() {
            return maxRows;
        }

        FlowOde.Ws ode(FlowMatching f) {
            if (ode == null) {
                ode = f.ode.workspace(y.capacityRows());
            }
            return ode;
        }

        Ws part(int p) {
            return parts.part(this, p);
        }

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

    @Override
    public void seedLossNoise(long seed, Workspace workspace) {
        Ws ws = (Ws) workspace;
        ws.noise = new XoRoShiRo128PlusPlus(seed, seed ^ 0x9E3779B97F4A7C15L);
        ws.gauss = ZigguratSampler.NormalizedGaussian.of(ws.noise);
    }

    /** Draws t, θ₀ per row; fills θ_t and the target u; returns v(θ_t, t, x). */
    private Matrix pathAndField(Matrix theta, Matrix context, Ws ws) {
        int n = theta.rows();
        int d = thetaSize();
        if (theta.cols() != d || n > ws.maxRows) {
            throw new IllegalArgumentException("theta " + theta.shape() + " does not fit flow "
                    + "matching on " + d + " parameters with a " + ws.maxRows + "-row workspace");
        }
        Matrix xt = ws.thetaT.setRows(n);
        Matrix u = ws.target.setRows(n);
        double power = 1.0 / (1.0 + settings.timePriorExponent());
        double shrink = 1.0 - settings.sigmaMin();
        for (int i = 0; i < n; i++) {
            double t = Math.pow(ws.noise.nextDouble(), power);
            ws.times[i] = (float) t;
            int to = theta.rowOffset(i);
            int xo = xt.rowOffset(i);
            for (int j = 0; j < d; j++) {
                double z = ws.gauss.sample();
                double th = theta.data()[to + j];
                xt.data()[xo + j] = (float) ((1 - shrink * t) * z + t * th);
                u.data()[xo + j] = (float) (th - shrink * z);
            }
        }
        return field.forward(xt, ws.times, 0f, context, ws.field);
    }

    /**
     * The flow-matching loss of each row averaged over {@link #VALIDATION_DRAWS} draws of
     * (t, θ₀): the loss of one draw varies so much that early stopping would follow its noise.
     */
    @Override
    public void validationLoss(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        java.util.Arrays.fill(out, 0, theta.rows(), 0f);
        for (int k = 0; k < VALIDATION_DRAWS; k++) {
            Matrix v = pathAndField(theta, context, ws);
            Matrix u = ws.target;
            for (int i = 0; i < theta.rows(); i++) {
                out[i] += (float) (squaredError(v, u, i) / VALIDATION_DRAWS);
            }
        }
    }

    private static double squaredError(Matrix v, Matrix u, int i) {
        int vo = v.rowOffset(i);
        int uo = u.rowOffset(i);
        double s = 0;
        for (int j = 0; j < v.cols(); j++) {
            double r = v.data()[vo + j] - u.data()[uo + j];
            s += r * r;
        }
        return s;
    }

    /** L = Σ w_i‖v_i − u_i‖² (w_i = 1/n when weights is null); dL/dv_i = 2w_i(v_i − u_i). */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        ConditionalDensityEstimator.checkWeights(weights, n);
        Matrix v = pathAndField(theta, context, ws);
        Matrix u = ws.target;
        Matrix g = ws.gradV.setRows(n);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1.0 / n : weights[i];
            loss += w * squaredError(v, u, i);
            int vo = v.rowOffset(i);
            int uo = u.rowOffset(i);
            int go = g.rowOffset(i);
            for (int j = 0; j < g.cols(); j++) {
                g.data()[go + j] = (float) (2 * w * (v.data()[vo + j] - u.data()[uo + j]));
            }
        }
        Matrix gIn = field.backward(g, ws.field);
        if (gradContext != null) {
            int from = field.contextColumn();
            for (int i = 0; i < n; i++) {
                System.arraycopy(gIn.data(), gIn.rowOffset(i) + from, gradContext.data(),
                        gradContext.rowOffset(i), contextSize());
            }
        }
        return (float) loss;
    }

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        checkContext(context, theta.rows());
        if (theta.cols() != thetaSize()) {
            throw new IllegalArgumentException("theta " + theta.shape() + " does not have "
                    + thetaSize() + " columns");
        }
        run(theta, 1, context, out, false, ws);
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

    /** θ₀ ~ N(0, I) for all rows in row order, then integrated to t = 1 in chunks. */
    private Matrix draw(int perContext, Matrix contexts, UniformRandomProvider rng, Ws ws,
                        float[] logProb) {
        if (perContext < 0) {
            throw new IllegalArgumentException("negative number of samples " + perContext);
        }
        int m = contexts == null ? 1 : contexts.rows();
        checkContext(contexts, m);
        Matrix out = Matrix.of(Math.multiplyExact(m, perContext), thetaSize());
        StandardNormal.sample(out, rng);
        run(out, perContext, contexts, logProb, true, ws);
        return out;
    }

    private void checkContext(Matrix context, int rows) {
        int c = contextSize();
        if (c > 0 && (context == null || context.cols() != c || context.rows() != rows)) {
            throw new IllegalArgumentException("contexts " + (context == null ? "null"
                    : context.shape()) + " do not have " + c + " columns and " + rows + " rows");
        }
    }

    /**
     * Integrates the rows of y forwards in place (0 → 1, from noise), or backwards from θ
     * (1 → 0, y left unchanged), with row i's context row i / perContext; logProb (if not null) receives log q.
     */
    private void run(Matrix y, int perContext, Matrix contexts, float[] logProb,
                     boolean forward, Ws ws) {
        int total = y.rows();
        if (total <= PARALLEL_BLOCK) {
            chunks(y, 0, total, perContext, contexts, logProb, forward, ws);
            return;
        }
        ws.ensureParts(Ops.kernels().parallelism());
        Ops.kernels().forRanges(total, PARALLEL_BLOCK, (part, from, to) ->
                chunks(y, from, to, perContext, contexts, logProb, forward, ws.part(part)));
    }

    private void chunks(Matrix all, int from, int to, int perContext, Matrix contexts,
                        float[] logProb, boolean forward, Ws ws) {
        int c = contextSize();
        int d = thetaSize();
        FlowOde.Ws ows = ws.ode(this);
        for (int start = from; start < to; start += PARALLEL_BLOCK) {
            int n = Math.min(PARALLEL_BLOCK, to - start);
            Matrix ctx = c == 0 ? null : ws.context.setRows(n);
            for (int i = 0; c > 0 && i < n; i++) {
                System.arraycopy(contexts.data(), contexts.rowOffset((start + i) / perContext),
                        ctx.data(), ctx.rowOffset(i), c);
            }
            Matrix y = ws.y.setRows(n);
            System.arraycopy(all.data(), all.rowOffset(start), y.data(), y.offset(), n * d);
            float[] ell = null;
            if (logProb != null) {
                ell = ws.ell;
                java.util.Arrays.fill(ell, 0, n, 0f);
                if (settings.divergence() == FmpeSettings.Divergence.HUTCHINSON) {
                    StandardNormal.sample(ows.probes.setRows(n), new XoRoShiRo128PlusPlus(
                            probeSeed, 0x9E3779B97F4A7C15L * (start + 1)));
                }
                if (forward) {
                    StandardNormal.logProb(y, ws.base);
                }
            }
            ode.integrate(y, ell, ctx, forward ? 0f : 1f, forward ? 1f : 0f, ows);
            if (logProb != null && !forward) {
                StandardNormal.logProb(y, ws.base);
            }
            if (forward) {
                System.arraycopy(y.data(), y.offset(), all.data(), all.rowOffset(start), n * d);
            }
            // forwards ℓ(1) = ∫₀¹ ∇·v: log q = log N(θ₀) − ℓ; backwards ℓ(0) = −∫₀¹ ∇·v
            for (int i = 0; logProb != null && i < n; i++) {
                logProb[start + i] = forward ? ws.base[i] - ell[i] : ws.base[i] + ell[i];
            }
        }
    }
}
