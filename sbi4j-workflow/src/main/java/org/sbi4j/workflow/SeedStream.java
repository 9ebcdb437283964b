package org.sbi4j.workflow;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.sim.SimulationStreams;

/**
 * The one registry of the random streams a run derives from its seed, by purpose. Stream
 * {@code index() + k} of seed s is {@link SimulationStreams#streamFor(long, long)
 * streamFor(s, index() + k)}: independent of the simulation streams 0, 1, 2, … and of each other,
 * so that the command line and a Java program draw identical bits for the same seed, and a
 * diagnosis does not change when another one is added. The indices are fixed: changing one
 * changes every result drawn from it.
 *
 * <p>Purposes with a per-item offset {@code k} (observation k, sbibm observation k) use
 * {@link #streamFor(long, long)}: {@link #SAMPLES} and {@link #SBIBM_C2ST}, each at least 0x1000
 * below the next index.
 */
public enum SeedStream {

    /** Test pairs (θ, x) of SBC and coverage: the run seed of their simulations. */
    TEST_PAIRS(0x5B14_D1A6_0000L),
    /** SBC: posterior draws for the ranks and the rank tests. */
    SBC(0x5B14_D1A6_1000L),
    /** Posterior predictive check: posterior and nuisance draws. */
    PPC(0x5B14_D1A6_2000L),
    /** Posterior predictive check: the run seed of its simulations (one stream per draw). */
    PPC_SIMULATIONS(0x5B14_D1A6_2001L),
    /** Identifiability: posterior and prior draws. */
    IDENTIFIABILITY(0x5B14_D1A6_3000L),
    /** {@code diagnose c2st}: the classifier's folds, initial weights and shuffles. */
    C2ST(0x5B14_D1A6_4000L),
    /** Posterior samples for observation k: offset k (from 1). */
    SAMPLES(0x5B14_5A3B_0000L),
    /** The demo's SBC and coverage draws (its test simulations use seed + 1). */
    DEMO_SBC(0x5B14_5BC0_0000L),
    /** The demo's C2ST against the reference posterior. */
    DEMO_C2ST(0x5B14_C257_0000L),
    /** The examples' C2ST against their reference samples. */
    EXAMPLE_C2ST(0x5B14_C257_E000L),
    /** The galaxy-clustering example's prior draws for the identifiability report. */
    EXAMPLE_PRIOR(0x5B14_C257_E064L),
    /**
     * The run seed of the sequential analysis of observation k (offset k): each observation's
     * rounds simulate and train under their own seed ({@link #seedFor(long, long)}).
     */
    SEQUENTIAL_RUN(0x5B14_5E90_0000L),
    /** The sbibm benchmark's C2ST for observation k: offset k. */
    SBIBM_C2ST(0x5B14_C257_B000L),
    /** The Lorenz-96 example's amortised test simulations. */
    LORENZ96_TESTS(0x5B14_1096_0000L),
    /** The Lorenz-96 example's likelihood-slice series. */
    LORENZ96_SLICE(0x5B14_1096_0001L);

    private final long index;

    SeedStream(long index) {
        this.index = index;
    }

    /** The stream index under the run seed. */
    public long index() {
        return index;
    }

    /** The generator of this purpose under {@code seed}. */
    public UniformRandomProvider streamFor(long seed) {
        return SimulationStreams.streamFor(seed, index);
    }

    /** The generator of item {@code k} of this purpose under {@code seed}. */
    public UniformRandomProvider streamFor(long seed, long k) {
        return SimulationStreams.streamFor(seed, index(k));
    }

    /** A derived seed (e.g. of a simulation run) for this purpose under {@code seed}. */
    public long seedFor(long seed) {
        return SimulationStreams.seedFor(seed, index);
    }

    /** A derived seed for item {@code k} of this purpose under {@code seed}. */
    public long seedFor(long seed, long k) {
        return SimulationStreams.seedFor(seed, index(k));
    }

    /** The index of item {@code k ≥ 0}: {@code index() + k}. */
    public long index(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("stream offset of " + name()
                    + " must be at least 0, got " + k);
        }
        return index + k;
    }
}
