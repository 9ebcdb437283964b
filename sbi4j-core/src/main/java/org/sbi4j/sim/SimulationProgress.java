package org.sbi4j.sim;

/**
 * Receives progress of a simulation run: {@code done} of {@code total} simulations attempted.
 * Calls come from worker threads but never concurrently, and {@code done} never decreases.
 */
@FunctionalInterface
public interface SimulationProgress {

    /** A listener that ignores progress. */
    SimulationProgress NONE = (done, total) -> { };

    /** Called after each chunk of simulations finishes. */
    void update(long done, long total);
}
