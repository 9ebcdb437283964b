package org.sbi4j.train;

import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * A training loss other than the plain mean negative log-likelihood, evaluated on one batch
 * (the {@link BalancedLoss balanced NPE loss}, APT's {@link AtomicLoss atomic loss}). An
 * implementation owns its buffers (grown to the largest batch, then reused), so one instance
 * serves one training at a time.
 */
public interface BatchLoss {

    /** Rows of the estimator workspace one step needs for batches of n rows. */
    int workspaceRows(int n);

    /** The loss of the batch; adds its gradient to the estimator's parameters. */
    float lossAndGradient(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                          ConditionalDensityEstimator.Workspace ws);

    /**
     * The loss of the batch without its gradient, for validation; null (the default) means
     * early stopping watches the validation negative log-likelihood instead.
     */
    default Double loss(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                        ConditionalDensityEstimator.Workspace ws) {
        return null;
    }

    /** Whether early stopping watches {@link #loss} rather than the plain NLL. */
    default boolean validates() {
        return false;
    }
}
