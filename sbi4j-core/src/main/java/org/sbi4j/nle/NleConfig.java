package org.sbi4j.nle;

import org.sbi4j.data.XPreprocessing;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.NoEmbedding;
import org.sbi4j.train.TrainingConfig;

/**
 * What an NLE round trains: the density estimator of x (its context is θ, a flat vector, so
 * there is never an embedding network: any embedding of the spec is replaced by none) and the
 * training settings.
 *
 * @param estimator the flow (or MDN) kind and settings, ensemble size; embedding none
 * @param training  the trainer's settings (batch size, learning rate, early stopping …)
 * @param warmStart rounds after the first continue from the previous round's weights and
 *                  standardisation (sbi's {@code retrain_from_scratch=False}); false: a new
 *                  network each round
 * @param preprocessing how x is mapped before z-scoring: {@link XPreprocessing.Mode#AUTO}
 *                  (log(1 + x) on skewed non-negative columns, chosen on the first round's
 *                  training split, the rule of NPE's auto preset) or NONE (z-scoring only, as
 *                  sbi). The map's Jacobian does not depend on θ, so the posterior
 *                  p(θ | x_o) ∝ p(θ) q(x_o | θ) needs no correction for it; what it changes is
 *                  what the flow has to learn: a multiplicative noise becomes additive
 */
public record NleConfig(EstimatorSpec estimator, TrainingConfig training, boolean warmStart,
                        XPreprocessing.Mode preprocessing) {

    /** A new network each round, automatic x preprocessing. */
    public NleConfig(EstimatorSpec estimator, TrainingConfig training) {
        this(estimator, training, false);
    }

    /** Automatic x preprocessing. */
    public NleConfig(EstimatorSpec estimator, TrainingConfig training, boolean warmStart) {
        this(estimator, training, warmStart, XPreprocessing.Mode.AUTO);
    }

    public NleConfig {
        if (estimator == null || training == null || preprocessing == null) {
            throw new IllegalArgumentException("NLE needs an estimator spec, training "
                    + "settings and an x preprocessing mode");
        }
        if (estimator.settings().kind().equals("fmpe")) {
            throw new IllegalArgumentException("NLE needs a density estimator with an exact "
                    + "log-density per call; flow matching (fmpe) is not one");
        }
        estimator = estimator.withEmbedding(new NoEmbedding());
    }
}
