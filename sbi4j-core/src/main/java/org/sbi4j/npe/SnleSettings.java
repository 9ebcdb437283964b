package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;

/**
 * Sequential NLE ({@code snle}; Papamakarios et al. 2019): round 0 simulates from the prior,
 * each later round from the current MCMC posterior at x_o; every round trains q(x | θ) on all
 * rounds' pairs (no correction: the likelihood does not depend on the proposal). The MCMC
 * settings serve the proposals and the final posterior.
 *
 * @param chains         MCMC chains (sbi: 20)
 * @param warmup         warm-up sweeps per chain
 * @param thin           sweeps per kept draw
 * @param initCandidates prior draws per chain for its SIR start
 * @param stepOutLimit   Neal's step-out limit m
 * @param warmStart      rounds after the first continue from the previous round's weights and
 *                       z-scoring (true, sbi's {@code retrain_from_scratch=False}); false: a
 *                       new network each round
 */
public record SnleSettings(int chains, int warmup, int thin, int initCandidates,
                           int stepOutLimit, boolean warmStart) implements LikelihoodMethod {

    public SnleSettings {
        new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    /** {@link McmcSettings#defaults()}, warm start. */
    public static SnleSettings defaults() {
        McmcSettings m = McmcSettings.defaults();
        return new SnleSettings(m.chains(), m.warmup(), m.thin(), m.initCandidates(),
                m.stepOutLimit(), true);
    }

    @Override
    public String kind() {
        return "snle";
    }

    @Override
    public McmcSettings mcmc() {
        return new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }
}
