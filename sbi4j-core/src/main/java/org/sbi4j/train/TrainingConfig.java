package org.sbi4j.train;

/**
 * Settings of maximum-likelihood training; the defaults are those of the {@code sbi} package
 * (Boelts et al.), the reference NPE implementation, except that the batch size and the
 * learning rate are chosen from the size of the training set ({@link #AUTO}): sbi's 200 and
 * 5e-4 from {@value #SMALL_BUDGET_PAIRS} training pairs up (4,000 simulations with 10 %
 * validation), smaller batches and larger steps below ({@link #smallBudgetScale}).
 *
 * @param batchSize          training batch size, or {@link #AUTO} (the default):
 *                           {@link #batchSizeFor}
 * @param learningRate       Adam learning rate, or {@link #AUTO} (the default):
 *                           {@link #learningRateFor}
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

    /** Batch size or learning rate chosen from the training-set size (the default). */
    public static final int AUTO = 0;
    /** sbi's batch size, used from {@value #SMALL_BUDGET_PAIRS} training pairs up. */
    public static final int SBI_BATCH_SIZE = 200;
    /** sbi's learning rate, used from {@value #SMALL_BUDGET_PAIRS} training pairs up. */
    public static final double SBI_LEARNING_RATE = 5e-4;
    /**
     * Below this many training pairs the automatic batch shrinks and the step grows: 18 epochs'
     * worth of sbi's batches of 200.
     */
    public static final long SMALL_BUDGET_PAIRS = 3_600;
    /** The smallest scale of {@link #smallBudgetScale}: batches of 50, learning rate 2e-3. */
    public static final double MIN_SCALE = 0.25;

    /** The defaults: sbi's, with the batch size and learning rate {@link #AUTO}. */
    public static final TrainingConfig DEFAULTS =
            new TrainingConfig(AUTO, AUTO, 0.1, 20, Integer.MAX_VALUE, 5.0, 0.0, false, 0, 0);
    /** sbi's settings exactly, whatever the training-set size (batch 200, learning rate 5e-4). */
    public static final TrainingConfig SBI = DEFAULTS.withBatchSize(SBI_BATCH_SIZE)
            .withLearningRate(SBI_LEARNING_RATE);

    public TrainingConfig {
        require(batchSize >= 1 || batchSize == AUTO, "batch size must be at least 1 (or "
                + AUTO + " for automatic)", batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate) || learningRate == AUTO,
                "learning rate must be positive and finite (or " + AUTO + " for automatic)",
                learningRate);
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

    /**
     * The small-budget scale s(n) = clamp(n / {@value #SMALL_BUDGET_PAIRS}, {@value #MIN_SCALE},
     * 1) for n training pairs: the automatic batch is 200·s and the automatic learning rate
     * 5e-4 / s, so from {@value #SMALL_BUDGET_PAIRS} pairs up (4,000 simulations) training is
     * sbi's, and at 900 pairs (1,000 simulations) it runs batches of 50 at 2e-3.
     *
     * <p>Why: with sbi's 200 and 5e-4 a 900-pair training set gives 5 steps per epoch, and
     * early stopping on 100 validation pairs ends training after a few hundred small steps; on
     * two moons, SLCP and gaussian_linear at 1,000 simulations (5 seeds each) smaller batches
     * and larger steps lowered the negative log-likelihood of fresh pairs on every task (by
     * 0.3, 1.4 and 0.3 nats), where sbi's other differences from sbi4j (dropping the last
     * partial batch, z-scoring from all pairs) changed nothing beyond seed noise
     * (docs/benchmarks.md, "Small budgets (issue 26)").
     */
    public static double smallBudgetScale(long trainingPairs) {
        if (trainingPairs < 1) {
            throw new IllegalArgumentException("need at least one training pair, got "
                    + trainingPairs);
        }
        return Math.max(MIN_SCALE, Math.min(1.0, (double) trainingPairs / SMALL_BUDGET_PAIRS));
    }

    /**
     * The batch size for {@code trainingPairs} pairs: the set one, or 200·s(n) when {@link #AUTO}
     * ({@link #smallBudgetScale}); never more than the training set.
     */
    public int batchSizeFor(long trainingPairs) {
        int b = batchSize != AUTO ? batchSize
                : (int) Math.round(SBI_BATCH_SIZE * smallBudgetScale(trainingPairs));
        return (int) Math.max(1, Math.min(b, trainingPairs));
    }

    /**
     * The learning rate for {@code trainingPairs} pairs: the set one, or 5e-4 / s(n) when
     * {@link #AUTO} ({@link #smallBudgetScale}; it depends on n, not on the batch size).
     */
    public double learningRateFor(long trainingPairs) {
        return learningRate != AUTO ? learningRate
                : SBI_LEARNING_RATE / smallBudgetScale(trainingPairs);
    }

    /** The pairs left for training when {@code n} valid pairs are split with these settings. */
    public long trainingPairs(long n) {
        return n - org.sbi4j.data.Dataset.validationRows(n, validationFraction);
    }

    /** These settings with the batch size and learning rate resolved for n training pairs. */
    public TrainingConfig resolve(long trainingPairs) {
        return withBatchSize(batchSizeFor(trainingPairs))
                .withLearningRate(learningRateFor(trainingPairs));
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
