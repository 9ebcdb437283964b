package org.sbi4j.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.workflow.job.JobFile;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Interval;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.store.StoreSummary;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingReport;

/**
 * What an {@link Analysis} did: settings, stage timings, results, diagnostic verdicts and notes,
 * written to the report folder as summary.md ({@link #markdown()}).
 */
public final class RunSummary {

    private final Path dir;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final List<String> results = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> calibration = new ArrayList<>();
    private Recalibration.Outcome outcome;

    RunSummary(Path dir) {
        this.dir = dir;
    }

    /** The report folder. */
    public Path dir() {
        return dir;
    }

    void setting(String key, String value) {
        settings.put(key, value);
    }

    void time(String stage, long startNanos) {
        seconds.put(stage, (System.nanoTime() - startNanos) / 1e9);
    }

    void simulations(StoreSummary s, String retries) {
        results.add("Simulations: " + s.summary() + (retries == null ? "" : "; " + retries)
                + " (`simulations/`).");
    }

    void training(NpeResult r) {
        TrainingReport rep = r.report();
        var spec = r.posterior().spec();
        settings.put("estimator", spec.kind() + " " + spec.settings()
                + (spec.ensemble() > 1 ? ", ensemble of " + spec.ensemble() : ""));
        settings.put("embedding", spec.embedding().kind() + (spec.embedding().kind()
                .equals("none") ? "" : " " + spec.embedding()));
        r.posterior().provenance().settings().forEach((k, v) -> {
            if (k.startsWith("training.")) {
                settings.put(k, TrainingReports.settingText(k, v));
            }
        });
        results.add(String.format(Locale.ROOT, "Training: %d epochs, best epoch %d with"
                        + " validation loss %.4f (%s); `model.sbi4j`, `model.sbi4j.report.json`,"
                        + " `loss.png`.", rep.epochCount(), rep.bestEpoch(),
                rep.bestValidationLoss(),
                rep.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        if (!r.choices().isEmpty()) {
            results.add("Chosen from the data (preset auto; override with the job's `estimator`"
                    + " keys or `preset: sbi`): " + String.join("; ", r.choices()) + ".");
        }
    }

    /** The attempts of the calibration check or ladder, in a section of their own. */
    void calibration(Recalibration.Outcome o, String mode) {
        outcome = o;
        calibration.add("Mode `" + mode + "` (job key `calibration`); each attempt checked by"
                + " SBC and highest-density coverage on the same held-out pairs:\n");
        for (int k = 0; k < o.attempts().size(); k++) {
            calibration.add((k + 1) + ". " + o.attempts().get(k).line());
        }
        calibration.add("\n" + (o.passed() ? "Kept: " : "None passed; kept: ")
                + o.kept().rung().name() + " (" + o.stop() + ")." + (o.passed() ? ""
                : " The posterior may be over- or under-confident: try more simulations"
                + " (`calibration: {max_simulations: N}`), a longer time budget"
                + " (`calibration: {minutes: M}`), or another embedding."));
    }

    void samples(int k, Path file, Path png, ConditionedPosterior post, Matrix s) {
        samples(k, file, png, post.posterior().names(), s);
    }

    /** The samples' paragraph from the samples alone (e.g. MCMC draws): names in θ order. */
    void samples(int k, Path file, Path png, List<String> names, Matrix s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Observation ").append(k).append(": ").append(s.rows())
                .append(" samples in `").append(file.getFileName()).append("`, corner plot `")
                .append(png.getFileName()).append("`.\n\n");
        sb.append("| parameter | mean | 90 % interval | 90 % highest-density region |\n"
                + "|---|---|---|---|\n");
        double[] mean = Intervals.mean(s);
        for (int j = 0; j < mean.length; j++) {
            Interval iv = Intervals.equalTailed(s, j, names.get(j), 0.9);
            var hdr = Intervals.highestDensityRegion(s, j, names.get(j), 0.9);
            sb.append(String.format(Locale.ROOT, "| %s | %.4g | [%.4g, %.4g] | %s |%n",
                    iv.parameter(), mean[j], iv.lower(), iv.upper(), hdr.text()));
        }
        results.add(sb.toString().strip());
    }

    /** A paragraph of the results section. */
    void result(String paragraph) {
        results.add(paragraph);
    }

    void verdict(String name, String verdict) {
        verdicts.add(name + ": " + verdict);
    }

    void note(String s) {
        notes.add(s);
    }

    /** Adds the job's sizes and the library version, the last rows of the settings table. */
    void jobSizes(JobFile job) {
        settings.put("simulations", Integer.toString(job.simulations()));
        settings.put("samples per observation", Integer.toString(job.samples()));
        settings.put("sbi4j", org.sbi4j.posterior.Provenance.LIBRARY_VERSION);
    }

    /** The verdict lines ("name: verdict"), in the order the diagnostics ran. */
    public List<String> verdicts() {
        return List.copyOf(verdicts);
    }

    /** Seconds per stage (simulate, train, sample, diagnose), in order. */
    public Map<String, Double> seconds() {
        return java.util.Collections.unmodifiableMap(seconds);
    }

    /** The calibration check's attempts, or null when calibration was off. */
    public Recalibration.Outcome calibrationOutcome() {
        return outcome;
    }

    /** The calibration section's lines (empty when calibration was off). */
    public List<String> calibrationLines() {
        return List.copyOf(calibration);
    }

    /** The settings table (key, value), in the order summary.md lists them. */
    public Map<String, String> settings() {
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** summary.md: settings, timings, results, diagnostics, notes. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# sbi4j run\n\n## Settings\n\n");
        sb.append("| setting | value |\n|---|---|\n");
        settings.forEach((k, v) -> sb.append("| ").append(k).append(" | ")
                .append(v.replace("|", "\\|")).append(" |\n"));
        sb.append("\n## Timings\n\n| stage | seconds |\n|---|---|\n");
        seconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f |%n", k, v)));
        sb.append("\n## Results\n\n");
        results.forEach(r -> sb.append(r).append("\n\n"));
        if (!calibration.isEmpty()) {
            sb.append("## Calibration\n\n");
            calibration.forEach(c -> sb.append(c).append('\n'));
            sb.append('\n');
        }
        sb.append("## Diagnostics\n\n");
        if (verdicts.isEmpty()) {
            sb.append("None requested (job key `diagnostics`).\n");
        }
        verdicts.forEach(v -> sb.append("- ").append(v).append('\n'));
        notes.forEach(n -> sb.append("\n").append(n).append('\n'));
        return sb.toString();
    }
}
