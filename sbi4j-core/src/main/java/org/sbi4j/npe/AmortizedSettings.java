package org.sbi4j.npe;

import org.sbi4j.rounds.RoundMethod;

/**
 * Amortised NPE as a method kind ({@code npe}): one round on the prior, the posterior valid for
 * every x. Nothing to set besides the NPE settings of the run.
 */
public record AmortizedSettings() implements MethodSettings {

    public static AmortizedSettings defaults() {
        return new AmortizedSettings();
    }

    @Override
    public String kind() {
        return "npe";
    }

    @Override
    public void checkRounds(int rounds) {
        if (rounds != 1) {
            throw new IllegalArgumentException("npe (amortised) runs in 1 round, got rounds = "
                    + rounds + "; use method tsnpe or apt for several rounds");
        }
    }

    @Override
    public RoundMethod<NpeRound> build(MethodContext context) {
        return new NpeRoundMethod(context) {
            @Override
            public org.sbi4j.rounds.Proposal propose(NpeRound model, int nextRound,
                                                     org.apache.commons.rng.UniformRandomProvider rng) {
                throw new IllegalStateException("amortised NPE has no round " + nextRound);
            }
        };
    }
}
