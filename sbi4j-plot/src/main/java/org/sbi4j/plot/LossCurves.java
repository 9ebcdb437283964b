package org.sbi4j.plot;

import org.sbi4j.train.TrainingReport;

/**
 * One training run's loss per epoch (epoch k at index k − 1), e.g. one ensemble member.
 *
 * @param train      training loss per epoch (non-empty)
 * @param validation validation loss per epoch (may be empty: no validation set)
 */
public record LossCurves(double[] train, double[] validation) {

    public LossCurves {
        if (train == null || train.length == 0) {
            throw new IllegalArgumentException("no training losses");
        }
        train = train.clone();
        validation = validation == null ? new double[0] : validation.clone();
    }

    /** The curves of a training report. */
    public static LossCurves of(TrainingReport report) {
        return new LossCurves(report.trainLosses(), report.validationLosses());
    }

    @Override
    public double[] train() {
        return train.clone();
    }

    @Override
    public double[] validation() {
        return validation.clone();
    }

    /** The epoch (1-based) of the lowest finite validation loss, or 0 without validation. */
    public int bestEpoch() {
        int best = 0;
        for (int i = 0; i < validation.length; i++) {
            if (Double.isFinite(validation[i])
                    && (best == 0 || validation[i] < validation[best - 1])) {
                best = i + 1;
            }
        }
        return best;
    }

    /** Number of epochs run. */
    public int epochs() {
        return train.length;
    }
}
