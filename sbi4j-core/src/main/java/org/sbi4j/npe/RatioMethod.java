package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nre.RatioLoss;
import org.sbi4j.rounds.RoundMethod;

/**
 * A registered method that estimates the likelihood-to-evidence ratio (NRE-C, BNRE): its
 * model is an {@link org.sbi4j.nre.RatioEstimator} and its posterior p(θ)·r(x_o, θ) is sampled
 * by MCMC, so it runs through {@link org.sbi4j.nre.SequentialNre}, not {@link SequentialNpe}.
 * {@link #build} refuses with a message saying so.
 */
public interface RatioMethod extends MethodSettings {

    /** The classifier's training loss. */
    RatioLoss loss();

    /** How the posterior is sampled. */
    McmcSettings mcmc();

    /**
     * Whether the method runs rounds at one observation (snre) rather than one amortised
     * classifier for every observation (nre, bnre; the default).
     */
    default boolean sequential() {
        return false;
    }

    /** Whether later rounds continue from the previous round's weights (default: no). */
    default boolean warmStart() {
        return false;
    }

    /** Amortised: one round. */
    @Override
    default void checkRounds(int rounds) {
        if (rounds != 1) {
            throw new IllegalArgumentException(kind() + " (amortised) runs in 1 round, got "
                    + "rounds = " + rounds);
        }
    }

    @Override
    default RoundMethod<NpeRound> build(MethodContext context) {
        throw new IllegalArgumentException(kind() + " estimates a likelihood ratio and samples "
                + "the posterior by MCMC: run it with org.sbi4j.nre.SequentialNre (bench sbibm "
                + "--method " + kind() + "); sequential NPE runs do not take it (a job file"
                + " with method " + kind() + " runs it so: sbi4j run)");
    }
}
