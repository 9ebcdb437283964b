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
 * @param balance       λ of the balanced NPE loss ({@link org.sbi4j.train.BalancedLoss}); 0 (the
 *                      default) trains on the plain negative log-likelihood
 */
public record NpeSettings(EstimatorSpec estimator, TrainingConfig training, int referenceRows,
                          double balance) {

    public NpeSettings {
        if (estimator == null || training == null) {
            throw new IllegalArgumentException("estimator and training settings are needed");
        }
        if (referenceRows < 0) {
            throw new IllegalArgumentException("reference rows must be >= 0, got " + referenceRows);
        }
        if (!(balance >= 0) || Double.isInfinite(balance)) {
            throw new IllegalArgumentException("the balance weight must be >= 0 and finite, got "
                    + balance);
        }
    }

    /** NSF with sbi's defaults and sbi's training defaults. */
    public static NpeSettings defaults() {
        return new NpeSettings(EstimatorSpec.defaults(EstimatorSpec.Kind.NSF),
                TrainingConfig.DEFAULTS, 2000, 0);
    }

    public NpeSettings withEstimator(EstimatorSpec e) {
        return new NpeSettings(e, training, referenceRows, balance);
    }

    public NpeSettings withTraining(TrainingConfig t) {
        return new NpeSettings(estimator, t, referenceRows, balance);
    }

    /** Balanced NPE with penalty weight λ (0: off; Delaunoy et al. use 100). */
    public NpeSettings withBalance(double lambda) {
        return new NpeSettings(estimator, training, referenceRows, lambda);
    }
}
