package org.sbi4j.train;

/**
 * Settings of maximum-likelihood training; the defaults are those of the {@code sbi} package
 * (Boelts et al.), the reference NPE implementation.
 *
 * @param batchSize          training batch size (default 200)
 * @param learningRate       Adam learning rate (default 5e-4)
 * @param validationFraction fraction of the pairs held out for early stopping (default 0.1)
 * @param stopAfterEpochs    stop after this many epochs without a validation improvement; the
 *                           best weights are restored (default 20)
 * @param maxEpochs          hard cap on epochs; large enough not to bind in normal runs
 *                           (default 2^31 − 1)
 * @param clipNorm           global gradient-norm clipping threshold; ≤ 0 disables (default 5)
 * @param weightDecay        weight-decay strength λ (default 0)
 * @param decoupled          true: AdamW (decoupled decay); false: L2 penalty λ/2·‖w‖² added to
 *                           the loss, i.e. a Gaussian prior N(0, 1/λ) on the weights, so training
 *                           returns the MAP weights (default false)
 * @param warmupEpochs       linear learning-rate warm-up epochs before a cosine decay; 0 with
 *                           {@code cosineEpochs} 0 means a constant learning rate (default 0)
 * @param cosineEpochs       length of the cosine decay in epochs; 0 disables (default 0)
 */
public record TrainingConfig(int batchSize, double learningRate, double validationFraction,
                             int stopAfterEpochs, int maxEpochs, double clipNorm,
                             double weightDecay, boolean decoupled, int warmupEpochs,
                             int cosineEpochs) {

    /** The defaults (sbi's). */
    public static final TrainingConfig DEFAULTS =
            new TrainingConfig(200, 5e-4, 0.1, 20, Integer.MAX_VALUE, 5.0, 0.0, false, 0, 0);

    public TrainingConfig {
        require(batchSize >= 1, "batch size must be at least 1", batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate),
                "learning rate must be positive and finite", learningRate);
        require(validationFraction > 0 && validationFraction < 1,
                "validation fraction must lie strictly between 0 and 1", validationFraction);
        require(stopAfterEpochs >= 1, "stop-after-epochs must be at least 1", stopAfterEpochs);
        require(maxEpochs >= 1, "max epochs must be at least 1", maxEpochs);
        require(!Double.isNaN(clipNorm), "clip norm must be a number", clipNorm);
        require(weightDecay >= 0 && Double.isFinite(weightDecay),
                "weight decay must be non-negative and finite", weightDecay);
        require(warmupEpochs >= 0, "warm-up epochs must be non-negative", warmupEpochs);
        require(cosineEpochs >= 0, "cosine epochs must be non-negative", cosineEpochs);
    }

    private static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }

    public TrainingConfig withBatchSize(int v) {
        return new TrainingConfig(v, learningRate, validationFraction, stopAfterEpochs, maxEpochs,
                clipNorm, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    public TrainingConfig withLearningRate(double v) {
        return new TrainingConfig(batchSize, v, validationFraction, stopAfterEpochs, maxEpochs,
                clipNorm, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    public TrainingConfig withValidationFraction(double v) {
        return new TrainingConfig(batchSize, learningRate, v, stopAfterEpochs, maxEpochs,
                clipNorm, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    public TrainingConfig withStopAfterEpochs(int v) {
        return new TrainingConfig(batchSize, learningRate, validationFraction, v, maxEpochs,
                clipNorm, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    public TrainingConfig withMaxEpochs(int v) {
        return new TrainingConfig(batchSize, learningRate, validationFraction, stopAfterEpochs, v,
                clipNorm, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    public TrainingConfig withClipNorm(double v) {
        return new TrainingConfig(batchSize, learningRate, validationFraction, stopAfterEpochs,
                maxEpochs, v, weightDecay, decoupled, warmupEpochs, cosineEpochs);
    }

    /** Weight decay λ; {@code decoupled} selects AdamW over the L2 (Gaussian prior) form. */
    public TrainingConfig withWeightDecay(double lambda, boolean decoupledDecay) {
        return new TrainingConfig(batchSize, learningRate, validationFraction, stopAfterEpochs,
                maxEpochs, clipNorm, lambda, decoupledDecay, warmupEpochs, cosineEpochs);
    }

    /** Linear warm-up then cosine decay over the given numbers of epochs. */
    public TrainingConfig withCosineSchedule(int warmup, int cosine) {
        return new TrainingConfig(batchSize, learningRate, validationFraction, stopAfterEpochs,
                maxEpochs, clipNorm, weightDecay, decoupled, warmup, cosine);
    }
}
