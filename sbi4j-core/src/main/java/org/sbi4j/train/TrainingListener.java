package org.sbi4j.train;

/** Receives progress from a training run (on the training thread). */
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
