package org.sbi4j.workflow;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.sbi4j.workflow.external.ExternalSimulator;
import org.sbi4j.workflow.external.ExternalSimulatorConfig;
import org.sbi4j.workflow.job.JobComponents;
import org.sbi4j.workflow.job.JobFile;
import org.sbi4j.workflow.job.JobFileReader;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;

/**
 * Where θ and x come from: a built-in task or a job file, with its prior and (when asked for)
 * its simulator. Close it: an external simulator runs processes.
 *
 * @param task      task name, or null
 * @param job       absolute path of the job file, or null
 * @param jobFile   the job (paths resolved against its folder), or null
 * @param prior     the prior over θ (nuisance parameters declared)
 * @param simulator the simulator, or null when only the prior was asked for
 */
public record Source(String task, Path job, JobFile jobFile, Prior prior, Simulator simulator)
        implements AutoCloseable {

    /**
     * Overrides of an external simulator's settings (null: the job's, else the default).
     *
     * @param workers        processes run side by side
     * @param batchSize      rows per request
     * @param timeoutSeconds longest wait for one batch
     * @param retries        times a broken batch is re-sent to a fresh process
     */
    public record External(Integer workers, Integer batchSize, Double timeoutSeconds,
                           Integer retries) {
        /** No overrides. */
        public static final External NONE = new External(null, null, null, null);

        /** Only the retries overridden (null: the job's). */
        public static External retries(Integer retries) {
            return new External(null, null, null, retries);
        }
    }

    /** The built-in task {@code name} (see {@link Tasks}). */
    public static Source ofTask(String name, boolean withSimulator) {
        Task t = Tasks.byName(name);
        return new Source(name, null, null, t.prior(), withSimulator ? t.simulator() : null);
    }

    /** The job in {@code file}, read and checked (relative paths resolved against its folder). */
    public static Source ofJob(Path file, boolean withSimulator, External ext)
            throws NoSuchFileException {
        return of(readJob(file), file, withSimulator, ext);
    }

    /** Reads and checks the job file (relative paths resolved against its folder). */
    public static JobFile readJob(Path file) throws NoSuchFileException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new NoSuchFileException(file.toString());
        }
        return JobFileReader.read(abs).resolvePaths(abs.getParent());
    }

    /** The job read by {@link #readJob} from {@code file}. */
    public static Source of(JobFile job, Path file, boolean withSimulator, External ext) {
        Path abs = file.toAbsolutePath().normalize();
        Prior prior = JobComponents.prior(job);
        Simulator sim = null;
        if (withSimulator) {
            sim = job.simulator().isCommand() ? external(job, ext) : JobComponents.simulator(job);
        }
        return new Source(null, abs, job, prior, sim);
    }

    private static Simulator external(JobFile job, External ext) {
        ExternalSimulatorConfig c = job.simulator().externalConfig(job.thetaDim());
        if (ext.workers() != null) {
            c = c.withWorkers(ext.workers());
        }
        if (ext.batchSize() != null) {
            c = c.withBatchSize(ext.batchSize());
        }
        if (ext.timeoutSeconds() != null) {
            if (!(ext.timeoutSeconds() > 0)) {
                throw new IllegalArgumentException("--timeout must be a positive number of "
                        + "seconds, got " + ext.timeoutSeconds());
            }
            c = c.withTimeout(Duration.ofMillis(Math.round(ext.timeoutSeconds() * 1000)));
        }
        if (ext.retries() != null) {
            if (ext.retries() < 0) {
                throw new IllegalArgumentException("--retries must be at least 0, got "
                        + ext.retries());
            }
            c = c.withRetries(ext.retries());
        }
        return ExternalSimulator.of(c);
    }

    /** The task or the job (exactly one must be non-null). */
    public static Source of(String task, Path job, boolean withSimulator, External ext)
            throws NoSuchFileException {
        return task != null ? ofTask(task, withSimulator) : ofJob(job, withSimulator, ext);
    }

    /**
     * The source recorded in metadata.json or a training report ({@code where}), or null when
     * it records neither a task nor a job; see {@link RecordedSource#of}.
     */
    public static Source recorded(Map<String, Object> m, boolean withSimulator, boolean useStored,
                                  String where) throws NoSuchFileException {
        return RecordedSource.of(m, withSimulator, useStored, where);
    }

    /** True for an external-program simulator (its failures are protocol errors). */
    public boolean isExternal() {
        return simulator instanceof ExternalSimulator;
    }

    /**
     * Batches of an external simulator re-sent to a fresh process in this run, per cause
     * ("crash", "timeout", "garbage"; every cause present), or an empty map for any other
     * simulator.
     */
    public Map<String, Long> retries() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        if (simulator instanceof ExternalSimulator e) {
            e.retries().forEach((cause, n) -> m.put(cause.label(), n));
        }
        return m;
    }

    /**
     * "retried 3 batches on a fresh process (crash 1, timeout 0, garbage 2)", or null when no
     * batch was retried.
     */
    public String retryReport() {
        Map<String, Long> m = retries();
        long total = m.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("retried ").append(total)
                .append(total == 1 ? " batch" : " batches").append(" on a fresh process (");
        m.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(k)
                .append(' ').append(v));
        return sb.append(')').toString();
    }

    /** "task two_moons" or "job /abs/path.yaml". */
    public String describe() {
        return task != null ? "task " + task : "job " + job;
    }

    /** Identifies the simulator in store settings and metadata. */
    public String simulatorId() {
        if (task != null) {
            return "task:" + task;
        }
        var s = jobFile.simulator();
        String what = s.isTask() ? "task:" + s.task() : s.isClass() ? "class:" + s.className()
                : "command:" + String.join(" ", s.command());
        return "job:" + job + " " + what;
    }

    @Override
    public void close() {
        if (simulator instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the simulator: " + e.getMessage(), e);
            }
        }
    }
}
