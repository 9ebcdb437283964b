package org.sbi4j.train;

import java.util.List;

/**
 * What a training run did: per-epoch losses and times, where it stopped and why, and any
 * recoveries from non-finite losses.
 *
 * @param epochs             one record per epoch run
 * @param bestEpoch          the epoch whose weights were kept (1-based)
 * @param bestValidationLoss its validation loss
 * @param stopReason         why training ended
 * @param events             plain-words notes, e.g. skipped non-finite steps and learning-rate cuts
 * @param seconds            total wall time
 */
public record TrainingReport(List<EpochRecord> epochs, int bestEpoch, double bestValidationLoss,
                             StopReason stopReason, List<String> events, double seconds) {

    /** Why training ended. */
    public enum StopReason {
        /** No validation improvement for the configured number of epochs. */
        EARLY_STOPPING,
        /** The maximum number of epochs was reached. */
        MAX_EPOCHS,
        /** The listener asked to stop. */
        STOPPED_BY_LISTENER,
        /** Too many non-finite losses; the best weights so far were kept. */
        DIVERGED
    }

    public TrainingReport {
        epochs = List.copyOf(epochs);
        events = List.copyOf(events);
    }

    /** Number of epochs run. */
    public int epochCount() {
        return epochs.size();
    }

    /** Training losses per epoch. */
    public double[] trainLosses() {
        return epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray();
    }

    /** Validation losses per epoch. */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    }

    /**
     * Writes the loss curves of {@code reports} (one per ensemble member) as CSV
     * {@code member,epoch,train_loss,validation_loss}, through a temporary file moved into place
     * (a reader never sees half a file).
     */
    public static void writeLossCsv(List<TrainingReport> reports, java.nio.file.Path file)
            throws java.io.IOException {
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(tmp,
                java.nio.charset.StandardCharsets.UTF_8)) {
            w.write("member,epoch,train_loss,validation_loss\n");
            for (int m = 0; m < reports.size(); m++) {
                for (EpochRecord e : reports.get(m).epochs()) {
                    w.write(String.format(java.util.Locale.ROOT, "%d,%d,%.6f,%.6f%n", m,
                            e.epoch(), e.trainLoss(), e.validationLoss()));
                }
            }
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
