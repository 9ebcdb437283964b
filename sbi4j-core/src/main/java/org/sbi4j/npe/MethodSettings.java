package org.sbi4j.npe;

import org.sbi4j.rounds.RoundMethod;

/**
 * The settings of one inference method (amortised NPE, TSNPE, APT …): a record registered once
 * in {@link InferenceMethods} with its defaults, bound by {@link org.sbi4j.flows.SettingsBinder}
 * from job files and options, and able to build the method that {@link
 * org.sbi4j.rounds.RoundRunner} runs. Implementations are immutable values that check their
 * components in the constructor.
 */
public interface MethodSettings {

    /** The registered name (e.g. "tsnpe"). */
    String kind();

    /**
     * Refuses a number of rounds the method cannot run (e.g. amortised NPE: only 1), with a
     * message naming the method and the value.
     */
    default void checkRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException(kind() + ": rounds must be >= 1, got " + rounds);
        }
    }

    /**
     * The registered estimator kind used when a job or command names none: nsf for the
     * posterior methods.
     */
    default String defaultEstimator() {
        return "nsf";
    }

    /** The method for one observation. */
    RoundMethod<NpeRound> build(MethodContext context);
}
