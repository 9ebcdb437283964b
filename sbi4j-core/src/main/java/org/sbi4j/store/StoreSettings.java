package org.sbi4j.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a simulation store holds: which simulator and prior, the run seed, the total number of
 * simulations n of the run, the index range [from, to) this store covers (all of [0, n), or one
 * shard), the chunk size (simulations per chunk file) and the shapes of θ and x.
 *
 * <p>Two runs produce the same numbers exactly when simulator, prior, seed and shapes agree
 * (simulation i depends only on (seed, i)); a store refuses to resume a run with other settings.
 * The ids are free text chosen by the caller (e.g. a task name and a prior description).
 *
 * @param simulator simulator / task id, e.g. "two_moons"
 * @param prior     prior description, e.g. "uniform(-1, 1)^2"
 * @param seed      run seed
 * @param n         simulations in the whole run (all shards)
 * @param from      first index of this store
 * @param to        one past the last index of this store (≤ n)
 * @param chunkSize simulations per chunk file (≥ 1)
 * @param thetaDim  dθ
 * @param xShape    logical shape of one x (product dx)
 */
public record StoreSettings(String simulator, String prior, long seed, long n, long from, long to,
        int chunkSize, int thetaDim, int[] xShape) {

    /** Validates the settings; see the factories. */
    public StoreSettings {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(prior, "prior");
        if (n < 0 || from < 0 || to < from || to > n) {
            throw new IllegalArgumentException("index range [" + from + ", " + to
                    + ") does not lie in a run of " + n + " simulations");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
        }
        if (thetaDim < 1) {
            throw new IllegalArgumentException("theta dimension must be >= 1, got " + thetaDim);
        }
        if (xShape.length == 0 || Arrays.stream(xShape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("bad x shape " + Arrays.toString(xShape));
        }
        xShape = xShape.clone();
    }

    /** Settings for all n simulations [0, n). */
    public static StoreSettings of(String simulator, String prior, long seed, long n,
            int chunkSize, int thetaDim, int... xShape) {
        return new StoreSettings(simulator, prior, seed, n, 0, n, chunkSize, thetaDim, xShape);
    }

    /** The same run restricted to shard i of N: {@link IndexRange#shard}(i, N, n). */
    public StoreSettings shard(int shard, int shards) {
        return range(IndexRange.shard(shard, shards, n));
    }

    /** The same run restricted to {@code r} (within [0, n)). */
    public StoreSettings range(IndexRange r) {
        return new StoreSettings(simulator, prior, seed, n, r.from(), r.to(), chunkSize, thetaDim,
                xShape);
    }

    /** [from, to). */
    public IndexRange indexRange() {
        return new IndexRange(from, to);
    }

    /** dx, the product of the x shape. */
    public int xDim() {
        return Arrays.stream(xShape).reduce(1, Math::multiplyExact);
    }

    /** The x shape (a copy). */
    @Override
    public int[] xShape() {
        return xShape.clone();
    }

    /**
     * The first setting in which {@code other} differs, as "seed: 7 (here) vs 42 (other)", or null
     * if they describe the same run. The range and chunk size are compared only if asked.
     */
    public String difference(StoreSettings other, boolean rangeAndChunks) {
        String[][] pairs = {
            {"simulator", simulator, other.simulator},
            {"prior", prior, other.prior},
            {"seed", Long.toString(seed), Long.toString(other.seed)},
            {"n", Long.toString(n), Long.toString(other.n)},
            {"theta dimension", Integer.toString(thetaDim), Integer.toString(other.thetaDim)},
            {"x shape", Arrays.toString(xShape), Arrays.toString(other.xShape)},
            {"index range", indexRange().toString(), other.indexRange().toString()},
            {"chunk size", Integer.toString(chunkSize), Integer.toString(other.chunkSize)},
        };
        int compared = rangeAndChunks ? pairs.length : pairs.length - 2;
        for (int i = 0; i < compared; i++) {
            if (!pairs[i][1].equals(pairs[i][2])) {
                return pairs[i][0] + ": " + Json.quote(pairs[i][1]) + " vs "
                        + Json.quote(pairs[i][2]);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSettings s && difference(s, true) == null;
    }

    @Override
    public int hashCode() {
        return Objects.hash(simulator, prior, seed, n, from, to, chunkSize, thetaDim,
                Arrays.hashCode(xShape));
    }

    @Override
    public String toString() {
        return "StoreSettings[simulator=" + simulator + ", prior=" + prior + ", seed=" + seed
                + ", n=" + n + ", range=" + indexRange() + ", chunkSize=" + chunkSize
                + ", thetaDim=" + thetaDim + ", xShape=" + Arrays.toString(xShape) + "]";
    }
}
