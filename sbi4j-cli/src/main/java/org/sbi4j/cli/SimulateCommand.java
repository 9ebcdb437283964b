package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.store.StoreSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sbi4j simulate (--task NAME | --job FILE) --num N --out DIR}: simulations 0…N−1 (or one
 * shard of them) into a resumable store; the finished folder holds theta.npy, x.npy (float32,
 * valid rows), index.npy (int64 simulation indices), manifest.json and metadata.json.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate (theta, x) pairs for indices 0..N-1 (or one shard) into DIR:"
                + " theta.npy and x.npy (float32, valid rows only), index.npy (int64 simulation"
                + " index of each row), metadata.json and the store's manifest.json.",
                "An unfinished run of the same settings in DIR is resumed; any other non-empty"
                        + " DIR is refused unless --overwrite."})
final class SimulateCommand implements Callable<Integer> {

    static final String METADATA = "metadata.json";

    @Mixin
    SourceOptions source;

    @Option(names = "--num", required = true, paramLabel = "N",
            description = "Simulations in the whole run (all shards).")
    long num;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the simulation files in a non-empty DIR.")
    boolean overwrite;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "Simulate only shard i of N (contiguous index ranges, i from 0); "
                    + "join the shard folders with 'sbi4j merge'.")
    String shard;

    @Option(names = "--workers", paramLabel = "W",
            description = "External simulator: processes run side by side (default: the job's, else 1).")
    Integer workers;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "External simulator: rows per request (default: the job's, else 100).")
    Integer batchSize;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "External simulator: longest wait for one batch (default: the job's, else 600).")
    Double timeout;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (num < 1) {
            throw new CommandLine.ParameterException(common.spec.commandLine(),
                    "--num must be at least 1, got " + num);
        }
        int[] sh = parseShard();
        try (Source src = source.require(true, new Source.External(workers, batchSize, timeout))) {
            long seed = common.seed();
            int chunk = (int) Math.max(100, Math.min(10_000, (num + 19) / 20));
            StoreSettings settings = StoreSettings.of(src.simulatorId(), src.prior().toString(),
                    seed, num, chunk, src.prior().dim(), src.simulator().xShape());
            if (sh != null) {
                settings = settings.shard(sh[0], sh[1]);
            }
            SimulationStore store = openStore(settings);
            Progress progress = common.progress();
            IndexRange range = settings.indexRange();
            progress.note("simulate: %s, indices %s, seed %d, into %s", src.describe(), range,
                    seed, out);
            long t0 = System.nanoTime();
            try (Progress.Stage stage = progress.simulation(range.size())) {
                StoreRunner.run(store, src.prior(), src.simulator(), src.isExternal(),
                        common.threads(), stage);
            }
            StoreSummary s = store.finish();
            if (s.invalid() > 0) {
                progress.warn("%d of %d simulations failed and were left out%s", s.invalid(),
                        s.attempted(), s.failureExamples().isEmpty() ? ""
                                : " (e.g. " + s.failureExamples().getFirst() + ")");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Metadata.write(out.resolve(METADATA), metadata(src, settings, s, seconds, shard));
            common.out().println("simulate: " + s.summary() + " in " + out);
            common.out().flush();
            return 0;
        }
    }

    private int[] parseShard() {
        if (shard == null) {
            return null;
        }
        String[] p = shard.split("/");
        try {
            int i = Integer.parseInt(p[0].strip());
            int n = Integer.parseInt(p[1].strip());
            if (p.length == 2 && n >= 1 && i >= 0 && i < n) {
                return new int[] {i, n};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(common.spec.commandLine(),
                "--shard must be i/N with 0 <= i < N, got '" + shard + "'");
    }

    private SimulationStore openStore(StoreSettings settings) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("output " + out + " exists and is not a folder");
        }
        if (overwrite && Files.isDirectory(out)) {
            clear(out);
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve("manifest.json"))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("output folder " + out + " exists and is"
                            + " not empty; choose another --out or pass --overwrite");
                }
            }
        }
        SimulationStore store = SimulationStore.open(out, settings);
        if (store.isFinished()) {
            throw new IllegalArgumentException("output folder " + out + " already holds this"
                    + " finished run; choose another --out or pass --overwrite");
        }
        return store;
    }

    /** Deletes the files a simulate run writes (store files, chunks, metadata). */
    static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                boolean ours = n.equals("manifest.json") || n.equals(METADATA)
                        || n.endsWith(".tmp") || (n.endsWith(".npy") && (n.startsWith("theta")
                        || n.startsWith("x") || n.startsWith("index")));
                if (ours && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The contents of metadata.json for a finished store. */
    static Map<String, Object> metadata(Source src, StoreSettings st, StoreSummary s,
                                        double seconds, String shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "sbi4j-simulations/1");
        m.put("task", src.task());
        m.put("job", src.job() == null ? null : src.job().toString());
        m.put("simulator", src.simulatorId());
        m.put("prior", src.prior().toString());
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
        m.put("sbi4j_version", org.sbi4j.posterior.Provenance.LIBRARY_VERSION);
        return m;
    }
}
