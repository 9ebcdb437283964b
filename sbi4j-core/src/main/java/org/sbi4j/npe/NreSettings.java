package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nre.RatioLoss;

/**
 * Amortised contrastive NRE ({@code nre}, NRE-C; Miller et al. 2022): one round on the prior
 * trains a ratio classifier with K contrastive classes, valid for every observation; the
 * posterior at an observation (one or more iid trials) is sampled by the slice sampler.
 *
 * @param numClasses     K ≥ 2, contrastive classes (sbi: 5)
 * @param gamma          γ &gt; 0, odds of the joint class (sbi: 1)
 * @param chains         MCMC chains (sbi: 20)
 * @param warmup         warm-up sweeps per chain
 * @param thin           sweeps per kept draw
 * @param initCandidates prior draws per chain for its SIR start
 * @param stepOutLimit   Neal's step-out limit m
 */
public record NreSettings(int numClasses, double gamma, int chains, int warmup, int thin,
                          int initCandidates, int stepOutLimit) implements RatioMethod {

    public NreSettings {
        RatioLoss.Contrastive.of(numClasses, gamma);
        new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    /** K = 5, γ = 1, {@link McmcSettings#defaults()}. */
    public static NreSettings defaults() {
        McmcSettings m = McmcSettings.defaults();
        return new NreSettings(5, 1.0, m.chains(), m.warmup(), m.thin(), m.initCandidates(),
                m.stepOutLimit());
    }

    @Override
    public String kind() {
        return "nre";
    }

    @Override
    public RatioLoss loss() {
        return RatioLoss.Contrastive.of(numClasses, gamma);
    }

    @Override
    public McmcSettings mcmc() {
        return new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }
}
