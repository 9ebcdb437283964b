package org.sbi4j.workflow.external;

import java.util.Locale;

/**
 * Why a batch broke the protocol, as counted by the retries ({@link ExternalSimulator#retries()})
 * and reported by {@code sbi4j simulate} and {@code sbi4j run}. None of these is a failed
 * simulation (a {@code null}/NaN row), which is never retried.
 */
public enum BatchFailure {
    /** The process exited, closed its stdout or stopped reading its stdin before answering. */
    CRASH,
    /** No answer within the time-out; the process was killed. */
    TIMEOUT,
    /**
     * The answer was not the protocol's: not JSON, no {@code "x"} array, the wrong number of rows
     * or values, a non-number, or a second line for one batch.
     */
    GARBAGE;

    /** "crash", "timeout" or "garbage" (in reports and metadata.json). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
