package org.sbi4j.flows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * A trainable conditional density q(θ | context) — a normalizing flow or a mixture density
 * network — as the trainer and the posterior see it.
 *
 * <p>Shapes: θ is n×{@link #thetaSize()}, context n×{@link #contextSize()}, one context row per θ
 * row. All buffers live in a {@link Workspace} sized once for a maximum batch; calls allocate
 * nothing except the returned samples, and keep no state between calls beyond that workspace.
 * A training step is: zero the gradients of {@link #params()}, call {@link #lossAndGradient},
 * clip, step the optimiser.
 */
public interface ConditionalDensityEstimator {

    /** Per-estimator buffers for batches of up to {@link #maxRows()} rows. */
    interface Workspace {
        int maxRows();
    }

    /** θ drawn together with its log-density. */
    record Samples(Matrix theta, float[] logProb) {
    }

    int thetaSize();

    int contextSize();

    /** The trainable parameters, in a fixed order. */
    List<Param> params();

    /** Buffers for batches of up to maxRows rows (sampling works in chunks of that size). */
    Workspace workspace(int maxRows);

    /** out[i] = log q(θ_i | context_i) for the n rows (n ≤ maxRows). */
    void logProb(Matrix theta, Matrix context, float[] out, Workspace ws);

    /**
     * The mean negative log-likelihood −(1/n)·Σ log q(θ_i | context_i) of the batch; adds its
     * gradient into every {@link Param#grad()} and, when {@code gradContext} is not null, sets
     * gradContext (n×contextSize) to dLoss/dcontext (to train an embedding network jointly).
     *
     * @return the loss
     */
    default float lossAndGradient(Matrix theta, Matrix context, Matrix gradContext,
                                  Workspace ws) {
        return weightedLossAndGradient(theta, context, null, gradContext, ws);
    }

    /**
     * The weighted negative log-likelihood −Σ w_i·log q(θ_i | context_i) for weights w (length
     * ≥ n, any sign), for losses that are not a plain mean, such as balanced NPE; adds its
     * gradient as {@link #lossAndGradient} does. {@code weights == null} is the mean loss of
     * {@link #lossAndGradient} (w_i = 1/n).
     *
     * @return the weighted loss
     * @throws UnsupportedOperationException for estimators that are not trained directly
     */
    default float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                          Matrix gradContext, Workspace ws) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is not trained directly");
    }

    /**
     * log q(θ_i | context_i) into {@code out} and ∂ log q(θ_i | context_i) / ∂θ_i into row i of
     * {@code gradTheta} (n×D) for n ≤ maxRows rows, through the estimator's backward pass.
     * Returns false, computing nothing, when the estimator has no θ gradient (the default);
     * callers then fall back to finite differences. Side effect: the parameters' gradient
     * buffers receive the backward pass's contributions (inference never reads them; training
     * zeroes them before each step).
     */
    default boolean logProbGradient(Matrix theta, Matrix context, float[] out, Matrix gradTheta,
                                    Workspace ws) {
        return false;
    }

    /**
     * The per-row loss {@code out[i]} that early stopping watches on validation pairs (the
     * trainer averages it). The default is the negative log-likelihood −log q(θ_i | context_i),
     * the training loss of a density estimator; estimators trained on another objective (flow
     * matching) return their training objective here, which is much cheaper than their density.
     */
    default void validationLoss(Matrix theta, Matrix context, float[] out, Workspace ws) {
        logProb(theta, context, out, ws);
        for (int i = 0; i < theta.rows(); i++) {
            out[i] = -out[i];
        }
    }

    /**
     * Seeds the noise of a stochastic training loss (the times and Gaussian draws of flow
     * matching) held in ws; the trainer calls it at the start of every epoch with a seed derived
     * from (run seed, epoch), and before every validation pass with a fixed seed, so runs repeat
     * bit for bit, also when resumed. Estimators with a deterministic loss ignore it (default).
     */
    default void seedLossNoise(long seed, Workspace ws) {
    }

    /** Fails unless weights is null (the mean) or holds at least n values. */
    static void checkWeights(float[] weights, int n) {
        if (weights != null && weights.length < n) {
            throw new IllegalArgumentException("need " + n + " weights, got " + weights.length);
        }
    }

    /**
     * Draws {@code perContext} θ for each context row: row c·perContext + s of the result is
     * draw s for context c (a new m·perContext × thetaSize matrix).
     */
    default Matrix sample(int perContext, Matrix contexts, UniformRandomProvider rng,
                          Workspace ws) {
        return sampleAndLogProb(perContext, contexts, rng, ws).theta();
    }

    /** As {@link #sample} and log q of each draw. */
    Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                             Workspace ws);
}
