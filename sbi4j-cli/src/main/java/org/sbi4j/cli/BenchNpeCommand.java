package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sbi4j.examples.bench.NpeTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sbi4j bench npe}: the stage times of one end-to-end NPE run ({@link NpeTiming}). */
@Command(name = "npe", mixinStandardHelpOptions = true,
        description = "Time one NPE run: simulate, train (early stopping), sample 10,000 for "
                + "observation 1. Prints simulate_s, train_s, epochs, sample_s.")
final class BenchNpeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", description = "Built-in task (default: ${DEFAULT-VALUE}).")
    String task = "two_moons";

    @Option(names = "--num", description = "Simulations (default: ${DEFAULT-VALUE}).")
    int num = 10_000;

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--estimator", description = "Any registered estimator kind: nsf, maf, mdn, maf_rqs, flow_stack, fmpe ('sbi4j kinds' lists them) (default: ${DEFAULT-VALUE}).")
    String estimator = "nsf";

    @Option(names = "--batch-size", description = "Training batch size; 0: the preset's (sbi: "
            + "200; auto: 200 from 4,000 simulations up, smaller batches and larger steps below)"
            + " (default: 0).")
    int batchSize = 0;

    @Option(names = "--threads", description = "Simulation threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--preset", description = "sbi (sbi's plain NPE), auto or calibrated (default: ${DEFAULT-VALUE}).")
    String preset = "sbi";

    @Override
    public Integer call() {
        NpeTiming.Result r = new NpeTiming(task, num, seed, estimator, batchSize, threads, preset)
                .run();
        PrintWriter out = spec.commandLine().getOut();
        r.lines().forEach(out::println);
        out.flush();
        return r.complete() ? 0 : 1;
    }
}
