package org.sbi4j.train;

/**
 * Receives progress from a training run, on the training thread, after every epoch; it may stop
 * training early (the best weights so far are kept) and may take a {@link Checkpoint} of every
 * epoch to resume from later ({@link Trainer#resumeFrom}).
 *
 * <pre>{@code
 * TrainingListener log = epoch -> {
 *     System.out.printf("epoch %d: validation %.4f%n", epoch.epoch(), epoch.validationLoss());
 *     return epoch.epoch() < 500;                    // false stops after this epoch
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = epoch -> true;

    /**
     * Called after each epoch.
     *
     * @return false to stop training after this epoch (the best weights are still restored)
     */
    boolean onEpoch(EpochRecord epoch);

    /** True if {@link #onCheckpoint} should receive a checkpoint after every epoch. */
    default boolean wantsCheckpoints() {
        return false;
    }

    /** Receives the state after an epoch (only if {@link #wantsCheckpoints()}), e.g. to save it. */
    default void onCheckpoint(Checkpoint checkpoint) {
    }
}
