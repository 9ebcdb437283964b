package org.sbi4j.nle;

import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.mcmc.LogDensity;
import org.sbi4j.mcmc.SliceSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * The posterior of NLE at one observation of T iid trials: the potential
 * U(θ) = log p(θ) + Σ_{t&lt;T} log q(x_t | θ) (−∞ outside the prior's support), sampled by
 * the {@link SliceSampler} with starts resampled from the prior. An immutable value; every
 * {@link #potential()} has its own buffers, so concurrent runs do not share state.
 */
public final class LikelihoodPosterior extends TrialsPosterior {

    private final Likelihood likelihood;

    LikelihoodPosterior(Likelihood likelihood, Prior prior, Matrix trials) {
        super(prior, trials, "likelihood's", likelihood.thetaDim(),
                likelihood.xStandardizer());
        this.likelihood = likelihood;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public LogDensity potential() {
        int d = prior.dim();
        int dx = likelihood.xDim();
        int t = trials.rows();
        Matrix zx = likelihood.xStandardizer().transform(trials, Matrix.of(t, dx));
        double jacobian = 0; // Σ_t log|∂z/∂x| at x_t
        for (int k = 0; k < t; k++) {
            jacobian += likelihood.xStandardizer().logAbsDet(trials.data(),
                    trials.rowOffset(k));
        }
        double logJacobian = jacobian;
        ConditionalDensityEstimator q = likelihood.estimator();
        int perChunk = Math.max(1, CHUNK / t); // θ rows per estimator call
        int rows = perChunk * t;
        ConditionalDensityEstimator.Workspace ws = q.workspace(rows);
        Matrix xRows = Matrix.of(rows, dx);
        Matrix context = Matrix.of(rows, d);
        float[] out = new float[rows];
        float[] theta = new float[d];
        float[] ztheta = new float[d];
        return new LogDensity() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public void logDensity(double[] points, int n, double[] result) {
                int[] pending = new int[perChunk];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        theta[j] = (float) points[i * d + j];
                    }
                    double lp = prior.logProb(theta, 0);
                    result[i] = lp;
                    if (!(lp > Double.NEGATIVE_INFINITY)) {
                        result[i] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    likelihood.thetaStandardizer().transform(theta, 0, ztheta, 0);
                    for (int r = 0; r < t; r++) {
                        System.arraycopy(ztheta, 0, context.data(), context.rowOffset(k * t + r),
                                d);
                        System.arraycopy(zx.data(), zx.rowOffset(r), xRows.data(),
                                xRows.rowOffset(k * t + r), dx);
                    }
                    pending[k++] = i;
                    if (k == perChunk) {
                        flush(k, pending, result);
                        k = 0;
                    }
                }
                if (k > 0) {
                    flush(k, pending, result);
                }
            }

            private void flush(int k, int[] pending, double[] result) {
                int m = k * t;
                q.logProb(xRows.setRows(m), context.setRows(m), out, ws);
                xRows.setRows(rows);
                context.setRows(rows);
                for (int a = 0; a < k; a++) {
                    double s = logJacobian;
                    for (int r = 0; r < t; r++) {
                        s += out[a * t + r];
                    }
                    result[pending[a]] += Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
                }
            }
        };
    }
}
