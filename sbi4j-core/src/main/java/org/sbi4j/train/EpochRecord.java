package org.sbi4j.train;

/**
 * One epoch of a training run.
 *
 * @param epoch          1-based epoch number
 * @param trainLoss      mean training loss (negative log-likelihood per pair) over the epoch
 * @param validationLoss mean validation loss after the epoch
 * @param learningRate   learning rate used in the epoch
 * @param seconds        wall time of the epoch
 * @param skippedSteps   steps skipped in the epoch because the loss or gradient was not finite
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double learningRate,
                          double seconds, int skippedSteps) {
}
