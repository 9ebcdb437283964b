package org.sbi4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.io.Csv;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.plot.CornerPlot;
import org.sbi4j.plot.LossPlot;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Interval;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.tasks.Task;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingReport;
import org.sbi4j.workflow.ProgressListener;
import org.sbi4j.workflow.SeedStream;

/**
 * The part every {@code sbi4j example} shares: NPE on the task, samples (10,000 by default) for observation
 * 1, samples.csv, corner and loss plots, and summary lines (timings, posterior means and 90 %
 * intervals beside the true values of the parameters of interest). Examples add their own lines
 * ({@link #line}) and files, then {@link #finish} writes summary.md and prints the lines.
 */
final class ExampleRun {

    final Task task;
    final Path out;
    final long seed;
    final int threads;
    final ProgressListener progress;
    final int numSamples;
    final List<String> lines = new ArrayList<>();
    NpeResult npe;
    Matrix samples;

    ExampleRun(Task task, Path out, long seed, int threads, ProgressListener progress,
               int numSamples) {
        if (numSamples < 10) {
            throw new IllegalArgumentException("--samples must be at least 10, got " + numSamples);
        }
        this.numSamples = numSamples;
        this.task = task;
        this.out = out;
        this.seed = seed;
        this.threads = threads;
        this.progress = progress;
    }

    /** Simulates num pairs, trains, samples observation 1 and writes the common files. */
    ExampleRun train(int num, NpeSettings settings) throws IOException {
        progress.note("sbi4j example %s: NPE with %d simulations, seed %d", task.name(), num, seed);
        try (ProgressListener.Stage stage = progress.stage("simulate", num)) {
            npe = Npe.builder(task.prior(), task.simulator()).simulations(num).seed(seed)
                    .settings(settings).threads(threads).progress(stage)
                    .onEpoch(progress.epochLog()).run();
        }
        ConditionedPosterior post = npe.posterior().at(task.observation(1));
        long t0 = System.nanoTime();
        samples = post.sample(numSamples, SeedStream.SAMPLES.streamFor(seed, 1));
        double sampleS = (System.nanoTime() - t0) / 1e9;
        Csv.write(out.resolve("samples.csv"), npe.posterior().names(), samples);
        TrainingReport rep = npe.report();
        line("example %s: observation 1, %d simulations (%d invalid), seed %d", task.name(), num,
                npe.simulation().invalid(), seed);
        line("simulate %.2f s, train %.2f s (%d epochs, best %d), sample %.3f s for %d",
                npe.simulateSeconds(), npe.trainSeconds(), rep.epochCount(), rep.bestEpoch(), sampleS,
                numSamples);
        double[] truth = interestTruth(1);
        double[] mean = Intervals.mean(samples);
        List<Interval> iv = post.equalTailedIntervals(samples, 0.9);
        for (int j = 0; j < mean.length; j++) {
            line("%-12s mean %8.4f   90 %% interval [%8.4f, %8.4f]   true %8.4f",
                    iv.get(j).parameter(), mean[j], iv.get(j).lower(), iv.get(j).upper(), truth[j]);
        }
        CornerPlot.of(samples, npe.posterior().names(), truth,
                "Posterior: " + task.name() + ", observation 1").write(out.resolve("corner"));
        LossPlot.of(rep.trainLosses(), rep.validationLosses(), "Training: " + task.name(),
                "negative log-likelihood").write(out.resolve("loss"));
        return this;
    }

    /** The true values of the parameters of interest for observation k. */
    double[] interestTruth(int k) {
        float[] t = task.trueParameters(k);
        int[] idx = task.prior().interestIndices();
        double[] v = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            v[j] = t[idx[j]];
        }
        return v;
    }

    /** Adds a formatted summary line. */
    void line(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
    }

    /** Writes summary.md (title, explanation, the lines, the files) and prints the lines. */
    void finish(String title, String explanation, String files, java.io.PrintWriter stdout)
            throws IOException {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n")
                .append(explanation).append("\n\n```\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        sb.append("```\n\nFiles: `samples.csv` ("
                + numSamples + " posterior samples for observation 1), "
                + "`corner.png` (posterior, true values marked), `loss.png` (training curves)");
        sb.append(files.isEmpty() ? "" : ", " + files).append("; plots also as SVG.\n");
        Files.writeString(out.resolve("summary.md"), sb.toString());
        lines.forEach(stdout::println);
        stdout.flush();
    }
}
