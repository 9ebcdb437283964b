package org.sbi4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.io.Csv;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.workflow.Analysis;
import org.sbi4j.workflow.Observations;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.RunSummary;
import org.sbi4j.workflow.SeedStream;
import org.sbi4j.workflow.job.JobFile;
import org.sbi4j.workflow.job.JobFileReader;
import org.sbi4j.workflow.job.ObservationsSpec;
import org.sbi4j.workflow.job.SimulatorSpec;

/**
 * The realism suite as a user meets it ({@code sbi4j bench realism}): each realism task runs
 * through the same path as {@code sbi4j run} — a job (the task's example job file with its
 * JSON-lines simulator where {@code examples/jobs/<task>.yaml} has one and python3 with numpy
 * is there, else the built-in task), {@link Analysis} with SBC and coverage and the job's
 * calibration — then each observation's samples are scored by C2ST (sbibm's settings) against
 * the exact reference. Writes OUT/&lt;task&gt;/ (the run's report folder), OUT/realism.csv and
 * OUT/summary.md; a model that fails its checks is reported, not an error.
 *
 * @param tasks        task names (default: every realism task)
 * @param simulations  simulations per task
 * @param observations observation numbers
 * @param preset       auto, sbi or calibrated
 * @param seed         run seed
 * @param threads      threads
 * @param examples     the examples folder holding jobs/ and simulators/, or null
 * @param tests        held-out pairs of SBC and coverage, and posterior samples per pair
 */
public record RealismBenchmark(List<String> tasks, int simulations, int[] observations,
                               String preset, long seed, int threads, Path examples,
                               int[] tests) {

    /** One row of realism.csv. */
    public record Row(String task, String simulator, double[] c2st, boolean sbc,
                      boolean coverage, int attempts, String kept, double seconds) {

        double meanC2st() {
            double s = 0;
            for (double c : c2st) {
                s += c;
            }
            return s / c2st.length;
        }
    }

    public RealismBenchmark {
        tasks = List.copyOf(tasks);
        observations = observations.clone();
        tests = tests.clone();
        org.sbi4j.workflow.Presets.of(preset);
        for (String t : tasks) {
            Tasks.byName(t); // unknown names refused before any work
        }
    }

    /** The realism tasks registered in {@link Tasks}. */
    public static List<String> realismTasks() {
        return Tasks.names().stream().filter(n -> n.startsWith("realism_")).toList();
    }

    /** Runs every task into {@code out}; {@code lines} receives each csv line. */
    public List<Row> run(Path out, boolean overwrite, Consumer<String> lines) throws IOException {
        return run(out, overwrite, lines, org.sbi4j.workflow.ProgressListener.NONE);
    }

    /** As {@link #run(Path, boolean, Consumer)}, with stage notes and progress to a listener. */
    public List<Row> run(Path out, boolean overwrite, Consumer<String> lines,
                         org.sbi4j.workflow.ProgressListener progress) throws IOException {
        OutputDir.prepare(out, overwrite, null);
        Path csv = out.resolve("realism.csv");
        Files.writeString(csv, "task,simulator,preset," + obsColumns()
                + "mean_c2st,sbc,coverage,attempts,kept,seconds\n");
        List<Row> rows = new ArrayList<>();
        for (String name : tasks) {
            Task t = Tasks.byName(name);
            JobFile job = job(t, out.resolve(name));
            long t0 = System.nanoTime();
            RunSummary s = Analysis.of(job, out.resolve(name + ".job")).out(out.resolve(name))
                    .threads(threads).tests(tests[0], tests[1]).progress(progress).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] c2st = new double[observations.length];
            for (int i = 0; i < observations.length; i++) {
                Path samples = Observations.numbered(out.resolve(name).resolve("samples.csv"),
                        i + 1, observations.length);
                c2st[i] = C2st.run(t.referenceSamples(observations[i]),
                        Csv.read(samples).values(), C2st.Config.sbibm().withThreads(threads),
                        SeedStream.SBIBM_C2ST.streamFor(seed, observations[i])).accuracy();
            }
            var o = s.calibrationOutcome();
            Row row = new Row(name, job.simulator().isCommand() ? "external" : "built-in", c2st,
                    o != null && o.kept().sbc() != null && o.kept().sbc().calibrated(),
                    o != null && o.kept().coverage() != null && o.kept().coverage().calibrated(),
                    o == null ? 0 : o.attempts().size(), o == null ? "-" : o.kept().rung().name(),
                    seconds);
            rows.add(row);
            String line = line(row);
            Files.writeString(csv, line + "\n", java.nio.file.StandardOpenOption.APPEND);
            lines.accept(line);
        }
        Files.writeString(out.resolve("summary.md"), markdown(rows));
        return rows;
    }

    private String obsColumns() {
        StringBuilder b = new StringBuilder();
        for (int k : observations) {
            b.append("c2st_obs").append(k).append(',');
        }
        return b.toString();
    }

    private String line(Row r) {
        StringBuilder b = new StringBuilder(r.task()).append(',').append(r.simulator())
                .append(',').append(preset).append(',');
        for (double c : r.c2st()) {
            b.append(String.format(Locale.ROOT, "%.4f,", c));
        }
        return b.append(String.format(Locale.ROOT, "%.4f,%s,%s,%d,%s,%.1f", r.meanC2st(),
                r.sbc() ? "pass" : "fail", r.coverage() ? "pass" : "fail", r.attempts(),
                r.kept().replace(',', ';'), r.seconds())).toString();
    }

    private String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("# sbi4j bench realism\n\n");
        b.append(String.format(Locale.ROOT, "%d simulations, preset %s, seed %d, observations"
                + " %s; C2ST with sbibm's settings against the exact reference posterior; SBC"
                + " and coverage on %d held-out pairs × %d samples (family-wise α = 0.01).%n%n",
                simulations, preset, seed, java.util.Arrays.toString(observations), tests[0],
                tests[1]));
        b.append("| task | simulator | C2ST per observation | mean | SBC | coverage | attempts"
                + " | kept | seconds |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            StringBuilder c = new StringBuilder();
            for (double v : r.c2st()) {
                c.append(c.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.3f", v));
            }
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s | %s | %d | %s |"
                    + " %.0f |%n", r.task(), r.simulator(), c, r.meanC2st(),
                    r.sbc() ? "pass" : "**fail**", r.coverage() ? "pass" : "**fail**",
                    r.attempts(), r.kept(), r.seconds()));
        }
        return b.toString();
    }

    /** The job of one task: its example job (external simulator) if usable, else built in. */
    JobFile job(Task t, Path dir) throws IOException {
        Path example = examples == null ? null : examples.resolve("jobs/" + t.name() + ".yaml");
        JobFile base = null;
        if (example != null && Files.exists(example) && ExternalPython.numpyAvailable()) {
            JobFile e = JobFileReader.read(example);
            if (e.simulator().isCommand()) {
                base = e;
            }
        }
        List<Integer> numbers = java.util.Arrays.stream(observations).boxed().toList();
        ObservationsSpec obs;
        SimulatorSpec sim;
        if (base == null) {
            sim = SimulatorSpec.ofTask(t.name());
            obs = new ObservationsSpec(null, null, numbers);
        } else {
            sim = base.simulator();
            List<List<Double>> rows = new ArrayList<>();
            for (int k : observations) {
                List<Double> r = new ArrayList<>();
                for (float v : t.observation(k)) {
                    r.add((double) v);
                }
                rows.add(r);
            }
            obs = new ObservationsSpec(rows, null, null);
        }
        return new JobFile(base == null ? null : base.priors(), sim, simulations, seed, null,
                null, obs, 10_000, dir.toString(), List.of("sbc", "coverage"), preset, null,
                null, null);
    }
}
