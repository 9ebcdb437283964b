package org.sbi4j.cli;

import java.util.List;
import org.sbi4j.sim.XKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.data.Dataset;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.train.TrainingReport;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.RecordedSource;
import org.sbi4j.workflow.SimulationFolder;
import org.sbi4j.workflow.Source;
import org.sbi4j.workflow.TrainingReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sbi4j train --data DIR --out MODEL}: fits q(θ | x) to the simulations in DIR and writes
 * the model file and MODEL.report.json (settings, per-epoch losses, timings).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a neural posterior estimator on the simulations in DIR (theta.npy,"
                + " x.npy, index.npy, metadata.json as written by 'simulate') and write MODEL"
                + " and MODEL.report.json (settings and loss curves).",
                "The prior (names, support, nuisance parameters) comes from the task or job"
                        + " recorded in DIR/metadata.json, or from --task/--job. A recorded job"
                        + " file edited since to give another prior is refused (see"
                        + " --prior-from-data); one that is gone gives way to the prior stored in"
                        + " metadata.json."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Simulation folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing MODEL.")
    boolean overwrite;

    @Option(names = "--x-shape", split = ",", paramLabel = "C,H,W",
            description = "Logical shape of one x, e.g. 1,48,48 for an image or 2,100 for a"
                    + " two-channel series (product = the x dimension; default: the shape"
                    + " recorded in DIR).")
    List<Integer> xShape;

    @Option(names = "--x-kind", paramLabel = "KIND",
            description = "What one x is: vector, series, image or set (default: from the rank"
                    + " of the x shape: 1 vector, 2 series, 3 image; a set when the simulator"
                    + " pads trials with NaN).")
    String xKind;

    @Mixin
    SourceOptions source;

    @Option(names = "--prior-from-data", description = "Use the prior stored in DIR/metadata.json"
            + " even when the job file recorded there now gives another one (by default that is"
            + " refused; a job file that is gone gives way to the stored prior anyway).")
    boolean priorFromData;

    @Option(names = "--checkpoints", paramLabel = "CKPT_DIR", description = "Save a checkpoint of"
            + " every ensemble member after each epoch into CKPT_DIR and resume from the ones"
            + " there: a training killed at any moment and run again with the same command gives"
            + " the same model bytes.")
    Path checkpoints;

    @Mixin
    TrainOptions options;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        SimulationFolder.checkNotUnfinished(data);
        Path metaFile = data.resolve(SimulationFolder.METADATA);
        Map<String, Object> meta = SimulationFolder.readMetadata(data);
        OutputDir.checkFile(out, overwrite);
        NpeSettings settings = options.settings();
        XKind kind = xKind == null ? null : XKind.parse(xKind);
        try (Source src = source.orRecorded(meta, metaFile.toString(), false, priorFromData)) {
            Dataset d = reshaped(SimulationFolder.load(data, meta));
            if (kind != null) {
                kind.check(d.xShape());
            }
            long seed = common.seed();
            Progress progress = common.progress();
            if (source.given() && meta != null && meta.get("prior") instanceof String p
                    && !p.equals(src.prior().toString())) {
                progress.warn("the prior of %s, %s, is not the one %s records, %s: the"
                        + " simulations were drawn from another prior", src.describe(),
                        src.prior(), metaFile, p);
            }
            if (!source.given() && RecordedSource.usesStored(meta, priorFromData)) {
                progress.note("train: using the prior stored in %s (%s)", metaFile, priorFromData
                        ? "--prior-from-data" : "the job file " + src.job() + " is gone");
            }
            progress.note("train: %s on %d pairs from %s (%s), seed %d",
                    settings.estimator().kind(), d.size(), data, src.describe(), seed);
            NpeResult r;
            try (var listener = progress.training(settings.training().maxEpochs());
                 var stop = new TrainInterruption(settings.estimator().membersFor(
                         settings.training().trainingPairs(d.size())), out, progress,
                         checkpoints)) {
                var run = Npe.builder(src.prior()).data(d).seed(seed).settings(settings)
                        .onEpoch(stop.track(listener));
                if (checkpoints != null) {
                    run = run.checkpoints(checkpoints);
                }
                r = (kind == null ? run : run.xKind(kind)).run();
            }
            r.choices().forEach(c -> progress.note("train: %s", c));
            Files.createDirectories(out.toAbsolutePath().getParent());
            PosteriorFiles.save(r.posterior(), out);
            TrainingReports.write(TrainingReports.reportFile(out), r, src, data, seed);
            TrainingReport rep = r.report();
            int k = r.reports().size();
            common.out().println(String.format(Locale.ROOT, "train: %s%d epochs (best %d, validation"
                            + " loss %.4f, %s) in %.1f s%s; model %s",
                    k > 1 ? "member 1 of " + k + ": " : "", rep.epochCount(),
                    rep.bestEpoch(), rep.bestValidationLoss(), rep.stopReason().name()
                            .toLowerCase(Locale.ROOT).replace('_', ' '), r.trainSeconds(),
                    k > 1 ? " for all " + k : "", out));
            common.out().flush();
            return 0;
        }
    }

    /** The data with the --x-shape given (checked against the x dimension). */
    private Dataset reshaped(Dataset d) {
        if (xShape == null) {
            return d;
        }
        int[] shape = xShape.stream().mapToInt(Integer::intValue).toArray();
        long product = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("--x-shape " + xShape + ": every entry must"
                        + " be at least 1");
            }
            product *= s;
        }
        if (product != d.xDim()) {
            throw new IllegalArgumentException("--x-shape " + xShape + " has " + product
                    + " values, but x in the data has " + d.xDim());
        }
        return Dataset.of(d.theta(), d.x(), d.index(), shape);
    }
}
