package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;

/**
 * Amortised NLE ({@code nle}; Papamakarios et al. 2019): one round on the prior trains
 * q(x | θ), valid for every observation; the posterior at an observation (of one or more iid
 * trials) is sampled by the slice sampler with these settings ({@link McmcSettings}).
 *
 * @param chains         MCMC chains (sbi: 20)
 * @param warmup         warm-up sweeps per chain
 * @param thin           sweeps per kept draw
 * @param initCandidates prior draws per chain for its SIR start
 * @param stepOutLimit   Neal's step-out limit m
 */
public record NleSettings(int chains, int warmup, int thin, int initCandidates,
                          int stepOutLimit) implements LikelihoodMethod {

    public NleSettings {
        new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    /** {@link McmcSettings#defaults()}. */
    public static NleSettings defaults() {
        McmcSettings m = McmcSettings.defaults();
        return new NleSettings(m.chains(), m.warmup(), m.thin(), m.initCandidates(),
                m.stepOutLimit());
    }

    @Override
    public String kind() {
        return "nle";
    }

    @Override
    public McmcSettings mcmc() {
        return new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    @Override
    public void checkRounds(int rounds) {
        if (rounds != 1) {
            throw new IllegalArgumentException("nle (amortised) runs in 1 round, got rounds = "
                    + rounds + "; use method snle for several rounds");
        }
    }
}
