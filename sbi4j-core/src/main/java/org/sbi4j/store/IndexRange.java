package org.sbi4j.store;

/**
 * The simulation indices [from, to): a chunk of a store, a shard of a run, or a gap.
 *
 * @param from first index (≥ 0)
 * @param to   one past the last index (≥ from)
 */
public record IndexRange(long from, long to) implements Comparable<IndexRange> {

    /** Checks 0 ≤ from ≤ to. */
    public IndexRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad index range [" + from + ", " + to + ")");
        }
    }

    /** Number of indices, to − from. */
    public long size() {
        return to - from;
    }

    /** True if the ranges share an index. */
    public boolean overlaps(IndexRange o) {
        return from < o.to && o.from < to && size() > 0 && o.size() > 0;
    }

    /**
     * Shard {@code shard} of {@code shards} of a run of n simulations: the contiguous range
     * [⌊i·n/N⌋, ⌊(i+1)·n/N⌋). The N shards partition [0, n) and their sizes differ by at most 1.
     *
     * @throws IllegalArgumentException unless 0 ≤ i &lt; N and n ≥ 0 (i·n must fit in a long)
     */
    public static IndexRange shard(int shard, int shards, long n) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards
                    + " does not exist (need 0 <= shard < shards)");
        }
        if (n < 0) {
            throw new IllegalArgumentException("number of simulations must be >= 0, got " + n);
        }
        return new IndexRange(Math.multiplyExact(n, shard) / shards,
                Math.multiplyExact(n, shard + 1L) / shards);
    }

    @Override
    public int compareTo(IndexRange o) {
        int c = Long.compare(from, o.from);
        return c != 0 ? c : Long.compare(to, o.to);
    }

    /** "[from, to)". */
    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
