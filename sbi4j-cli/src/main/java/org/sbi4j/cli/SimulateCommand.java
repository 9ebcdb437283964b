package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.store.StoreSummary;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.workflow.SimulationFolder;
import org.sbi4j.workflow.Source;
import org.sbi4j.workflow.StoreRunner;
import org.sbi4j.workflow.job.SimulatorClasses;
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

    @Option(names = "--retries", paramLabel = "N",
            description = "External simulator: re-send a batch whose process crashed, hung past"
                    + " the time-out or answered garbage to a fresh process up to N times"
                    + " (default: the job's, else 0).")
    Integer retries;

    @Option(names = "--classpath", paramLabel = "PATH", split = ":",
            description = "Jar files and class folders (separated by ':') holding a 'class:'"
                    + " simulator, searched after the job's simulator 'classpath'.")
    java.util.List<Path> classpath;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (num < 1) {
            throw new CommandLine.ParameterException(common.spec.commandLine(),
                    "--num must be at least 1, got " + num);
        }
        int[] sh = parseShard();
        try (var cp = SimulatorClasses.withClasspath(classpath, "--classpath");
             Source src = source.require(true, new Source.External(workers, batchSize, timeout,
                     retries))) {
            long seed = common.seed();
            StoreSettings settings = SimulationFolder.settings(src, seed, num);
            if (sh != null) {
                settings = settings.shard(sh[0], sh[1]);
            }
            SimulationStore store = SimulationFolder.openNew(out, settings, overwrite);
            settings = store.settings();
            Progress progress = common.progress();
            IndexRange range = settings.indexRange();
            progress.note("simulate: %s, indices %s, seed %d, into %s", src.describe(), range,
                    seed, out);
            long done = store.chunks().stream().mapToLong(c -> c.range().size()).sum();
            if (done > 0) {
                progress.note("resuming: %d of %d simulations already done in %s", done,
                        range.size(), out);
            }
            Thread hook = new Thread(() -> progress.warn("simulate: interrupted; "
                    + SimulationFolder.kept(out)));
            Runtime.getRuntime().addShutdownHook(hook);
            try (var stage = progress.stage("simulate", range.size())) {
                StoreRunner.run(store, src.prior(), src.simulator(), src.isExternal(),
                        common.threads(), stage);
            } finally {
                removeHook(hook);
            }
            if (src.retryReport() != null) {
                progress.note("simulate: %s", src.retryReport());
            }
            StoreSummary s = store.finish();
            if (s.invalid() > 0) {
                progress.warn("%d of %d simulations failed and were left out%s", s.invalid(),
                        s.attempted(), s.failureExamples().isEmpty() ? ""
                                : " (e.g. " + s.failureExamples().getFirst() + ")");
            }
            JsonFiles.write(out.resolve(SimulationFolder.METADATA), SimulationFolder.metadata(
                    src, settings, s, SimulationFolder.seconds(out), shard));
            common.out().println("simulate: " + s.summary() + " in " + out);
            common.out().flush();
            return 0;
        }
    }

    /** Removes the interruption message once the run is over (not while the JVM exits). */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: the JVM is exiting
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
}
