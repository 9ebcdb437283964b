package org.sbi4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.workflow.SeedStream;

/**
 * One end-to-end NPE run, as {@code sbi4j bench npe} times it: simulate, train to early
 * stopping, draw 10,000 samples for observation 1 ({@link SeedStream#SAMPLES} + 1). The result
 * lines: {@code simulate_s}, {@code train_s}, {@code epochs}, {@code sample_s},
 * {@code best_validation_loss} (standardised θ) and {@code best_validation_loss_theta}.
 *
 * @param task      built-in task name
 * @param num       simulations
 * @param seed      run seed
 * @param estimator nsf, maf or mdn
 * @param batchSize training batch size (0: the preset's — sbi's 200, or the small-budget rule of auto)
 * @param threads   simulation threads
 * @param preset    sbi, auto or calibrated (the estimator kind and batch size apply to it)
 */
public record NpeTiming(String task, int num, long seed, String estimator, int batchSize,
                        int threads, String preset) {

    /** Samples drawn for observation 1. */
    public static final int SAMPLES = 10_000;

    /**
     * The timings and losses as lines.
     *
     * @param complete whether all {@value #SAMPLES} samples were drawn
     */
    public record Result(List<String> lines, boolean complete) {
    }

    /** Runs the simulation, training and sampling. */
    public Result run() {
        Task t = Tasks.byName(task);
        NpeSettings base = org.sbi4j.workflow.Presets.of(preset);
        NpeSettings settings = base
                .withEstimator(base.estimator().withSettings(
                        org.sbi4j.flows.EstimatorKinds.defaults(estimator)))
                .withTraining(batchSize == org.sbi4j.train.TrainingConfig.AUTO ? base.training()
                        : base.training().withBatchSize(batchSize));
        NpeResult r = Npe.builder(t.prior(), t.simulator()).simulations(num).seed(seed)
                .settings(settings).threads(threads).run();
        long t0 = System.nanoTime();
        Matrix s = r.posterior().at(t.observation(1)).sample(SAMPLES,
                SeedStream.SAMPLES.streamFor(seed, 1));
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "simulate_s %.3f", r.simulateSeconds()));
        out.add(String.format(Locale.ROOT, "train_s %.3f", r.trainSeconds()));
        out.add("epochs " + r.report().epochCount());
        out.add(String.format(Locale.ROOT, "sample_s %.3f", sampleSeconds));
        out.add(String.format(Locale.ROOT, "best_validation_loss %.4f",
                r.report().bestValidationLoss()));
        // the loss above is on standardised θ; −log p(θ) = −log p(z) − log|∂z/∂θ| is the
        // figure sbi reports (its standardising transform is part of the flow)
        out.add(String.format(Locale.ROOT, "best_validation_loss_theta %.4f",
                r.report().bestValidationLoss()
                        - r.posterior().thetaStandardizer().logAbsDet()));
        return new Result(List.copyOf(out), s.rows() == SAMPLES);
    }
}
