package org.sbi4j.npe;

import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.train.TrainingConfig;

/**
 * What an NPE run trains and how.
 *
 * @param estimator     architecture (default: sbi's NSF)
 * @param training      training settings (default: sbi's)
 * @param referenceRows standardised training x rows kept in the posterior for misspecification
 *                      checks (default 2,000)
 */
public record NpeSettings(EstimatorSpec estimator, TrainingConfig training, int referenceRows) {

    public NpeSettings {
        if (estimator == null || training == null) {
            throw new IllegalArgumentException("estimator and training settings are needed");
        }
        if (referenceRows < 0) {
            throw new IllegalArgumentException("reference rows must be >= 0, got " + referenceRows);
        }
    }

    /** NSF with sbi's defaults and sbi's training defaults. */
    public static NpeSettings defaults() {
        return new NpeSettings(EstimatorSpec.defaults(EstimatorSpec.Kind.NSF),
                TrainingConfig.DEFAULTS, 2000);
    }

    public NpeSettings withEstimator(EstimatorSpec e) {
        return new NpeSettings(e, training, referenceRows);
    }

    public NpeSettings withTraining(TrainingConfig t) {
        return new NpeSettings(estimator, t, referenceRows);
    }
}
