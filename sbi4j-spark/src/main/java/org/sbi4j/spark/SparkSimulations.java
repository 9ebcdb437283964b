package org.sbi4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;

/**
 * Runs the missing chunks of a {@link SimulationStore} on Spark: each chunk [a, b) becomes one
 * partition, whose task simulates indices a .. b−1 on one core with the streams
 * {@code SimulationStreams.streamFor(seed, i)}; the driver collects the chunks in waves and writes
 * them into the store as they arrive. The store's files are therefore exactly those of a local
 * run with the same settings, and a driver that dies can be restarted: the chunks already in the
 * store are not simulated again.
 *
 * <p>Memory: the driver holds one wave (≤ {@code wave} chunks) at a time.
 */
public final class SparkSimulations {

    private SparkSimulations() {
    }

    /**
     * Simulates every missing chunk of {@code store} with {@code model} (which must match the
     * store's settings), {@code wave} chunks per Spark job.
     *
     * @param progress sees done/total simulations of the store's range after each wave
     */
    public static void run(JavaSparkContext sc, SimulationStore store, ModelSource model,
            int wave, SimulationProgress progress) throws IOException {
        if (wave < 1) {
            throw new IllegalArgumentException("wave must be >= 1 chunk, got " + wave);
        }
        StoreSettings s = store.settings();
        String diff = model.settings(s.seed(), s.n(), s.chunkSize()).range(s.indexRange())
                .difference(s, true);
        if (diff != null) {
            throw new IllegalArgumentException("the model does not match the store in " + store.dir()
                    + " (" + diff + ")");
        }
        long seed = s.seed();
        List<IndexRange> missing = store.missing();
        long total = s.indexRange().size();
        for (int w = 0; w < missing.size(); w += wave) {
            List<long[]> ranges = new ArrayList<>();
            for (IndexRange r : missing.subList(w, Math.min(missing.size(), w + wave))) {
                ranges.add(new long[] {r.from(), r.to()});
            }
            List<ChunkData> chunks = sc.parallelize(ranges, ranges.size())
                    .map(r -> ChunkData.simulate(model, seed, r[0], r[1])).collect();
            for (ChunkData c : chunks) {
                store.writeChunk(c.range(), c.toResult(s.thetaDim(), s.xShape()));
            }
            long left = store.missing().stream().mapToLong(IndexRange::size).sum();
            progress.update(total - left, total);
        }
    }

    /** {@link #run} with waves of 4 × the context's default parallelism. */
    public static void run(JavaSparkContext sc, SimulationStore store, ModelSource model)
            throws IOException {
        run(sc, store, model, 4 * sc.defaultParallelism(), SimulationProgress.NONE);
    }
}
