package org.sbi4j.mcmc;

/**
 * How {@link SliceSampler} runs.
 *
 * @param chains         chains run together, ≥ 1 (sbi's default for NLE: 20; sbibm's: 100)
 * @param warmup         sweeps per chain discarded before the first kept draw, ≥ 0; the slice
 *                       widths adapt during them only
 * @param thin           sweeps per kept draw, ≥ 1 (one sweep updates every coordinate once)
 * @param initCandidates prior draws per chain from which its start is resampled with weights
 *                       π(θ)/p(θ) (sampling-importance-resampling, sbi's {@code resample}
 *                       initialisation), ≥ 1
 * @param stepOutLimit   Neal's m: at most m intervals of width w in the stepping-out phase,
 *                       split at random between the two sides, ≥ 1
 */
public record McmcSettings(int chains, int warmup, int thin, int initCandidates,
                           int stepOutLimit) {

    public McmcSettings {
        check(chains >= 1, "chains must be >= 1", chains);
        check(warmup >= 0, "warmup must be >= 0", warmup);
        check(thin >= 1, "thin must be >= 1", thin);
        check(initCandidates >= 1, "init_candidates must be >= 1", initCandidates);
        check(stepOutLimit >= 1, "step_out_limit must be >= 1", stepOutLimit);
    }

    /**
     * 100 chains, 500 warm-up sweeps, thinning 5, 1,000 SIR candidates per chain, m = 50.
     * Measured on SNLE at 10,000 simulations (docs/benchmarks.md, 2026-12-04): against sbi's
     * 20 chains and 100 warm-up sweeps, SLCP 0.714 → 0.659 C2ST (chains stay in the mode
     * their start chose, so more chains weigh its four modes better), Lotka–Volterra
     * 0.644 → 0.623 (its chains need the longer warm-up), Bernoulli GLM 0.551 → 0.552; the
     * MCMC costs about twice the target evaluations for 10,000 draws.
     */
    public static McmcSettings defaults() {
        return new McmcSettings(100, 500, 5, 1_000, 50);
    }

    /** These settings with another number of chains. */
    public McmcSettings withChains(int n) {
        return new McmcSettings(n, warmup, thin, initCandidates, stepOutLimit);
    }

    /** These settings with another warm-up and thinning. */
    public McmcSettings withWarmupAndThin(int warm, int thinning) {
        return new McmcSettings(chains, warm, thinning, initCandidates, stepOutLimit);
    }

    private static void check(boolean ok, String what, int value) {
        if (!ok) {
            throw new IllegalArgumentException("MCMC: " + what + ", got " + value);
        }
    }
}
