package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sbi4j.examples.TaskAnalysis;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.workflow.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sbi4j demo}: a real NPE analysis of the two-moons task — 10,000 simulations, an
 * ensemble of sbi's NSF ({@link NpeSettings#calibrated()}, or sbi's defaults with
 * {@code --preset sbi}), the posterior for sbibm's observation 1 — with samples, a summary and
 * plots in the output folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a complete NPE analysis of the two-moons task (10,000 simulations, "
                + "neural spline flow) and write samples, plots and a summary.")
final class DemoCommand implements Callable<Integer> {

    /** Marker file that lets a later demo reuse its own folder. */
    static final String MARKER = ".sbi4j-demo";

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("demo-out");

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    @Option(names = "--num", paramLabel = "N", description = "Simulations (default: ${DEFAULT-VALUE}).")
    int num = 10_000;

    @Option(names = "--observation", paramLabel = "K", description = "sbibm observation 1-10 (default: ${DEFAULT-VALUE}).")
    int observation = 1;

    @Option(names = "--sbc-pairs", paramLabel = "N", description = "SBC test pairs (0 skips; default: ${DEFAULT-VALUE}).")
    int sbcPairs = 500;

    @Option(names = "--sbc-samples", paramLabel = "L", description = "Posterior samples per SBC pair (default: ${DEFAULT-VALUE}).")
    int sbcSamples = 500;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "calibrated: an ensemble of 5 NSFs trained longer (about 2 minutes "
                    + "here; passes SBC's joint test); sbi: sbi's defaults (about 20 s; "
                    + "often slightly over-confident) (default: ${DEFAULT-VALUE}).")
    String preset = "calibrated";

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Task task = Tasks.byName("two_moons");
        NpeSettings settings = TrainOptions.preset(preset);
        OutputDir.prepare(out, overwrite, MARKER);
        long seed = common.seed();
        Progress progress = common.progress();
        progress.note("sbi4j demo: NPE on two_moons, %d simulations, seed %d, preset %s", num,
                seed, preset);
        TaskAnalysis analysis = new TaskAnalysis(task, num, seed, settings,
                common.threads(), progress).calibration(sbcPairs, sbcSamples);
        analysis.run(observation, 10_000, out, common.out());
        return 0;
    }
}
