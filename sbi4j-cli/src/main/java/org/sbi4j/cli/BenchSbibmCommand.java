package org.sbi4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.examples.bench.SbibmBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sbi4j bench sbibm}: the sbibm benchmark for NPE ({@link SbibmBenchmark}). Batch size:
 * the preset's by default (sbi: 200; auto: sbi's 200 from 4,000 simulations up, smaller below
 * with a larger learning rate, {@code TrainingConfig.smallBudgetScale}); pass
 * {@code --batch-size 10000} to follow the paper.
 */
@Command(name = "sbibm", mixinStandardHelpOptions = true,
        description = "sbibm benchmark for NPE: one network per task and budget, C2ST per "
                + "observation; writes c2st.csv, summary.md and the samples.")
final class BenchSbibmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Tasks, comma separated (default: the ten sbibm tasks).")
    List<String> tasks = SbibmBenchmark.SBIBM_TASKS;

    @Option(names = "--budgets", split = ",", paramLabel = "N",
            description = "Simulation budgets, comma separated (default: ${DEFAULT-VALUE}).")
    int[] budgets = {10_000};

    @Option(names = "--observations", paramLabel = "LIST",
            description = "Observations: numbers and ranges, e.g. 1-10 or 1,3,5-7 (default: ${DEFAULT-VALUE}).")
    String observations = "1-10";

    @Option(names = "--estimator", description = "Any registered estimator kind: nsf, maf, mdn, maf_rqs, flow_stack, fmpe ('sbi4j kinds' lists them) (default: the method's: nsf; maf for nle and snle).")
    String estimator;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting of the "
            + "estimator kind by its snake_case name, e.g. --set hidden_features=64 (repeatable;"
            + " 'sbi4j kinds' lists them).")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--stop-after-epochs", paramLabel = "E", description = "Early-stopping "
            + "patience in epochs; 0: the preset's (sbi: 20) (default: ${DEFAULT-VALUE}).")
    int stopAfterEpochs = 0;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's learning rate; "
            + "0: the preset's (sbi: 5e-4) (default: ${DEFAULT-VALUE}).")
    double learningRate = 0;

    @Option(names = "--batch-size", description = "Training batch size, capped at the training "
            + "set; 0: the preset's (sbi: 200; auto: 200 from 4,000 simulations up, smaller "
            + "batches and larger steps below) (default: 0; the sbibm paper used 10000).")
    int batchSize = 0;

    @Option(names = "--max-epochs", description = "Epoch limit (default: none, early stopping).")
    int maxEpochs = Integer.MAX_VALUE;

    @Option(names = "--samples", description = "Posterior samples per observation (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "Simulation and C2ST threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--preset", paramLabel = "NAME", description = "Settings the options above"
            + " apply to: sbi (sbi's plain NPE), auto (data-driven x preprocessing and"
            + " embedding) or calibrated (default: ${DEFAULT-VALUE}).")
    String preset = "sbi";

    @Option(names = "--method", paramLabel = "NAME", description = "Inference method: npe "
            + "(amortised, one network per task and budget), tsnpe or apt (one sequential "
            + "analysis per observation with the whole budget), nle (a likelihood per "
            + "observation on the prior, posterior by MCMC), snle (sequential NLE), nre "
            + "(contrastive NRE-C) or bnre (balanced NRE): one classifier per task and budget,"
            + " posterior by MCMC per observation, or snre (sequential NRE-C) "
            + "(default: ${DEFAULT-VALUE}).")
    String method = "npe";

    @Option(names = "--method-set", paramLabel = "KEY=VALUE", description = "A setting of the "
            + "method, repeatable, e.g. epsilon=1e-3 or warm_start=true (the keys of `method:` "
            + "in a job file).")
    java.util.Map<String, String> methodSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--rounds", description = "Rounds of a sequential method, sharing the "
            + "budget equally (default: ${DEFAULT-VALUE}).")
    int rounds = org.sbi4j.npe.SequentialNpe.DEFAULT_ROUNDS;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        org.sbi4j.npe.MethodSettings m = org.sbi4j.npe.InferenceMethods.bind(method,
                methodSettings);
        SbibmBenchmark bench = new SbibmBenchmark(tasks, budgets,
                SbibmBenchmark.parseObservations(observations),
                estimator != null ? estimator : m.defaultEstimator(), settings, batchSize,
                maxEpochs, stopAfterEpochs, learningRate, samples, seed, threads, preset);
        java.util.function.Consumer<String> print = line -> {
            pw.println(line);
            pw.flush();
        };
        if (m instanceof org.sbi4j.npe.AmortizedSettings) {
            bench.run(out, overwrite, print);
        } else {
            int r = m instanceof org.sbi4j.npe.NleSettings || m instanceof org.sbi4j.npe.RatioMethod
                    rm && !rm.sequential() ? 1 : rounds; // amortised: 1 round
            m.checkRounds(r);
            bench.runSequential(m, r, out, overwrite, print);
        }
        return 0;
    }
}
