package org.sbi4j.workflow;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.workflow.job.JobFile;
import org.sbi4j.workflow.job.JobFileReader;
import org.sbi4j.workflow.job.PriorSpec;
import org.sbi4j.workflow.job.SimulatorSpec;

/**
 * The source of a simulation folder (metadata.json) or a training report as recorded in it, so
 * that the folder is self-contained: besides the task or the job file's path, the job's priors
 * and simulator are stored under {@value #KEY}, written as job-file mappings (a small job file
 * without its other sections). Reading it back:
 * <ul>
 *   <li>a task is the task;</li>
 *   <li>a job file that still exists is read again, and refused if it now gives another prior
 *       than the recorded one (naming both), unless the stored one is asked for;</li>
 *   <li>a job file that is gone (the folder was moved, the job deleted) gives way to the stored
 *       priors and simulator.</li>
 * </ul>
 */
public final class RecordedSource {

    /** The key of the stored priors and simulator in metadata.json and MODEL.report.json. */
    public static final String KEY = "stored_job";

    private RecordedSource() {
    }

    /** Puts the task, job path, prior text and (for a job) its stored description into m. */
    static void record(Map<String, Object> m, Source src) {
        m.put("task", src.task());
        m.put("job", src.job() == null ? null : src.job().toString());
        m.put("prior", src.prior().toString());
        m.put(KEY, stored(src.jobFile()));
    }

    /** The job's priors and simulator as job-file mappings, or null without a job. */
    static Map<String, Object> stored(JobFile job) {
        if (job == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("priors", job.priors().stream().map(RecordedSource::prior).toList());
        m.put("simulator", simulator(job.simulator()));
        return m;
    }

    private static Map<String, Object> prior(PriorSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("distribution", p.distribution().jobName());
        List<String> args = p.distribution().arguments();
        for (int i = 0; i < args.size(); i++) {
            double v = p.arguments().get(i);
            m.put(args.get(i), Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : (Object) v);
        }
        m.put("nuisance", p.nuisance());
        return m;
    }

    private static Map<String, Object> simulator(SimulatorSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "task", s.task());
        putIf(m, "class", s.className());
        putIf(m, "classpath", s.classpath());
        putIf(m, "command", s.command());
        putIf(m, "x_dim", s.xDim());
        putIf(m, "x_shape", s.xShape());
        putIf(m, "workers", s.workers());
        putIf(m, "batch_size", s.batchSize());
        putIf(m, "timeout_s", s.timeoutS());
        putIf(m, "retries", s.retries());
        putIf(m, "directory", s.directory());
        putIf(m, "x_kind", s.xKind());
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    /** True when {@code m} records a job whose file is gone, or the stored one is asked for. */
    public static boolean usesStored(Map<String, Object> m, boolean useStored) {
        return m.get("task") == null && m.get("job") instanceof String j
                && (useStored || !Files.isRegularFile(Path.of(j)));
    }

    /**
     * The source recorded in {@code m} (metadata.json or a training report, named by
     * {@code where}), or null when it records neither a task nor a job.
     *
     * @param useStored use the stored priors and simulator even if the job file exists
     * @throws IllegalArgumentException if the job file now gives another prior (naming both),
     *         or is gone and {@code m} stores none
     */
    public static Source of(Map<String, Object> m, boolean withSimulator, boolean useStored,
                            String where) throws NoSuchFileException {
        if (m.get("task") instanceof String t) {
            return Source.ofTask(t, withSimulator);
        }
        if (!(m.get("job") instanceof String j)) {
            return null;
        }
        Path file = Path.of(j);
        Object stored = m.get(KEY);
        if (useStored || !Files.isRegularFile(file)) {
            if (!(stored instanceof Map<?, ?> s)) {
                throw new IllegalArgumentException((useStored ? where + " stores no prior (it was"
                        : "the job file " + j + " recorded in " + where + " no longer exists, and"
                        + " the file stores no prior (it was") + " written by an earlier sbi4j);"
                        + " give --job FILE");
            }
            return Source.of(job(s, where), file, withSimulator, Source.External.NONE);
        }
        Source now = Source.ofJob(file, withSimulator, Source.External.NONE);
        if (m.get("prior") instanceof String recorded && !recorded.equals(now.prior().toString())) {
            String current = now.prior().toString();
            now.close();
            throw new IllegalArgumentException("the job file " + j + " now gives the prior "
                    + current + " but " + where + " records " + recorded + " (the job was edited"
                    + " after simulating); pass --prior-from-data to use the recorded prior, or"
                    + " simulate again with the edited job");
        }
        return now;
    }

    /** The job described by a stored mapping, read and checked as a job file. */
    private static JobFile job(Map<?, ?> stored, String where) {
        Map<String, Object> m = new LinkedHashMap<>();
        stored.forEach((k, v) -> m.put(String.valueOf(k), v));
        m.put("simulations", 1);
        String text = JsonFiles.JSON.writeValueAsString(m);
        return JobFileReader.parse(text, JobFileReader.Format.JSON, where + " (" + KEY + ")");
    }
}
