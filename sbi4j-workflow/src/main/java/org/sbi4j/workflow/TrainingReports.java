package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.train.TrainingReport;

/**
 * MODEL.report.json, written beside a model file: format "sbi4j-training-report/1", the task or
 * job (with its prior and simulator, see {@link RecordedSource}), the simulation folder, seed, estimator and training settings, training seconds, and per
 * ensemble member the best epoch, stop reason, events and every epoch's losses.
 */
public final class TrainingReports {

    /** Appended to the model file's name. */
    public static final String REPORT_SUFFIX = ".report.json";

    private TrainingReports() {
    }

    /**
     * A provenance setting as text for people: "unlimited" for a max_epochs of
     * Integer.MAX_VALUE (no cap), else the value as recorded.
     */
    public static String settingText(String key, String value) {
        return key.endsWith("max_epochs") && Integer.toString(Integer.MAX_VALUE).equals(value)
                ? "unlimited" : value;
    }

    /** MODEL.report.json for {@code model}. */
    public static Path reportFile(Path model) {
        return model.resolveSibling(model.getFileName() + REPORT_SUFFIX);
    }

    /** Writes the report of training {@code r} on the simulations in {@code data} (or null). */
    public static void write(Path file, NpeResult r, Source src, Path data, long seed)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "sbi4j-training-report/1");
        RecordedSource.record(m, src);
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
        JsonFiles.write(file, m);
    }

    /**
     * The loss curves of the first member of a report read from {@code file}: training losses
     * and validation losses per epoch (NaN where missing).
     */
    @SuppressWarnings("unchecked")
    public static double[][] firstMemberLosses(Path file) throws IOException {
        Map<String, Object> rep = JsonFiles.read(file);
        if (!(rep.get("members") instanceof List<?> members) || members.isEmpty()) {
            throw new IllegalArgumentException(file + " is not a training report (no"
                    + " 'members' with epochs); give a MODEL.report.json written by 'train'");
        }
        List<Map<String, Object>> epochs = (List<Map<String, Object>>)
                ((Map<String, Object>) members.getFirst()).get("epochs");
        double[] train = epochs.stream().mapToDouble(e -> num(e.get("train_loss"))).toArray();
        double[] val = epochs.stream().mapToDouble(e -> num(e.get("validation_loss"))).toArray();
        return new double[][] {train, val};
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
