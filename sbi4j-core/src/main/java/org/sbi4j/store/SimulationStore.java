package org.sbi4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * A resumable simulation run in a folder: simulations are written in chunks as they finish, so a
 * run that is killed loses at most the chunks in flight, and a run with the same settings in the
 * same folder continues where it stopped.
 *
 * <p>Layout of {@code dir}: {@code manifest.json} (settings and completed chunks, replaced
 * atomically after each chunk's files are in place), chunk files {@code theta_<from>_<to>.npy}
 * (kept rows × dθ float32), {@code x_<from>_<to>.npy} (kept rows × dx float32) and
 * {@code index_<from>_<to>.npy} (int64 simulation indices); after {@link #finish()}:
 * {@code theta.npy}, {@code x.npy} and {@code index.npy} with the valid rows of the whole range
 * in index order (the chunk files are then deleted).
 *
 * <p>Simulation i uses only the stream {@code SimulationStreams.streamFor(seed, i)}, so a
 * resumed, sharded-and-merged or distributed run writes exactly the files of an uninterrupted
 * run: the final files are byte-for-byte those {@link Npy#write} gives for the result of
 * {@code Simulations.run(prior, simulator, n, seed, ...)}.
 *
 * <pre>{@code
 * SimulationStore store = SimulationStore.open(dir, StoreSettings.of("two_moons", "uniform(-1,1)^2",
 *         42, 1_000_000, 10_000, 2, 2));
 * store.run(prior, simulator, 4, SimulationProgress.NONE);  // resumes if dir holds a partial run
 * StoreSummary s = store.finish();
 * }</pre>
 * Not thread-safe; one process per folder.
 */
public final class SimulationStore {

    private final Path dir;
    private Manifest manifest;

    private SimulationStore(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens the store in {@code dir} for {@code settings}: creates it in an empty or missing
     * folder, or resumes the run found there.
     *
     * @throws IllegalArgumentException if the folder holds a run with other settings (naming the
     *         first that differs) or is not empty and holds no manifest
     */
    public static SimulationStore open(Path dir, StoreSettings settings) throws IOException {
        if (Manifest.exists(dir)) {
            Manifest m = Manifest.read(dir);
            String diff = m.settings().difference(settings, true);
            if (diff != null) {
                throw new IllegalArgumentException(dir + " holds a different simulation run ("
                        + diff.replaceFirst(" vs ", " there vs ") + " requested); use another"
                        + " folder, or delete it to start over");
            }
            StoreFiles.deleteTemporary(dir);
            return new SimulationStore(dir, m);
        }
        if (!StoreFiles.list(dir).isEmpty()) {
            throw new IllegalArgumentException(dir + " is not empty and holds no "
                    + Manifest.FILE + "; use an empty or new folder for a simulation store");
        }
        Files.createDirectories(dir);
        Manifest m = new Manifest(settings, List.of(), false);
        m.write(dir);
        return new SimulationStore(dir, m);
    }

    /** Opens the existing store in {@code dir} with the settings of its manifest. */
    public static SimulationStore openExisting(Path dir) throws IOException {
        if (!Manifest.exists(dir)) {
            throw new IllegalArgumentException(dir + " is not a simulation store (it has no "
                    + Manifest.FILE + ")");
        }
        return new SimulationStore(dir, Manifest.read(dir));
    }

    public Path dir() {
        return dir;
    }

    public StoreSettings settings() {
        return manifest.settings();
    }

    /** Completed chunks in index order. */
    public List<StoreChunk> chunks() {
        return manifest.chunks();
    }

    /** The chunks still to simulate, in index order (at most chunkSize indices each). */
    public List<IndexRange> missing() {
        return manifest.missing();
    }

    /** True when every index of the range has been simulated. */
    public boolean isComplete() {
        return missing().isEmpty();
    }

    /** True when the final files have been written. */
    public boolean isFinished() {
        return manifest.finished();
    }

    /**
     * Simulates the missing chunks in index order with {@code threads} worker threads, writing
     * each chunk's files and the manifest as it finishes. {@code progress} sees done/total over
     * the whole range (starting at the count already done).
     *
     * @throws IllegalArgumentException if prior or simulator do not match the settings' shapes
     */
    public void run(Prior prior, Simulator simulator, int threads, SimulationProgress progress)
            throws IOException {
        StoreSettings s = settings();
        if (prior.dim() != s.thetaDim() || !Arrays.equals(simulator.xShape(), s.xShape())) {
            throw new IllegalArgumentException("the store holds theta of dimension " + s.thetaDim()
                    + " and x of shape " + Arrays.toString(s.xShape()) + ", but the prior has "
                    + prior.dim() + " and the simulator " + Arrays.toString(simulator.xShape()));
        }
        long total = s.indexRange().size();
        for (IndexRange r : missing()) {
            long base = total - missing().stream().mapToLong(IndexRange::size).sum();
            SimulationResult result = Simulations.builder(prior, simulator).seed(s.seed())
                    .threads(threads).progress((done, all) -> progress.update(base + done, total))
                    .run(r.from(), r.to());
            writeChunk(r, result);
        }
    }

    /**
     * Stores the result of simulating {@code range} (all of it attempted, e.g. by a Spark task):
     * writes the chunk files, then records the chunk in the manifest.
     *
     * @throws IllegalArgumentException if the range lies outside the store or overlaps a completed
     *         chunk, or the result does not belong to it (count, indices or shapes)
     */
    public void writeChunk(IndexRange range, SimulationResult result) throws IOException {
        check(range, result);
        StoreChunk c = new StoreChunk(range, result.size(), result.failureExamples());
        StoreFiles.Segment seg = StoreFiles.chunk(dir, c);
        writeAtomically(seg.theta(), NpyArray.of(result.theta()));
        writeAtomically(seg.x(), NpyArray.of(result.x()));
        writeAtomically(seg.index(), NpyArray.of(result.index()));
        Manifest next = manifest.with(c);
        next.write(dir);
        manifest = next;
    }

    private void check(IndexRange range, SimulationResult r) {
        StoreSettings s = settings();
        if (range.from() < s.from() || range.to() > s.to() || range.size() == 0) {
            throw new IllegalArgumentException("chunk " + range + " is empty or outside the store's"
                    + " range " + s.indexRange());
        }
        for (StoreChunk c : chunks()) {
            if (c.range().overlaps(range)) {
                throw new IllegalArgumentException("chunk " + range + " overlaps the completed"
                        + " chunk " + c.range());
            }
        }
        if (r.attempted() != range.size() || r.theta().cols() != s.thetaDim()
                || !Arrays.equals(r.xShape(), s.xShape())) {
            throw new IllegalArgumentException("a result of " + r.attempted() + " simulations with"
                    + " theta " + r.theta().cols() + " and x " + Arrays.toString(r.xShape())
                    + " is not chunk " + range + " of this store (theta " + s.thetaDim() + ", x "
                    + Arrays.toString(s.xShape()) + ")");
        }
        long prev = range.from() - 1;
        for (long i : r.index()) {
            if (i <= prev || i >= range.to()) {
                throw new IllegalArgumentException("index " + i + " is out of order or outside"
                        + " chunk " + range);
            }
            prev = i;
        }
    }

    private static void writeAtomically(Path file, NpyArray a) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Npy.write(tmp, a);
        StoreFiles.moveAtomically(tmp, file);
    }

    /**
     * Writes theta.npy, x.npy and index.npy (valid rows in index order), marks the manifest
     * finished and deletes the chunk files. Does nothing more if already finished.
     *
     * @throws IllegalStateException if chunks are missing (naming the first)
     */
    public StoreSummary finish() throws IOException {
        if (!manifest.finished()) {
            List<IndexRange> todo = missing();
            if (!todo.isEmpty()) {
                throw new IllegalStateException("cannot finish " + dir + ": " + todo.size()
                        + " chunks are missing, the first " + todo.get(0) + "; run it first");
            }
            List<StoreFiles.Segment> parts = new ArrayList<>();
            for (StoreChunk c : chunks()) {
                parts.add(StoreFiles.chunk(dir, c));
            }
            StoreFiles.concat(parts, dir, settings().thetaDim(), settings().xDim());
            Manifest done = manifest.finish();
            done.write(dir);
            manifest = done;
            for (StoreFiles.Segment p : parts) {
                for (String kind : StoreFiles.KINDS) {
                    Files.deleteIfExists(p.file(kind));
                }
            }
        }
        return summary();
    }

    /** Rows, attempts and failure examples of the completed chunks. */
    public StoreSummary summary() {
        return StoreSummary.of(chunks(), Simulations.MAX_EXAMPLES);
    }

    /** The row blocks holding this store's data, in index order (final files once finished). */
    List<StoreFiles.Segment> segments() {
        if (manifest.finished()) {
            return List.of(StoreFiles.finals(dir, summary().rows()));
        }
        return chunks().stream().map(c -> StoreFiles.chunk(dir, c)).toList();
    }

    /** The finished store's rows in memory (for runs that fit in the heap). */
    public SimulationResult load() throws IOException {
        if (!isFinished()) {
            throw new IllegalStateException(dir + " is not finished; call finish() first");
        }
        Matrix theta = Npy.readMatrix(dir.resolve("theta.npy"));
        Matrix x = Npy.readMatrix(dir.resolve("x.npy"));
        long[] index = Npy.read(dir.resolve("index.npy")).longs();
        StoreSummary s = summary();
        return new SimulationResult(theta, x, index, s.attempted(), s.invalid(),
                s.failureExamples(), settings().xShape());
    }

}
