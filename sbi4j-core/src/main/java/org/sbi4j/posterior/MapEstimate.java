package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * Maximum a posteriori estimate: argmax_θ log q(θ | x_o) within the prior's support.
 *
 * <p>Draws {@value #START_SAMPLES} posterior samples and ascends from {@value #STARTS} of them
 * at once: the one of highest density and {@value #STARTS}−1 others drawn at random from the
 * samples (so every mode holding a fair share of the mass gets a start), then returns the best
 * end point. Each start takes gradient steps with its own adaptive step (×1.2 on improvement,
 * ½ otherwise; a step leaving the support is no improvement), in coordinates scaled by the
 * samples' standard deviations so one step size suits every parameter. The gradient of log q
 * is exact, through the estimator's backward pass
 * ({@link ConditionalDensityEstimator#logProbGradient}), when the estimator has one (the
 * flows); otherwise (mixture density networks, ensembles) central differences around the
 * double-precision iterate, all probes of all starts in one batch.
 */
final class MapEstimate {

    static final int START_SAMPLES = 1000;
    static final int STARTS = 8;
    static final int MAX_ITERATIONS = 500;
    private static final double PROBE = 1e-3;

    private MapEstimate() {
    }

    static double[] find(ConditionedPosterior p, UniformRandomProvider rng) {
        Matrix s = p.sample(START_SAMPLES, rng);
        double[] lp = p.unnormalizedLogProb(s);
        int d = s.cols();
        int best = 0;
        for (int i = 1; i < lp.length; i++) {
            if (lp[i] > lp[best]) {
                best = i;
            }
        }
        double[] scale = Intervals.covarianceDiagonalSqrt(s);
        int k = Math.min(STARTS, s.rows());
        double[][] theta = new double[k][d];
        double[] current = new double[k];
        for (int r = 0; r < k; r++) {
            int i = r == 0 ? best : rng.nextInt(s.rows());
            for (int j = 0; j < d; j++) {
                theta[r][j] = s.get(i, j);
            }
            current[r] = lp[i];
        }
        double[] eta = new double[k];
        java.util.Arrays.fill(eta, 0.1);
        Matrix candidate = Matrix.of(k, d);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean moving = false;
            for (double e : eta) {
                moving |= e > 1e-7;
            }
            if (!moving) {
                break;
            }
            double[][] grad = gradient(p, theta, current, scale);
            for (int r = 0; r < k; r++) {
                for (int j = 0; j < d; j++) {
                    // step in scaled coordinates u = θ/scale: du = η·∂/∂u = η·scale·∂/∂θ
                    candidate.set(r, j, (float) (theta[r][j]
                            + eta[r] * scale[j] * scale[j] * grad[r][j]));
                }
            }
            double[] next = p.unnormalizedLogProb(candidate);
            for (int r = 0; r < k; r++) {
                if (next[r] > current[r]) {
                    current[r] = next[r];
                    for (int j = 0; j < d; j++) {
                        theta[r][j] = candidate.get(r, j);
                    }
                    eta[r] *= 1.2;
                } else {
                    eta[r] *= 0.5;
                }
            }
        }
        int top = 0;
        for (int r = 1; r < k; r++) {
            if (current[r] > current[top]) {
                top = r;
            }
        }
        return theta[top];
    }

    /** ∂ log q / ∂θ at every row (original scale): exact when the estimator can, else probes. */
    private static double[][] gradient(ConditionedPosterior p, double[][] theta,
                                       double[] current, double[] scale) {
        double[][] g = exact(p, theta);
        return g != null ? g : differences(p, theta, current, scale);
    }

    private static double[][] exact(ConditionedPosterior p, double[][] theta) {
        try (WorkspacePool.Lease lease = p.posterior().lease()) {
            return exact(p, theta, lease.workspace());
        }
    }

    private static double[][] exact(ConditionedPosterior p, double[][] theta,
                                    ConditionalDensityEstimator.Workspace ws) {
        Posterior post = p.posterior();
        ConditionalDensityEstimator est = post.estimator();
        int k = theta.length;
        int d = theta[0].length;
        if (k > ws.maxRows()) {
            return null;
        }
        Standardizer zs = p.thetaStandardizer();
        if (zs.hasLogColumns()) {
            return null; // z is not a per-column affine map of θ: the probes handle it
        }
        double[] mu = zs.mean();
        double[] sd = zs.std();
        Matrix z = Matrix.of(k, d);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                z.set(r, j, (float) ((theta[r][j] - mu[j]) / sd[j]));
            }
        }
        float[] xo = p.standardizedObservation();
        Matrix ctx = Matrix.of(k, xo.length);
        for (int r = 0; r < k; r++) {
            System.arraycopy(xo, 0, ctx.data(), ctx.rowOffset(r), xo.length);
        }
        Matrix gz = Matrix.of(k, d);
        if (!est.logProbGradient(z, ctx, new float[k], gz, ws)) {
            return null;
        }
        double[][] g = new double[k][d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                g[r][j] = gz.get(r, j) / sd[j];
            }
        }
        return g;
    }

    /** Central differences (one-sided at the support's edge), 2·d probes per row in a batch. */
    private static double[][] differences(ConditionedPosterior p, double[][] theta,
                                          double[] current, double[] scale) {
        int k = theta.length;
        int d = theta[0].length;
        Matrix probe = Matrix.of(2 * d * k, d);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                int row = 2 * (r * d + j);
                for (int c = 0; c < d; c++) {
                    probe.set(row, c, (float) theta[r][c]);
                    probe.set(row + 1, c, (float) theta[r][c]);
                }
                probe.set(row, j, (float) (theta[r][j] + PROBE * scale[j]));
                probe.set(row + 1, j, (float) (theta[r][j] - PROBE * scale[j]));
            }
        }
        double[] v = p.unnormalizedLogProb(probe);
        double[][] g = new double[k][d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                int row = 2 * (r * d + j);
                // the probes' actual offsets, after rounding θ ± h to float32
                double up = probe.get(row, j) - theta[r][j];
                double down = theta[r][j] - probe.get(row + 1, j);
                double fu = v[row];
                double fd = v[row + 1];
                g[r][j] = Double.isFinite(fu) && Double.isFinite(fd) ? (fu - fd) / (up + down)
                        : Double.isFinite(fu) ? (fu - current[r]) / up
                        : Double.isFinite(fd) ? (current[r] - fd) / down : 0;
            }
        }
        return g;
    }
}
