package org.sbi4j.workflow.job;

import org.sbi4j.train.TrainingConfig;

/**
 * Training settings of a job; each unset key keeps the default of {@link TrainingConfig#DEFAULTS}
 * (sbi's). Values are checked by {@link TrainingConfig} when the spec is built.
 *
 * @param batchSize          training batch size (default automatic: sbi's 200 from 4,000
 *                           simulations up, smaller below; {@link TrainingConfig#batchSizeFor})
 * @param learningRate       Adam learning rate (default automatic: sbi's 5e-4 from 4,000
 *                           simulations up, larger below; {@link TrainingConfig#learningRateFor})
 * @param validationFraction held-out fraction for early stopping (default 0.1)
 * @param stopAfterEpochs    patience of early stopping in epochs (default 20)
 * @param maxEpochs          hard cap on epochs (default unlimited)
 * @param weightDecay        weight-decay strength λ (default 0)
 * @param decoupledDecay     true for AdamW, false for an L2 penalty (default false)
 * @param clipNorm           global gradient-norm clipping threshold; ≤ 0 disables (default 5)
 */
public record TrainingSpec(Integer batchSize, Double learningRate, Double validationFraction,
                           Integer stopAfterEpochs, Integer maxEpochs, Double weightDecay,
                           Boolean decoupledDecay, Double clipNorm) {

    /** Every setting at its default. */
    public static final TrainingSpec DEFAULT =
            new TrainingSpec(null, null, null, null, null, null, null, null);

    public TrainingSpec {
        try {
            toConfig(TrainingConfig.DEFAULTS, batchSize, learningRate, validationFraction,
                    stopAfterEpochs, maxEpochs, weightDecay, decoupledDecay, clipNorm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training: " + e.getMessage(), e);
        }
    }

    /** The training configuration: the defaults with the keys of this spec applied. */
    public TrainingConfig toConfig() {
        return toConfig(TrainingConfig.DEFAULTS);
    }

    /** {@code base} (e.g. a preset's training) with the keys of this spec applied. */
    public TrainingConfig toConfig(TrainingConfig base) {
        return toConfig(base, batchSize, learningRate, validationFraction, stopAfterEpochs,
                maxEpochs, weightDecay, decoupledDecay, clipNorm);
    }

    private static TrainingConfig toConfig(TrainingConfig base, Integer batchSize,
                                           Double learningRate,
                                           Double validationFraction, Integer stopAfterEpochs,
                                           Integer maxEpochs, Double weightDecay,
                                           Boolean decoupledDecay, Double clipNorm) {
        TrainingConfig c = base;
        if (batchSize != null) {
            c = c.withBatchSize(batchSize);
        }
        if (learningRate != null) {
            c = c.withLearningRate(learningRate);
        }
        if (validationFraction != null) {
            c = c.withValidationFraction(validationFraction);
        }
        if (stopAfterEpochs != null) {
            c = c.withStopAfterEpochs(stopAfterEpochs);
        }
        if (maxEpochs != null) {
            c = c.withMaxEpochs(maxEpochs);
        }
        if (weightDecay != null || decoupledDecay != null) {
            c = c.withWeightDecay(weightDecay == null ? c.weightDecay() : weightDecay,
                    decoupledDecay == null ? c.decoupled() : decoupledDecay);
        }
        if (clipNorm != null) {
            c = c.withClipNorm(clipNorm);
        }
        return c;
    }
}
