package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * Maximum a posteriori estimate: argmax_θ log q(θ | x_o) within the prior's support.
 *
 * <p>Starts from the best of {@value #START_SAMPLES} posterior samples, then gradient ascent with
 * an adaptive step (grow ×1.2 on improvement, halve otherwise). Coordinates are scaled by the
 * samples' standard deviations so one step size suits every parameter; the gradient of log q is
 * taken by central differences with all 2·d probes evaluated in one batch (d is small, and the
 * flow's density is smooth), so no extra backward pass through the estimator is needed.
 */
final class MapEstimate {

    static final int START_SAMPLES = 1000;
    static final int MAX_ITERATIONS = 500;
    private static final double PROBE = 1e-3;

    private MapEstimate() {
    }

    static double[] find(ConditionedPosterior p, UniformRandomProvider rng) {
        Matrix s = p.sample(START_SAMPLES, rng);
        double[] lp = p.unnormalizedLogProb(s);
        int best = 0;
        for (int i = 1; i < lp.length; i++) {
            if (lp[i] > lp[best]) {
                best = i;
            }
        }
        int d = s.cols();
        double[] scale = Intervals.covarianceDiagonalSqrt(s);
        double[] theta = new double[d];
        for (int j = 0; j < d; j++) {
            theta[j] = s.get(best, j);
        }
        double current = lp[best];
        Matrix probe = Matrix.of(2 * d, d);
        Matrix candidate = Matrix.of(1, d);
        double[] grad = new double[d];
        double eta = 0.1;
        for (int it = 0; it < MAX_ITERATIONS && eta > 1e-7; it++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    probe.set(2 * j, k, (float) theta[k]);
                    probe.set(2 * j + 1, k, (float) theta[k]);
                }
                probe.set(2 * j, j, (float) (theta[j] + PROBE * scale[j]));
                probe.set(2 * j + 1, j, (float) (theta[j] - PROBE * scale[j]));
            }
            double[] v = p.unnormalizedLogProb(probe);
            for (int j = 0; j < d; j++) {
                double up = v[2 * j];
                double down = v[2 * j + 1];
                grad[j] = Double.isFinite(up) && Double.isFinite(down) ? (up - down) / (2 * PROBE)
                        : Double.isFinite(up) ? (up - current) / PROBE
                        : Double.isFinite(down) ? (current - down) / PROBE : 0;
            }
            for (int j = 0; j < d; j++) {
                candidate.set(0, j, (float) (theta[j] + eta * scale[j] * grad[j]));
            }
            double next = p.unnormalizedLogProb(candidate)[0];
            if (next > current) {
                current = next;
                for (int j = 0; j < d; j++) {
                    theta[j] = candidate.get(0, j);
                }
                eta *= 1.2;
            } else {
                eta *= 0.5;
            }
        }
        return theta;
    }
}
