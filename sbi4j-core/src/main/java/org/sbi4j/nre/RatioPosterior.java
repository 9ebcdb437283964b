package org.sbi4j.nre;

import org.sbi4j.mcmc.LogDensity;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.mcmc.SliceSampler;
import org.sbi4j.nle.Likelihood;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * The posterior of NRE at one observation of T iid trials: the potential
 * U(θ) = log p(θ) + Σ_{t&lt;T} d(z_θ(θ), z_x(x_t)) (−∞ outside the prior's support; a NaN
 * logit counts as −∞), sampled by the {@link SliceSampler} with SIR starts from the prior. The
 * trials add up because r(x, θ) ∝ p(x | θ) in θ for each of them. An immutable value; every
 * {@link #potential()} has its own buffers.
 */
public final class RatioPosterior {

    /** Network rows of one classifier call (θ rows × trials). */
    static final int CHUNK = 1024;

    private final RatioEstimator ratio;
    private final Prior prior;
    private final Matrix trials;

    RatioPosterior(RatioEstimator ratio, Prior prior, Matrix trials) {
        if (prior == null) {
            throw new IllegalArgumentException("the posterior needs the prior");
        }
        if (prior.dim() != ratio.thetaDim()) {
            throw new IllegalArgumentException("the prior has dimension " + prior.dim()
                    + ", the ratio estimator's θ " + ratio.thetaDim());
        }
        Likelihood.checkObservation(trials, ratio.xDim());
        this.ratio = ratio;
        this.prior = prior;
        this.trials = trials.copy();
    }

    public RatioEstimator ratio() {
        return ratio;
    }

    public Prior prior() {
        return prior;
    }

    /** The observation, T × dx (a copy). */
    public Matrix trials() {
        return trials.copy();
    }

    /** n draws by MCMC ({@link McmcResult#samples} gives them as an n × dθ matrix). */
    public McmcResult sample(int n, McmcSettings settings, long seed) {
        return SliceSampler.of(settings).sample(potential(), prior, n, seed);
    }

    /** The potential U(θ) as a batched log-density (points n × dθ). */
    public LogDensity potential() {
        int d = prior.dim();
        int dx = ratio.xDim();
        int t = trials.rows();
        Matrix zx = ratio.xStandardizer().transform(trials, Matrix.of(t, dx));
        ResidualNet net = ratio.network();
        int perChunk = Math.max(1, CHUNK / t);
        int rows = perChunk * t;
        Layer.Workspace ws = net.workspace(rows);
        Matrix xRows = Matrix.of(rows, dx);
        Matrix thetaRows = Matrix.of(rows, d);
        for (int k = 0; k < perChunk; k++) {
            for (int r = 0; r < t; r++) {
                System.arraycopy(zx.data(), zx.rowOffset(r), xRows.data(),
                        xRows.rowOffset(k * t + r), dx);
            }
        }
        float[] theta = new float[d];
        float[] ztheta = new float[d];
        int[] pending = new int[perChunk];
        return new LogDensity() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public void logDensity(double[] points, int n, double[] result) {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        theta[j] = (float) points[i * d + j];
                    }
                    double lp = prior.logProb(theta, 0);
                    if (!(lp > Double.NEGATIVE_INFINITY)) {
                        result[i] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    result[i] = lp;
                    ratio.thetaStandardizer().transform(theta, 0, ztheta, 0);
                    for (int r = 0; r < t; r++) {
                        System.arraycopy(ztheta, 0, thetaRows.data(),
                                thetaRows.rowOffset(k * t + r), d);
                    }
                    pending[k++] = i;
                    if (k == perChunk) {
                        flush(k, result);
                        k = 0;
                    }
                }
                if (k > 0) {
                    flush(k, result);
                }
            }

            private void flush(int k, double[] result) {
                int m = k * t;
                Matrix y = net.forward(thetaRows.rowView(0, m), xRows.rowView(0, m), ws);
                for (int a = 0; a < k; a++) {
                    double s = 0;
                    for (int r = 0; r < t; r++) {
                        s += y.get(a * t + r, 0);
                    }
                    result[pending[a]] += Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
                }
            }
        };
    }
}
