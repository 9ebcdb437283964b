package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.data.Dataset;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.train.TrainingReport;
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
                        + " recorded in DIR/metadata.json, or from --task/--job."})
final class TrainCommand implements Callable<Integer> {

    static final String REPORT_SUFFIX = ".report.json";

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Simulation folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing MODEL.")
    boolean overwrite;

    @Mixin
    SourceOptions source;

    @Mixin
    TrainOptions options;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Path metaFile = data.resolve(SimulateCommand.METADATA);
        Map<String, Object> meta = Files.exists(metaFile) ? Metadata.read(metaFile) : null;
        checkOutput(out, overwrite);
        NpeSettings settings = NpeSettings.defaults().withEstimator(options.estimatorSpec())
                .withTraining(options.training()).withBalance(options.balance);
        try (Source src = source.orRecorded(meta, metaFile.toString(), false)) {
            Dataset d = load(data, meta);
            long seed = common.seed();
            Progress progress = common.progress();
            progress.note("train: %s on %d pairs from %s (%s), seed %d",
                    settings.estimator().kind(), d.size(), data, src.describe(), seed);
            NpeResult r;
            try (Progress.Training listener = progress.training(settings.training().maxEpochs())) {
                r = Npe.train(src.prior(), d, seed, settings, listener);
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            PosteriorFiles.save(r.posterior(), out);
            writeReport(reportFile(out), r, src, data, seed);
            TrainingReport rep = r.report();
            common.out().println(String.format(Locale.ROOT, "train: %d epochs (best %d, validation"
                            + " loss %.4f, %s) in %.1f s; model %s", rep.epochCount(),
                    rep.bestEpoch(), rep.bestValidationLoss(), rep.stopReason().name()
                            .toLowerCase(Locale.ROOT).replace('_', ' '), r.trainSeconds(), out));
            common.out().flush();
            return 0;
        }
    }

    static Path reportFile(Path model) {
        return model.resolveSibling(model.getFileName() + REPORT_SUFFIX);
    }

    /** Refuses an existing output file unless overwriting. */
    static void checkOutput(Path file, boolean overwrite) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("output " + file + " is a folder, not a file");
        }
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException("output file " + file
                    + " exists; choose another --out or pass --overwrite");
        }
    }

    /** The pairs of a simulation folder, with the x shape recorded in its metadata. */
    static Dataset load(Path dir, Map<String, Object> meta) throws IOException {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("theta.npy"))
                && Files.exists(dir.resolve("manifest.json"))) {
            throw new IllegalArgumentException(dir + " holds an unfinished simulation run; finish"
                    + " it by running the same 'sbi4j simulate' command again (or 'sbi4j merge'"
                    + " its shards)");
        }
        Matrix theta = Npy.readMatrix(dir.resolve("theta.npy"));
        Matrix x = Npy.readMatrix(dir.resolve("x.npy"));
        Path idx = dir.resolve("index.npy");
        long[] index;
        if (Files.exists(idx)) {
            NpyArray a = Npy.read(idx);
            index = a.dtype() == org.sbi4j.io.DType.INT64 ? a.longs()
                    : java.util.Arrays.stream(a.toDoubleArray()).mapToLong(v -> (long) v).toArray();
        } else {
            index = java.util.stream.LongStream.range(0, theta.rows()).toArray();
        }
        int[] shape = {x.cols()};
        if (meta != null && meta.get("x_shape") instanceof List<?> l && !l.isEmpty()) {
            shape = l.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        }
        return Dataset.of(theta, x, index, shape);
    }

    /** Writes MODEL.report.json: source, seed, settings, and per-member epoch records. */
    static void writeReport(Path file, NpeResult r, Source src, Path data, long seed)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "sbi4j-training-report/1");
        m.put("task", src.task());
        m.put("job", src.job() == null ? null : src.job().toString());
        m.put("data", data == null ? null : data.toAbsolutePath().toString());
        m.put("seed", seed);
        m.put("estimator", r.posterior().spec().toProperties());
        m.put("settings", r.posterior().provenance().settings());
        m.put("train_seconds", r.trainSeconds());
        List<Map<String, Object>> members = new ArrayList<>();
        for (TrainingReport rep : r.reports()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("best_epoch", rep.bestEpoch());
            mm.put("best_validation_loss", rep.bestValidationLoss());
            mm.put("stop_reason", rep.stopReason().name().toLowerCase(Locale.ROOT));
            mm.put("events", rep.events());
            List<Map<String, Object>> epochs = new ArrayList<>();
            for (EpochRecord e : rep.epochs()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("epoch", e.epoch());
                em.put("train_loss", e.trainLoss());
                em.put("validation_loss", e.validationLoss());
                em.put("learning_rate", e.learningRate());
                em.put("seconds", e.seconds());
                epochs.add(em);
            }
            mm.put("epochs", epochs);
            members.add(mm);
        }
        m.put("members", members);
        Metadata.write(file, m);
    }
}
