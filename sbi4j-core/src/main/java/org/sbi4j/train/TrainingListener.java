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
}
