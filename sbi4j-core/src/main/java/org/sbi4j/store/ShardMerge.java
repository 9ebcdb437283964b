package org.sbi4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sbi4j.sim.Simulations;

/**
 * Joins the stores of shards of one run (e.g. the tasks of a Slurm job array, each running
 * {@link StoreSettings#shard}(i, N)) into one finished store holding all n simulations.
 *
 * <p>Checks, each failing with an IllegalArgumentException that names the folders: every folder
 * is a store; all come from the same run (simulator, prior, seed, n and shapes; the first
 * difference is named); every shard is complete; no two shards overlap; together they cover
 * 0 .. n−1 (the gaps are listed). The rows are then written in index order to
 * {@code out/theta.npy}, {@code x.npy}, {@code index.npy} with a finished manifest for [0, n):
 * byte-for-byte the files of one uninterrupted run. The shard folders are only read.
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    /**
     * Merges {@code shards} into {@code out}.
     *
     * @param overwrite replace the store files of a non-empty {@code out} (other files are kept)
     * @throws IllegalArgumentException for the problems listed above, or a non-empty {@code out}
     *         without {@code overwrite}, or {@code out} being one of the shards
     */
    public static StoreSummary merge(List<Path> shards, Path out, boolean overwrite)
            throws IOException {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no shard folders to merge");
        }
        List<SimulationStore> stores = new ArrayList<>();
        for (Path p : shards) {
            if (Files.exists(out) && Files.exists(p) && Files.isSameFile(p, out)) {
                throw new IllegalArgumentException("the output folder " + out
                        + " is also a shard; write the merge to another folder");
            }
            stores.add(SimulationStore.openExisting(p));
        }
        StoreSettings ref = checkSameRun(stores);
        stores.sort(Comparator.comparing(s -> s.settings().indexRange()));
        checkCoverage(stores, ref.n());
        prepare(out, overwrite);
        List<StoreFiles.Segment> parts = new ArrayList<>();
        List<StoreChunk> chunks = new ArrayList<>();
        for (SimulationStore s : stores) {
            parts.addAll(s.segments());
            chunks.addAll(s.chunks());
        }
        StoreSettings all = ref.range(new IndexRange(0, ref.n()));
        Manifest open = new Manifest(all, chunks, false);
        open.write(out);
        StoreFiles.concat(parts, out, ref.thetaDim(), ref.xDim());
        open.finish().write(out);
        return StoreSummary.of(chunks, Simulations.MAX_EXAMPLES);
    }

    private static StoreSettings checkSameRun(List<SimulationStore> stores) {
        SimulationStore first = stores.get(0);
        for (SimulationStore s : stores) {
            String diff = first.settings().difference(s.settings(), false);
            if (diff != null) {
                throw new IllegalArgumentException("shards " + first.dir() + " and " + s.dir()
                        + " come from different runs (" + diff + ")");
            }
            if (!s.isComplete()) {
                List<IndexRange> todo = s.missing();
                throw new IllegalArgumentException("shard " + s.dir() + " is incomplete: "
                        + todo.size() + " chunks missing, the first " + todo.get(0)
                        + "; resume it before merging");
            }
        }
        return first.settings();
    }

    private static void checkCoverage(List<SimulationStore> sorted, long n) {
        List<String> gaps = new ArrayList<>();
        long at = 0;
        SimulationStore prev = null;
        for (SimulationStore s : sorted) {
            IndexRange r = s.settings().indexRange();
            if (prev != null && r.from() < at && r.size() > 0) {
                throw new IllegalArgumentException("shards " + prev.dir() + " "
                        + prev.settings().indexRange() + " and " + s.dir() + " " + r
                        + " overlap");
            }
            if (r.from() > at) {
                gaps.add(new IndexRange(at, r.from()).toString());
            }
            if (r.size() > 0) {
                at = r.to();
                prev = s;
            }
        }
        if (at < n) {
            gaps.add(new IndexRange(at, n).toString());
        }
        if (!gaps.isEmpty()) {
            throw new IllegalArgumentException("the shards do not cover simulations 0.."
                    + (n - 1) + ": missing " + String.join(", ", gaps));
        }
    }

    private static void prepare(Path out, boolean overwrite) throws IOException {
        if (!StoreFiles.list(out).isEmpty()) {
            if (!overwrite) {
                throw new IllegalArgumentException(out + " is not empty; choose an empty folder"
                        + " or overwrite it");
            }
            StoreFiles.deleteStoreFiles(out);
        }
        Files.createDirectories(out);
    }
}
