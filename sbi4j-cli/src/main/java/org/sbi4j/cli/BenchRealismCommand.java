package org.sbi4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.examples.bench.RealismBenchmark;
import org.sbi4j.examples.bench.SbibmBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sbi4j bench realism}: the realism suite through the path of {@code sbi4j run}. */
@Command(name = "realism", mixinStandardHelpOptions = true,
        description = {"Runs every realism task (or --tasks) as 'sbi4j run' would: a job file"
                + " (the example's JSON-lines simulator where there is one), training with the"
                + " preset, SBC and coverage with the job's calibration, then C2ST of each"
                + " observation's samples against the exact reference posterior.",
                "Writes OUT/<task>/ (each run's report), OUT/realism.csv and OUT/summary.md;"
                        + " exits 0 once every task ran, whatever the verdicts."})
final class BenchRealismCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Tasks (default: every realism task).")
    List<String> tasks;

    @Option(names = "--simulations", paramLabel = "N", description = "Simulations per task (default: ${DEFAULT-VALUE}).")
    int simulations = 10_000;

    @Option(names = "--observations", paramLabel = "LIST", description = "Observations (default: ${DEFAULT-VALUE}).")
    String observations = "1-3";

    @Option(names = "--preset", paramLabel = "NAME", description = "auto, sbi or calibrated (default: ${DEFAULT-VALUE}).")
    String preset = "auto";

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--examples", paramLabel = "DIR", description = "Folder with jobs/ and simulators/ (default: ${DEFAULT-VALUE}, when it exists).")
    Path examples = Path.of("examples");

    @Option(names = "--num-tests", paramLabel = "N", description = "Held-out pairs of SBC and coverage (default: ${DEFAULT-VALUE}).")
    int numTests = 500;

    @Option(names = "--num-test-samples", paramLabel = "L", description = "Posterior samples per test pair (default: ${DEFAULT-VALUE}).")
    int numTestSamples = 500;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        new RealismBenchmark(tasks == null ? RealismBenchmark.realismTasks() : tasks, simulations,
                SbibmBenchmark.parseObservations(observations), preset, seed, threads,
                Files.isDirectory(examples) ? examples.toAbsolutePath() : null,
                new int[] {numTests, numTestSamples})
                .run(out, overwrite, line -> {
                    pw.println(line);
                    pw.flush();
                });
        return 0;
    }
}
