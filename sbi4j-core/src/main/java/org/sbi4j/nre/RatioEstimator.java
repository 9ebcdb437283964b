package org.sbi4j.nre;

import org.sbi4j.data.Standardizer;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * A trained ratio estimator: log r(x, θ) ≈ log p(x | θ)/p(x) = d(z_θ(θ), z_x(x)), the logit of
 * the classifier on z-scored θ and x (z = (v − μ)/σ, fitted on the training pairs). Unlike a
 * density no Jacobian enters: r is a ratio of two densities of x, and the z-scoring is part of
 * the classifier. Immutable once trained (the network is not trained further).
 */
public final class RatioEstimator {

    private final ResidualNet net;
    private final Standardizer zTheta;
    private final Standardizer zX;
    private final NreConfig config;

    RatioEstimator(ResidualNet net, Standardizer zTheta, Standardizer zX, NreConfig config) {
        this.net = net;
        this.zTheta = zTheta;
        this.zX = zX;
        this.config = config;
    }

    public int thetaDim() {
        return zTheta.dim();
    }

    /** Dimension of one trial x. */
    public int xDim() {
        return zX.dim();
    }

    public NreConfig config() {
        return config;
    }

    ResidualNet network() {
        return net;
    }

    Standardizer thetaStandardizer() {
        return zTheta;
    }

    Standardizer xStandardizer() {
        return zX;
    }

    /** out[i] = log r(x_i, θ_i) for n rows of θ (n × dθ) and x (n × dx). */
    public void logRatio(Matrix theta, Matrix x, float[] out) {
        int n = theta.rows();
        if (theta.cols() != thetaDim() || x.cols() != xDim() || x.rows() != n) {
            throw new IllegalArgumentException("log r takes θ n×" + thetaDim() + " and x n×"
                    + xDim() + ", got " + theta.shape() + " and " + x.shape());
        }
        RatioObjective o = new RatioObjective(net, thetaDim(), config.loss());
        var ws = o.workspace(Math.max(1, Math.min(n, RatioObjective.CHUNK_ATOMS)));
        int step = ws.maxRows();
        for (int from = 0; from < n; from += step) {
            int m = Math.min(step, n - from);
            Matrix zt = zTheta.transform(theta.rowView(from, m), Matrix.of(m, thetaDim()));
            Matrix zx = zX.transform(x.rowView(from, m), Matrix.of(m, xDim()));
            float[] part = new float[m];
            o.logProb(zt, zx, part, ws);
            System.arraycopy(part, 0, out, from, m);
        }
    }

    /**
     * The posterior p(θ | x_1 … x_T) ∝ p(θ)·∏_t r(x_t, θ) for an observation of T iid trials,
     * one per row (T × {@link #xDim()}, every value finite).
     *
     * @throws IllegalArgumentException if the observation or the prior does not fit
     */
    public RatioPosterior posterior(Prior prior, Matrix trials) {
        return new RatioPosterior(this, prior, trials);
    }
}
