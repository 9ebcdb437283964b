package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sbi4j.workflow.Analysis;
import org.sbi4j.workflow.RunSummary;
import org.sbi4j.workflow.SimulationFolder;
import org.sbi4j.workflow.job.SimulatorClasses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbi4j run JOB}: the whole analysis of a job file ({@link Analysis}) — simulate
 * (resumable), train, sample each observation, run the job's diagnostics, draw the plots and
 * write a Markdown summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the analysis a job file describes and write a report folder:"
                + " simulations/ (theta.npy, x.npy, index.npy, metadata.json), model.sbi4j and"
                + " model.sbi4j.report.json, samples[-k].csv per observation, plots (PNG),"
                + " diagnostics JSON and summary.md.",
                "Running the same job again in its own folder resumes unfinished simulations."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "Job file (.yaml, .yml or .json).")
    Path job;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: the job's 'output').")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty folder not made by 'run'.")
    boolean overwrite;

    @Option(names = "--num-tests", paramLabel = "N", description = "Test simulations for sbc/coverage (default: ${DEFAULT-VALUE}).")
    int numTests = 500;

    @Option(names = "--num-test-samples", paramLabel = "L", description = "Posterior samples per test (default: ${DEFAULT-VALUE}).")
    int numTestSamples = 500;

    @Option(names = "--classpath", paramLabel = "PATH", split = ":",
            description = "Jar files and class folders (separated by ':') holding a 'class:'"
                    + " simulator, searched after the job's simulator 'classpath'.")
    java.util.List<Path> classpath;

    @Option(names = "--preset", paramLabel = "NAME", description = "auto, sbi or calibrated: replaces the job's 'preset' (default: the job's, auto when it has none).")
    String preset;

    @Option(names = "--retries", paramLabel = "N", description = "External simulator: re-send a"
            + " broken batch (crash, time-out, garbage) to a fresh process up to N times"
            + " (default: the job's simulator 'retries', else 0).")
    Integer retries;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        try (var cp = SimulatorClasses.withClasspath(classpath, "--classpath")) {
            return run();
        }
    }

    private int run() throws Exception {
        Analysis a = Analysis.of(job).overwrite(overwrite).tests(numTests, numTestSamples)
                .threads(common.threads()).progress(common.progress());
        if (out != null) {
            a = a.out(out);
        }
        if (preset != null) {
            a = a.preset(preset);
        }
        if (retries != null) {
            a = a.retries(retries);
        }
        if (common.seed != null || a.job().seed() == null) {
            a = a.seed(common.seed());
        }
        Path sims = (out != null ? out : Path.of(a.job().output())).resolve("simulations");
        Progress progress = common.progress();
        Thread hook = new Thread(() -> progress.warn("run: interrupted; "
                + SimulationFolder.kept(sims) + " (training and the later stages start over)"));
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary summary;
        try {
            summary = a.run();
        } finally {
            SimulateCommand.removeHook(hook);
        }
        common.out().println("run: report in " + summary.dir() + " (summary.md)");
        summary.verdicts().forEach(common.out()::println);
        var cal = summary.calibrationOutcome();
        if (cal != null) {
            common.out().println("calibration: " + cal.attempts().size() + " attempt(s); kept '"
                    + cal.kept().rung().name() + "' (" + cal.stop() + ")");
        }
        common.out().flush();
        return 0;
    }
}
