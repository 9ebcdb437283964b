package org.sbi4j.rounds;

import java.util.Arrays;

/**
 * How many simulations each round runs and under which seed: round r simulates
 * {@code simulations[r]} pairs at the indices after those of the rounds before it, so
 * simulation i's generator is always (seed, i), whatever the rounds.
 *
 * @param simulations per round, each ≥ 1; the number of rounds is the length (≥ 1)
 * @param seed        the run seed
 * @param threads     simulation and training threads (results do not depend on it)
 */
public record RoundPlan(int[] simulations, long seed, int threads) {

    public RoundPlan {
        if (simulations == null || simulations.length == 0) {
            throw new IllegalArgumentException("a sequential run needs at least 1 round, got "
                    + (simulations == null ? "none" : "0 rounds"));
        }
        for (int r = 0; r < simulations.length; r++) {
            if (simulations[r] < 1) {
                throw new IllegalArgumentException("round " + r + " must simulate at least 1 "
                        + "pair, got " + simulations[r]);
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        simulations = simulations.clone();
    }

    /**
     * {@code total} simulations in {@code rounds} equal shares (the first rounds take the
     * remainder, one each).
     */
    public static RoundPlan equalShares(int total, int rounds, long seed, int threads) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (total < rounds) {
            throw new IllegalArgumentException("a budget of " + total + " simulations cannot "
                    + "be shared by " + rounds + " rounds");
        }
        int[] n = new int[rounds];
        for (int r = 0; r < rounds; r++) {
            n[r] = total / rounds + (r < total % rounds ? 1 : 0);
        }
        return new RoundPlan(n, seed, threads);
    }

    /** Number of rounds. */
    public int rounds() {
        return simulations.length;
    }

    /** Simulations of round r. */
    public int simulations(int r) {
        return simulations[r];
    }

    /** All rounds' simulations. */
    public long total() {
        return Arrays.stream(simulations).asLongStream().sum();
    }

    /** Index of round r's first simulation. */
    public long firstIndex(int r) {
        long s = 0;
        for (int k = 0; k < r; k++) {
            s += simulations[k];
        }
        return s;
    }

    @Override
    public int[] simulations() {
        return simulations.clone();
    }
}
