package org.sbi4j.train;

import org.sbi4j.data.BatchSource;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * The mean validation loss over a fixed data set, with its own buffers: the negative
 * log-likelihood for density estimators, the estimator's own objective for others
 * ({@link ConditionalDensityEstimator#validationLoss}: flow matching), with its noise seeded
 * by {@link #NOISE_SEED} before every pass so that epochs compare like for like; or, with a
 * validating {@link BatchLoss}, that loss's mean over the set's batches (weighted by rows).
 */
final class Validator {

    /** Seed of a stochastic validation loss's noise: the same draws at every pass. */
    static final long NOISE_SEED = 0x5EEDF00DL;

    /** Rows per evaluation batch. */
    static final int BATCH = 4096;

    private final ConditionalDensityEstimator estimator;
    private final BatchSource batches;
    private final Matrix theta;
    private final Matrix x;
    private final float[] logProb;
    private final ConditionalDensityEstimator.Workspace ws;
    private final long size;
    private final BatchLoss loss;

    Validator(ConditionalDensityEstimator estimator, Dataset data) {
        this(estimator, BatchSource.of(data, Math.min(BATCH, data.size())), null);
    }

    Validator(ConditionalDensityEstimator estimator, BatchSource data, BatchLoss loss) {
        this.estimator = estimator;
        this.loss = loss;
        this.size = data.size();
        this.batches = data;
        this.theta = batches.newThetaBuffer();
        this.x = batches.newXBuffer();
        this.logProb = new float[batches.batchSize()];
        this.ws = estimator.workspace(loss == null ? batches.batchSize()
                : loss.workspaceRows(batches.batchSize()));
    }

    /** (1/n)·Σ loss_i, by default −(1/n)·Σ log q(θ_i | x_i); +∞ if any term is NaN. */
    double loss() {
        batches.resetInOrder();
        estimator.seedLossNoise(NOISE_SEED, ws);
        double sum = 0;
        while (batches.next(theta, x)) {
            if (loss != null) {
                sum += loss.loss(estimator, theta, x, ws) * theta.rows();
                continue;
            }
            estimator.validationLoss(theta, x, logProb, ws);
            for (int i = 0; i < theta.rows(); i++) {
                sum += logProb[i];
            }
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum / size;
    }
}
