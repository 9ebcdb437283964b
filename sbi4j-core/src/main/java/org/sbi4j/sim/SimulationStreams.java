package org.sbi4j.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * The one derivation of the random stream of simulation {@code i} from the run seed. Simulation
 * i draws θ_i from the prior and then x_i from the simulator with this stream alone, so a run's
 * numbers do not depend on thread count, chunking, shards (index ranges) or resumes.
 *
 * <p>With γ = 0x9E3779B97F4A7C15 (SplitMix64's increment) and mix64 the SplitMix64 output
 * function (Stafford's variant 13: {@code z ^= z>>>30; z *= 0xBF58476D1CE4E5B9;
 * z ^= z>>>27; z *= 0x94D049BB133111EB; z ^= z>>>31}):
 * <pre>
 *   h   = mix64(runSeed)
 *   s0  = mix64(h + (2i+1)·γ)      s1 = mix64(h + (2i+2)·γ)     (arithmetic mod 2^64)
 *   stream_i      = XoRoShiRo128++ with state (s0, s1)   (commons-rng XoRoShiRo128PlusPlus)
 *   seedFor(i)    = s0 >>> 11     (in [0, 2^53): exact as a JSON / IEEE double number)
 * </pre>
 * (s0, s1) are outputs 2i+1 and 2i+2 of SplitMix64 seeded with h, so distinct indices of one run
 * get distinct generator states (mix64 is a bijection, γ is odd), never the all-zero state.
 * {@code seedFor} is what a batch or external-process simulator receives to seed its own
 * generator. References: Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014; Blackman, Vigna, "Scrambled linear pseudorandom number generators", 2021.
 */
public final class SimulationStreams {

    /** SplitMix64's increment, the odd integer closest to 2^64/φ. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SimulationStreams() {
    }

    /** The SplitMix64 output function (a bijection on 64-bit values). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The generator of simulation {@code index} (≥ 0) of the run seeded with {@code runSeed}. */
    public static UniformRandomProvider streamFor(long runSeed, long index) {
        long h = mix64(runSeed);
        long k = 2 * checkIndex(index);
        return new XoRoShiRo128PlusPlus(mix64(h + (k + 1) * GAMMA), mix64(h + (k + 2) * GAMMA));
    }

    /**
     * A seed in [0, 2^53) for simulation {@code index}, for simulators that seed their own
     * generator (e.g. an external process receiving it as a JSON number).
     */
    public static long seedFor(long runSeed, long index) {
        long h = mix64(runSeed);
        return mix64(h + (2 * checkIndex(index) + 1) * GAMMA) >>> 11;
    }

    private static long checkIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("simulation index must be >= 0, got " + index);
        }
        return index;
    }
}
