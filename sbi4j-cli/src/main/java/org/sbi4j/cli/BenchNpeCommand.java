package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sbi4j bench npe}: one end-to-end NPE run — simulate, train to early stopping, draw
 * 10,000 samples for observation 1 — printing the time of each stage.
 */
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

    @Option(names = "--estimator", description = "nsf, maf or mdn (default: ${DEFAULT-VALUE}).")
    String estimator = "nsf";

    @Option(names = "--batch-size", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 200;

    @Option(names = "--threads", description = "Simulation threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        Task t = Tasks.byName(task);
        NpeSettings settings = NpeSettings.defaults()
                .withEstimator(EstimatorSpec.defaults(estimator))
                .withTraining(NpeSettings.defaults().training().withBatchSize(batchSize));
        NpeResult r = Npe.run(t.prior(), t.simulator(), num, seed, settings, threads,
                SimulationProgress.NONE, TrainingListener.NONE);
        long t0 = System.nanoTime();
        Matrix s = r.posterior().at(t.observation(1)).sample(10_000,
                SimulationStreams.streamFor(seed, TaskAnalysis.SAMPLE_STREAM + 1));
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "simulate_s %.3f", r.simulateSeconds()));
        out.println(String.format(Locale.ROOT, "train_s %.3f", r.trainSeconds()));
        out.println("epochs " + r.report().epochCount());
        out.println(String.format(Locale.ROOT, "sample_s %.3f", sampleSeconds));
        out.println(String.format(Locale.ROOT, "best_validation_loss %.4f",
                r.report().bestValidationLoss()));
        // the loss above is on standardised θ; −log p(θ) = −log p(z) − log|∂z/∂θ| is the
        // figure sbi reports (its standardising transform is part of the flow)
        out.println(String.format(Locale.ROOT, "best_validation_loss_theta %.4f",
                r.report().bestValidationLoss()
                        - r.posterior().thetaStandardizer().logAbsDet()));
        out.flush();
        return s.rows() == 10_000 ? 0 : 1;
    }
}
