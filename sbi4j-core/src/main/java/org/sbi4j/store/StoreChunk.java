package org.sbi4j.store;

import java.util.List;

/**
 * A completed chunk of a store: the simulations of {@code range} were all attempted, {@code kept}
 * of them were valid (their rows are in the chunk files), and {@code failures} holds the messages
 * of the first few invalid ones.
 *
 * @param range    the simulation indices of the chunk
 * @param kept     valid rows written (≤ range size)
 * @param failures up to {@link org.sbi4j.sim.Simulations#MAX_EXAMPLES} messages
 */
public record StoreChunk(IndexRange range, long kept, List<String> failures) {

    /** Checks 0 ≤ kept ≤ size and copies the messages. */
    public StoreChunk {
        if (kept < 0 || kept > range.size()) {
            throw new IllegalArgumentException(kept + " valid rows in a chunk " + range + " of "
                    + range.size() + " simulations");
        }
        failures = List.copyOf(failures);
    }

    /** Invalid simulations of the chunk. */
    public long invalid() {
        return range.size() - kept;
    }

    /** "theta_<from>_<to>.npy" and the like: the chunk file for {@code kind}. */
    String fileName(String kind) {
        return kind + "_" + range.from() + "_" + range.to() + ".npy";
    }
}
