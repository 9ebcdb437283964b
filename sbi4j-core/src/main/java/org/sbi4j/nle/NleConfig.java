package org.sbi4j.nle;

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
 */
public record NleConfig(EstimatorSpec estimator, TrainingConfig training, boolean warmStart) {

    /** A new network each round. */
    public NleConfig(EstimatorSpec estimator, TrainingConfig training) {
        this(estimator, training, false);
    }

    public NleConfig {
        if (estimator == null || training == null) {
            throw new IllegalArgumentException("NLE needs an estimator spec and training "
                    + "settings");
        }
        if (estimator.settings().kind().equals("fmpe")) {
            throw new IllegalArgumentException("NLE needs a density estimator with an exact "
                    + "log-density per call; flow matching (fmpe) is not one");
        }
        estimator = estimator.withEmbedding(new NoEmbedding());
    }
}
