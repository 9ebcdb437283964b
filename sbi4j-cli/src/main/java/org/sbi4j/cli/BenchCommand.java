package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sbi4j.kernels.KernelBenchmark;
import org.sbi4j.kernels.KernelProvider;
import org.sbi4j.kernels.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sbi4j bench}: quick speed checks, one subcommand per part of the library. The careful
 * measurements are the JMH benchmarks in sbi4j-bench (docs/benchmarks.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick speed checks (the careful ones are the JMH benchmarks in sbi4j-bench).",
        subcommands = {BenchCommand.KernelsCommand.class, BenchFlowsCommand.class,
                BenchNpeCommand.class, BenchSbibmCommand.class, BenchRealismCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code sbi4j bench kernels}: GFLOP/s of the three GEMM forms for m = 256 and k = n ∈ sizes.
     * Output: {@code provider <name>}, then {@code gemm <NN|TN|NT> <m>x<k>x<n> <GFLOP/s>} lines.
     */
    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = "GEMM GFLOP/s of the chosen kernels: m = 256, k = n in --sizes, forms NN, TN, NT"
                    + " (best of several trials after a warm-up).")
    static final class KernelsCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--scalar", description = "Measure the scalar kernels instead of the chosen ones.")
        boolean scalar;

        @Option(names = "--sizes", split = ",", paramLabel = "K",
                description = "Values of k = n (default: 32,64,128,256).")
        int[] sizes = KernelBenchmark.SIZES.clone();

        @Option(names = "--warmup-ms", paramLabel = "MS", description = "Warm-up per case (default: ${DEFAULT-VALUE}).")
        int warmupMillis = 300;

        @Option(names = "--trials", paramLabel = "N", description = "Timed trials per case; the best counts (default: ${DEFAULT-VALUE}).")
        int trials = 5;

        @Option(names = "--trial-ms", paramLabel = "MS", description = "Length of a trial (default: ${DEFAULT-VALUE}).")
        int trialMillis = 50;

        @Override
        public Integer call() {
            Kernels kernels = scalar ? KernelProvider.scalar() : KernelProvider.get();
            PrintWriter out = spec.commandLine().getOut();
            KernelBenchmark bench = KernelBenchmark.of(warmupMillis, trials, trialMillis);
            for (String line : bench.run(kernels, sizes)) {
                out.println(line);
                out.flush();
            }
            return 0;
        }
    }
}
