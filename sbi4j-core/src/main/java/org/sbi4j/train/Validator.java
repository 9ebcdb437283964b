package org.sbi4j.train;

import org.sbi4j.data.BatchIterator;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/** Mean negative log-likelihood over a fixed data set, with its own buffers. */
final class Validator {

    /** Rows per evaluation batch. */
    static final int BATCH = 4096;

    private final ConditionalDensityEstimator estimator;
    private final BatchIterator batches;
    private final Matrix theta;
    private final Matrix x;
    private final float[] logProb;
    private final ConditionalDensityEstimator.Workspace ws;
    private final int size;

    Validator(ConditionalDensityEstimator estimator, Dataset data) {
        this.estimator = estimator;
        this.size = data.size();
        int batch = Math.min(BATCH, data.size());
        this.batches = data.batches(batch);
        this.theta = batches.newThetaBuffer();
        this.x = batches.newXBuffer();
        this.logProb = new float[batch];
        this.ws = estimator.workspace(batch);
    }

    /** −(1/n)·Σ log q(θ_i | x_i); NaN or +∞ if any term is not finite. */
    double loss() {
        batches.resetInOrder();
        double sum = 0;
        while (batches.next(theta, x)) {
            estimator.logProb(theta, x, logProb, ws);
            for (int i = 0; i < theta.rows(); i++) {
                sum -= logProb[i];
            }
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum / size;
    }
}
