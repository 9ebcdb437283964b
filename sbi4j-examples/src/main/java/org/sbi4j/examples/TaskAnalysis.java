package org.sbi4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.C2stResult;
import org.sbi4j.diagnostics.PosteriorChecks;
import org.sbi4j.io.Csv;
import org.sbi4j.plot.CornerPlot;
import org.sbi4j.plot.CoveragePlot;
import org.sbi4j.plot.LossCurves;
import org.sbi4j.plot.LossPlot;
import org.sbi4j.plot.RankPlot;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Interval;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.tasks.Task;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingReport;
import org.sbi4j.workflow.ProgressListener;
import org.sbi4j.workflow.SeedStream;

/**
 * One NPE analysis of a built-in task for one of its observations: simulate, train, sample
 * (stream {@link SeedStream#SAMPLES} + observation), C2ST against the reference posterior
 * ({@link SeedStream#DEMO_C2ST}), SBC and coverage ({@link SeedStream#DEMO_SBC}, test
 * simulations under seed + 1), summarise, and write samples.csv, summary.md and the plots into
 * a report folder. {@code sbi4j demo} is this analysis of two moons.
 */
public final class TaskAnalysis {

    private final Task task;
    private final int num;
    private final long seed;
    private final NpeSettings settings;
    private final int threads;
    private final ProgressListener progress;
    private final List<String> lines = new ArrayList<>();

    /** The analysis of {@code num} simulations of {@code task} under {@code seed}. */
    public TaskAnalysis(Task task, int num, long seed, NpeSettings settings, int threads,
                        ProgressListener progress) {
        this.task = task;
        this.num = num;
        this.seed = seed;
        this.settings = settings;
        this.threads = threads;
        this.progress = progress;
    }

    /** Result of one analysis. */
    public record Outcome(NpeResult npe, Matrix samples, double sampleSeconds, double acceptance,
                   C2stResult c2st, double c2stSeconds, PosteriorChecks.Calibration calibration,
                   double calibrationSeconds) {
    }

    private int sbcPairs = 300;
    private int sbcSamples = 300;

    /** Sets the SBC size (0 pairs skips calibration). */
    public TaskAnalysis calibration(int pairs, int samples) {
        this.sbcPairs = pairs;
        this.sbcSamples = samples;
        return this;
    }

    /**
     * Runs the analysis for {@code observation} with {@code numSamples} posterior samples,
     * writes the files into {@code out} and prints the summary lines.
     */
    public Outcome run(int observation, int numSamples, Path out, PrintWriter stdout)
            throws IOException {
        task.checkObservation(observation);
        NpeResult r;
        try (ProgressListener.Stage stage = progress.stage("simulate", num)) {
            r = Npe.builder(task.prior(), task.simulator()).simulations(num).seed(seed)
                    .settings(settings).threads(threads).progress(stage)
                    .onEpoch(progress.epochLog()).run();
        }
        float[] xo = task.observation(observation);
        ConditionedPosterior post = r.posterior().at(xo);
        UniformRandomProvider rng = SeedStream.SAMPLES.streamFor(seed, observation);
        long t0 = System.nanoTime();
        ConditionedPosterior.Draws draws = post.sampleWithStats(numSamples, rng);
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        Csv.write(out.resolve("samples.csv"), r.posterior().names(), draws.samples());
        long t1 = System.nanoTime();
        C2stResult c2st = C2st.run(task.referenceSamples(observation), draws.samples(),
                SeedStream.DEMO_C2ST.streamFor(seed));
        double c2stSeconds = (System.nanoTime() - t1) / 1e9;
        PosteriorChecks.Calibration cal = null;
        long t2 = System.nanoTime();
        if (sbcPairs > 0) {
            progress.note("calibrate: SBC with %d test pairs x %d samples", sbcPairs, sbcSamples);
            cal = PosteriorChecks.calibrate(r.posterior(), task.prior(), task.simulator(),
                    sbcPairs, sbcSamples, seed + 1, threads,
                    SeedStream.DEMO_SBC.streamFor(seed));
        }
        double calSeconds = (System.nanoTime() - t2) / 1e9;
        Outcome o = new Outcome(r, draws.samples(), sampleSeconds, draws.acceptanceRate(), c2st,
                c2stSeconds, cal, calSeconds);
        writePlots(o, observation, out);
        summarise(o, observation, post);
        lines.forEach(stdout::println);
        stdout.flush();
        Files.writeString(out.resolve("summary.md"), markdown(o, observation));
        return o;
    }

    private void summarise(Outcome o, int observation, ConditionedPosterior post) {
        TrainingReport rep = o.npe().report();
        lines.add(String.format(Locale.ROOT, "task %s, observation %d, %d simulations (%d invalid),"
                + " seed %d", task.name(), observation, num, o.npe().simulation().invalid(), seed));
        lines.add(String.format(Locale.ROOT, "simulate  %.2f s", o.npe().simulateSeconds()));
        lines.add(String.format(Locale.ROOT, "train     %.2f s, %d epochs (best %d, validation "
                        + "loss %.4f, %s)%s", o.npe().trainSeconds(), rep.epochCount(),
                rep.bestEpoch(), rep.bestValidationLoss(),
                rep.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                memberNote(o)));
        lines.add(String.format(Locale.ROOT, "sample    %.3f s for %d samples (acceptance %.1f %%)",
                o.sampleSeconds(), o.samples().rows(), 100 * o.acceptance()));
        lines.add(String.format(Locale.ROOT, "c2st      %.4f against the reference posterior (%.1f s;"
                + " 0.5 = indistinguishable)", o.c2st().accuracy(), o.c2stSeconds()));
        if (o.calibration() != null) {
            lines.add(String.format(Locale.ROOT, "calibrate %.1f s", o.calibrationSeconds()));
            lines.add("  " + o.calibration().sbc().verdict());
            lines.add("  " + o.calibration().coverage().verdict());
        }
        double[] mean = Intervals.mean(o.samples());
        List<Interval> iv = post.equalTailedIntervals(o.samples(), 0.9);
        float[] truth = task.trueParameters(observation);
        for (int j = 0; j < mean.length; j++) {
            lines.add(String.format(Locale.ROOT, "%-12s mean %8.4f   90 %% interval [%8.4f, %8.4f]"
                            + "   true %8.4f", iv.get(j).parameter(), mean[j], iv.get(j).lower(),
                    iv.get(j).upper(), truth[j]));
        }
    }

    /** " (member 1 of K)" for an ensemble: the report and loss plot show the first member. */
    private static String memberNote(Outcome o) {
        int k = o.npe().reports().size();
        return k > 1 ? " (member 1 of " + k + ")" : "";
    }

    private String markdown(Outcome o, int observation) {
        StringBuilder sb = new StringBuilder();
        sb.append("# sbi4j analysis: ").append(task.name()).append(", observation ")
                .append(observation).append("\n\n");
        sb.append("Neural posterior estimation with ")
                .append(settings.estimator().kind())
                .append(" (").append(settings.estimator().settings()).append(")");
        int members = o.npe().posterior().spec().ensemble();
        if (members > 1) {
            sb.append(", an ensemble of ").append(members).append(" members");
        }
        sb.append(", early stopping after ").append(settings.training().stopAfterEpochs())
                .append(" epochs without improvement\n\n");
        sb.append("```\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        sb.append("```\n\n");
        if (o.calibration() != null) {
            sb.append("## Diagnostics\n\n- sbc: ").append(o.calibration().sbc().verdict())
                    .append("\n- coverage: ").append(o.calibration().coverage().verdict())
                    .append("\n\n");
        }
        sb.append("Files: `samples.csv` (").append(o.samples().rows())
                .append(" posterior samples, one column per parameter), `corner.png` (posterior"
                        + " with the true parameters marked), `loss.png` (training and validation"
                        + " loss per epoch of every member)");
        if (o.calibration() != null) {
            sb.append(", `sbc_ranks.png` (SBC rank histograms with the band expected under "
                    + "uniformity), `coverage.png` (expected coverage of highest-density regions)");
        }
        sb.append("; each plot also as SVG.\n");
        return sb.toString();
    }

    private void writePlots(Outcome o, int observation, Path out) throws IOException {
        float[] t = task.trueParameters(observation);
        double[] truth = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            truth[j] = t[j];
        }
        String what = task.name() + ", observation " + observation;
        CornerPlot.of(o.samples(), o.npe().posterior().names(), truth, "Posterior: " + what)
                .write(out.resolve("corner"));
        LossPlot.of(o.npe().reports().stream().map(LossCurves::of).toList(),
                "Training: " + task.name(), "negative log-likelihood (standardised θ)")
                .write(out.resolve("loss"));
        if (o.calibration() != null) {
            RankPlot.of(o.calibration().sbc(), "SBC ranks: " + task.name())
                    .write(out.resolve("sbc_ranks"));
            CoveragePlot.of("Expected coverage: " + task.name(), o.calibration().coverage())
                    .write(out.resolve("coverage"));
        }
    }
}
