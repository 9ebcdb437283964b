package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nre.RatioLoss;

/**
 * Amortised balanced NRE ({@code bnre}; Delaunoy et al. 2022): one round on the prior trains a
 * binary joint-vs-marginal classifier with the balance penalty λ·(E_joint σ(d) +
 * E_marg σ(d) − 1)², which makes its posteriors conservative; sampled as {@code nre}'s.
 *
 * @param regularizationStrength λ ≥ 0, the balance penalty's weight (sbi: 100)
 * @param chains                 MCMC chains (sbi: 20)
 * @param warmup                 warm-up sweeps per chain
 * @param thin                   sweeps per kept draw
 * @param initCandidates         prior draws per chain for its SIR start
 * @param stepOutLimit           Neal's step-out limit m
 */
public record BnreSettings(double regularizationStrength, int chains, int warmup, int thin,
                           int initCandidates, int stepOutLimit) implements RatioMethod {

    public BnreSettings {
        RatioLoss.Balanced.of(regularizationStrength);
        new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }

    /** λ = 100, {@link McmcSettings#defaults()}. */
    public static BnreSettings defaults() {
        McmcSettings m = McmcSettings.defaults();
        return new BnreSettings(100.0, m.chains(), m.warmup(), m.thin(), m.initCandidates(),
                m.stepOutLimit());
    }

    @Override
    public String kind() {
        return "bnre";
    }

    @Override
    public RatioLoss loss() {
        return RatioLoss.Balanced.of(regularizationStrength);
    }

    @Override
    public McmcSettings mcmc() {
        return new McmcSettings(chains, warmup, thin, initCandidates, stepOutLimit);
    }
}
