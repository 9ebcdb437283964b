package org.sbi4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.io.Csv;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sbi4j bench sbibm}: the sbibm benchmark (Lueckmann et al., AISTATS 2021,
 * arXiv:2101.04653) for NPE. Per task and budget one network is trained (Npe.run, single round)
 * and used amortised for every observation: 10,000 samples, then C2ST against the reference
 * samples as sbibm computes it. Writes DIR/&lt;task&gt;/&lt;budget&gt;/obs&lt;k&gt;.csv, DIR/c2st.csv
 * ({@code task,budget,observation,c2st,simulate_s,train_s,sample_s}; simulate_s and train_s
 * belong to the network and repeat on its rows) and DIR/summary.md beside the published NPE
 * figures and sbi measured on this machine kind ({@link SbibmFigures}).
 *
 * <p>Batch size: sbi's default is 200 (the default here); the sbibm paper's NPE runs used
 * 10,000 capped at the training set size. Pass {@code --batch-size 10000} to follow the paper.
 */
@Command(name = "sbibm", mixinStandardHelpOptions = true,
        description = "sbibm benchmark for NPE: one network per task and budget, C2ST per "
                + "observation; writes c2st.csv, summary.md and the samples.")
final class BenchSbibmCommand implements Callable<Integer> {

    /** The ten sbibm tasks, in the paper's order. */
    static final List<String> SBIBM_TASKS = List.of("gaussian_linear", "gaussian_linear_uniform",
            "slcp", "slcp_distractors", "bernoulli_glm", "bernoulli_glm_raw", "gaussian_mixture",
            "two_moons", "sir", "lotka_volterra");

    /** Stream index (under the seed) of the C2ST generator for observation k: + k. */
    static final long C2ST_STREAM = 0x5B14_C257_B000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Tasks, comma separated (default: the ten sbibm tasks).")
    List<String> tasks = SBIBM_TASKS;

    @Option(names = "--budgets", split = ",", paramLabel = "N",
            description = "Simulation budgets, comma separated (default: ${DEFAULT-VALUE}).")
    int[] budgets = {10_000};

    @Option(names = "--observations", paramLabel = "LIST",
            description = "Observations: numbers and ranges, e.g. 1-10 or 1,3,5-7 (default: ${DEFAULT-VALUE}).")
    String observations = "1-10";

    @Option(names = "--estimator", description = "nsf, maf or mdn (default: ${DEFAULT-VALUE}).")
    String estimator = "nsf";

    @Option(names = "--batch-size", description = "Training batch size, capped at the training "
            + "set (default: ${DEFAULT-VALUE}, sbi's; the sbibm paper used 10000).")
    int batchSize = 200;

    @Option(names = "--max-epochs", description = "Epoch limit (default: none, early stopping).")
    int maxEpochs = Integer.MAX_VALUE;

    @Option(names = "--samples", description = "Posterior samples per observation (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "Simulation and C2ST threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    /** One line of c2st.csv. */
    record Row(String task, int budget, int observation, double c2st, double simulateS,
               double trainS, double sampleS) {
    }

    @Override
    public Integer call() throws IOException {
        if (threads < 1 || samples < 10 || batchSize < 1) {
            throw new IllegalArgumentException("need --threads >= 1, --samples >= 10, --batch-size >= 1;"
                    + " got " + threads + ", " + samples + ", " + batchSize);
        }
        List<Task> ts = tasks.stream().map(Tasks::byName).toList();
        int[] obs = parseObservations(observations);
        OutputDir.prepare(out, overwrite, null);
        PrintWriter pw = spec.commandLine().getOut();
        EstimatorSpec est = EstimatorSpec.defaults(estimator);
        List<Row> rows = new ArrayList<>();
        Path csv = out.resolve("c2st.csv");
        Files.writeString(csv, "task,budget,observation,c2st,simulate_s,train_s,sample_s\n");
        for (Task t : ts) {
            for (int budget : budgets) {
                int cap = Math.max(1, (int) Math.round(budget * 0.9));
                NpeSettings settings = NpeSettings.defaults().withEstimator(est).withTraining(
                        NpeSettings.defaults().training().withBatchSize(Math.min(batchSize, cap))
                                .withMaxEpochs(maxEpochs));
                NpeResult r = Npe.run(t.prior(), t.simulator(), budget, seed, settings, threads,
                        SimulationProgress.NONE, TrainingListener.NONE);
                Path dir = Files.createDirectories(out.resolve(t.name()).resolve(Integer.toString(budget)));
                for (int k : obs) {
                    t.checkObservation(k);
                    long t0 = System.nanoTime();
                    Matrix s = r.posterior().at(t.observation(k)).sample(samples,
                            SimulationStreams.streamFor(seed, TaskAnalysis.SAMPLE_STREAM + k));
                    double sampleS = (System.nanoTime() - t0) / 1e9;
                    Csv.write(dir.resolve("obs" + k + ".csv"), t.thetaNames(), s);
                    double c2st = C2st.run(t.referenceSamples(k), s,
                            C2st.Config.sbibm().withThreads(Math.min(5, threads)),
                            SimulationStreams.streamFor(seed, C2ST_STREAM + k)).accuracy();
                    Row row = new Row(t.name(), budget, k, c2st, r.simulateSeconds(),
                            r.trainSeconds(), sampleS);
                    rows.add(row);
                    String line = String.format(Locale.ROOT, "%s,%d,%d,%.5f,%.3f,%.3f,%.3f",
                            row.task, row.budget, row.observation, row.c2st, row.simulateS,
                            row.trainS, row.sampleS);
                    Files.writeString(csv, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                    pw.println(line);
                    pw.flush();
                }
            }
        }
        Files.writeString(out.resolve("summary.md"), SbibmSummary.markdown(rows, SbibmFigures.load(),
                estimator, batchSize, seed));
        return 0;
    }

    /** "1-10", "3", "1,3,5-7" → sorted distinct observation numbers (each ≥ 1). */
    static int[] parseObservations(String spec) {
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
                if (lo < 1 || hi < lo) {
                    throw new NumberFormatException();
                }
                for (int k = lo; k <= hi; k++) {
                    set.add(k);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--observations: cannot read '" + p
                        + "'; use numbers >= 1 and ranges like 1-10, separated by commas", e);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
