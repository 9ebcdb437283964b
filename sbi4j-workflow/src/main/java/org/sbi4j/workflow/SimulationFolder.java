package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sbi4j.data.Dataset;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.store.StoreSummary;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.external.ExternalSimulator;

/**
 * A simulation folder as {@code sbi4j simulate} and {@code sbi4j run} write it: the store's
 * manifest.json and chunks while unfinished; theta.npy, x.npy (float32, valid rows),
 * index.npy (int64 simulation index of each row) and metadata.json when finished.
 */
public final class SimulationFolder {

    /** The folder's description: source, seed, counts, x shape, seconds, library version. */
    public static final String METADATA = "metadata.json";

    private SimulationFolder() {
    }

    /**
     * Store settings for simulations 0…num−1 of {@code src} under {@code seed}, in chunks of
     * num/20 (at least 100, at most 10,000); for an external program a chunk is a whole number
     * of its batches and holds at least one batch per worker.
     */
    public static StoreSettings settings(Source src, long seed, long num) {
        long chunk = Math.max(100, Math.min(10_000, (num + 19) / 20));
        if (src.simulator() instanceof ExternalSimulator e) {
            long b = e.config().batchSize();
            chunk = Math.max(chunk, b * e.config().workers());
            chunk = Math.min((chunk + b - 1) / b * b, Math.max(b, Integer.MAX_VALUE / b * b));
        }
        return StoreSettings.of(src.simulatorId(), src.prior().toString(), seed, num, (int) chunk,
                src.prior().dim(), src.simulator().xShape());
    }

    /**
     * {@code settings} with the chunk size of the unfinished or finished run already in
     * {@code dir} when that run differs only in its chunk size (e.g. resumed with another
     * {@code --batch-size}), so that it resumes: chunking does not change the numbers.
     */
    public static StoreSettings resumable(Path dir, StoreSettings settings) throws IOException {
        if (!Files.exists(dir.resolve("manifest.json"))) {
            return settings;
        }
        StoreSettings old = SimulationStore.openExisting(dir).settings();
        if (old.chunkSize() != settings.chunkSize() && old.difference(settings, false) == null
                && old.from() == settings.from() && old.to() == settings.to()) {
            return new StoreSettings(settings.simulator(), settings.prior(), settings.seed(),
                    settings.n(), settings.from(), settings.to(), old.chunkSize(),
                    settings.thetaDim(), settings.xShape());
        }
        return settings;
    }

    /**
     * Opens the store of a new or unfinished run in {@code dir}. Refused: a file, a non-empty
     * folder that holds no store (unless {@code overwrite}, which first deletes the simulation
     * files, see {@link #clear}), and a folder holding this run finished.
     */
    public static SimulationStore openNew(Path dir, StoreSettings settings, boolean overwrite)
            throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output " + dir + " exists and is not a folder");
        }
        if (overwrite && Files.isDirectory(dir)) {
            clear(dir);
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("manifest.json"))) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("output folder " + dir + " exists and is"
                            + " not empty; choose another --out or pass --overwrite");
                }
            }
        }
        SimulationStore store = SimulationStore.open(dir, resumable(dir, settings));
        if (store.isFinished()) {
            throw new IllegalArgumentException("output folder " + dir + " already holds this"
                    + " finished run; choose another --out or pass --overwrite");
        }
        return store;
    }

    /**
     * The folder's simulation time so far, kept across invocations: {"seconds": wall time
     * spent on the chunks kept, "invocations": runs that added chunks}.
     */
    public static final String TIMING = "timing.json";

    /** Seconds recorded in the folder's timing.json by earlier invocations (0 when none). */
    public static double seconds(Path dir) throws IOException {
        Path f = dir.resolve(TIMING);
        return Files.exists(f) && JsonFiles.read(f).get("seconds") instanceof Number n
                ? n.doubleValue() : 0;
    }

    /** Records {@code seconds} as the folder's simulation time so far. */
    static void recordSeconds(Path dir, double seconds) throws IOException {
        JsonFiles.write(dir.resolve(TIMING), Map.of("seconds", seconds));
    }

    /**
     * What an interrupted or failed run leaves: "K of N simulations are kept in DIR (chunks of
     * C); run the same command again to resume", read from the store's manifest.
     */
    public static String kept(Path dir) {
        if (!Files.exists(dir.resolve("manifest.json"))) {
            return "no simulations are kept yet in " + dir;
        }
        try {
            SimulationStore s = SimulationStore.openExisting(dir);
            long kept = s.chunks().stream().mapToLong(c -> c.range().size()).sum();
            return kept + " of " + s.settings().indexRange().size() + " simulations are kept in "
                    + dir + " (written in chunks of " + s.settings().chunkSize() + "); run the"
                    + " same command again to resume";
        } catch (IOException | RuntimeException e) {
            return "nothing is kept in " + dir + " (" + e.getMessage() + ")";
        }
    }

    /** Deletes the files a simulation run writes (store files, chunks, metadata). */
    public static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                boolean ours = n.equals("manifest.json") || n.equals(METADATA) || n.equals(TIMING)
                        || n.endsWith(".tmp") || (n.endsWith(".npy") && (n.startsWith("theta")
                        || n.startsWith("x") || n.startsWith("index")));
                if (ours && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * The contents of metadata.json for a finished store.
     *
     * @param seconds simulation wall time over all invocations ({@link #seconds})
     * @param shard   "i/N" of a shard, or null
     */
    public static Map<String, Object> metadata(Source src, StoreSettings st, StoreSummary s,
                                               double seconds, String shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "sbi4j-simulations/1");
        RecordedSource.record(m, src);
        m.put("simulator", src.simulatorId());
        m.put("parameters", src.prior().names());
        m.put("nuisance", src.prior().nuisance());
        m.put("seed", st.seed());
        m.put("num", st.n());
        m.put("shard", shard);
        m.put("range", new long[] {st.from(), st.to()});
        m.put("attempted", s.attempted());
        m.put("valid", s.rows());
        m.put("invalid", s.invalid());
        m.put("failure_examples", s.failureExamples());
        m.put("theta_dim", st.thetaDim());
        m.put("x_shape", st.xShape());
        m.put("seconds", seconds);
        if (src.isExternal()) {
            m.put("batch_retries", src.retries());
        }
        m.put("sbi4j_version", org.sbi4j.posterior.Provenance.LIBRARY_VERSION);
        return m;
    }

    /** The folder's metadata.json, or null when it has none. */
    public static Map<String, Object> readMetadata(Path dir) throws IOException {
        Path file = dir.resolve(METADATA);
        return Files.exists(file) ? JsonFiles.read(file) : null;
    }

    /**
     * Refuses a folder that holds an unfinished store (a manifest but no theta.npy yet), saying
     * how to finish it; anything else passes (a missing file is reported when it is read).
     */
    public static void checkNotUnfinished(Path dir) {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("theta.npy"))
                && Files.exists(dir.resolve("manifest.json"))) {
            throw new IllegalArgumentException(dir + " holds an unfinished simulation run; finish"
                    + " it by running the same 'sbi4j simulate' command again (or 'sbi4j merge'"
                    + " its shards)");
        }
    }

    /** The pairs of a finished simulation folder, with the x shape recorded in {@code meta}. */
    public static Dataset load(Path dir, Map<String, Object> meta) throws IOException {
        checkNotUnfinished(dir);
        Matrix theta = Npy.readMatrix(dir.resolve("theta.npy"));
        Matrix x = Npy.readMatrix(dir.resolve("x.npy"));
        Path idx = dir.resolve("index.npy");
        long[] index;
        if (Files.exists(idx)) {
            NpyArray a = Npy.read(idx);
            index = a.dtype() == org.sbi4j.io.DType.INT64 ? a.longs()
                    : java.util.Arrays.stream(a.toDoubleArray()).mapToLong(v -> (long) v).toArray();
        } else {
            index = java.util.stream.LongStream.range(0, theta.rows()).toArray();
        }
        int[] shape = {x.cols()};
        if (meta != null && meta.get("x_shape") instanceof List<?> l && !l.isEmpty()) {
            shape = l.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        }
        return Dataset.of(theta, x, index, shape);
    }
}
