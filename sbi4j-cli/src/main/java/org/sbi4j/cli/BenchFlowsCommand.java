package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.examples.bench.FlowThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sbi4j bench flows}: throughput of the density estimators ({@link FlowThroughput}). */
@Command(name = "flows", mixinStandardHelpOptions = true,
        description = "Throughput of nsf, maf and mdn (sbi's defaults): training pairs/s, "
                + "logProb evaluations/s, samples/s.")
final class BenchFlowsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--estimators", split = ",", description = "Default: nsf,maf,mdn.")
    List<String> estimators = List.of("nsf", "maf", "mdn");

    @Option(names = "--dims", split = ",", description = "θ and x dimensions (default: 2,10).")
    int[] dims = {2, 10};

    @Option(names = "--trial-ms", description = "Length of a timed trial (default: ${DEFAULT-VALUE}).")
    int trialMillis = 400;

    @Option(names = "--trials", description = "Timed trials; the best counts (default: ${DEFAULT-VALUE}).")
    int trials = 3;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        new FlowThroughput(estimators, dims, trialMillis, trials).run(line -> {
            out.println(line);
            out.flush();
        });
        return 0;
    }
}
