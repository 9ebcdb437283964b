package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nre.RatioLoss;

/**
 * Sequential contrastive NRE ({@code snre}): round 0 simulates from the prior, each later round
 * from the current MCMC posterior at x_o; every round trains the NRE-C classifier on all
 * rounds' pairs. No correction is needed: on θ from a proposal p̃ the classifier learns
 * p(x | θ)/p̃(x), proportional in θ to the likelihood, so the posterior stays p(θ)·r(x_o, θ).
 *
 * @param numClasses     K ≥ 2, contrastive classes (sbi: 5)
 * @param gamma          γ &gt; 0, odds of the joint class (sbi: 1)
 * @param chains         MCMC chains (sbi: 20)
 * @param warmup         warm-up sweeps per chain
 * @param thin           sweeps per kept draw
 * @param initCandidates prior draws per chain for its SIR start
 * @param stepOutLimit   Neal's step-out limit m
 * @param warmStart      rounds after the first continue from the previous round's weights and
 *                       z-scoring (true, sbi's default); false: a new network each round
 */
public record SnreSettings(int numClasses, double gamma, int chains, int warmup, int thin,
                           int initCandidates, int stepOutLimit, boolean warmStart)
        implements RatioMethod {

    public SnreSettings {
        RatioLoss.Contrastive.of(numClasses, gamma);
        new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    /** K = 5, γ = 1, {@link McmcSettings#defaults()}, warm start. */
    public static SnreSettings defaults() {
        McmcSettings m = McmcSettings.defaults();
        return new SnreSettings(5, 1.0, m.chains(), m.warmup(), m.thin(), m.initCandidates(),
                m.stepOutLimit(), true);
    }

    @Override
    public String kind() {
        return "snre";
    }

    @Override
    public RatioLoss loss() {
        return RatioLoss.Contrastive.of(numClasses, gamma);
    }

    @Override
    public McmcSettings mcmc() {
        return new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    @Override
    public boolean sequential() {
        return true;
    }

    /** Any number of rounds ≥ 1. */
    @Override
    public void checkRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("snre: rounds must be >= 1, got " + rounds);
        }
    }
}
