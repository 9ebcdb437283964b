package org.sbi4j.nre;

import org.sbi4j.mcmc.LogDensity;
import org.sbi4j.mcmc.SliceSampler;
import org.sbi4j.nle.TrialsPosterior;
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
public final class RatioPosterior extends TrialsPosterior {

    private final RatioEstimator ratio;

    RatioPosterior(RatioEstimator ratio, Prior prior, Matrix trials) {
        super(prior, trials, "ratio estimator's", ratio.thetaDim(), ratio.xStandardizer());
        this.ratio = ratio;
    }

    public RatioEstimator ratio() {
        return ratio;
    }

    @Override
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
