package org.sbi4j.examples.bench;

import org.sbi4j.workflow.Presets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.io.Csv;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.SeedStream;

/**
 * The sbibm benchmark (Lueckmann et al., AISTATS 2021, arXiv:2101.04653) for NPE, as
 * {@code sbi4j bench sbibm} runs it. Per task and budget one network is trained (Npe.run,
 * single round) and used amortised for every observation: samples (stream
 * {@link SeedStream#SAMPLES} + k), then C2ST against the reference samples as sbibm computes
 * it ({@link SeedStream#SBIBM_C2ST} + k). Writes OUT/&lt;task&gt;/&lt;budget&gt;/obs&lt;k&gt;.csv,
 * OUT/c2st.csv ({@code task,budget,observation,c2st,simulate_s,train_s,sample_s}; simulate_s and
 * train_s belong to the network and repeat on its rows) and OUT/summary.md beside the published
 * NPE figures and sbi measured on this machine kind ({@link SbibmFigures}).
 *
 * <p>Batch size: {@code TrainingConfig.AUTO} (0) is the library's default (sbi's 200 from
 * 4,000 simulations up, smaller with a larger learning rate below); the sbibm paper's NPE runs
 * used 10,000 capped at the training set size.
 *
 * @param tasks        task names
 * @param budgets      simulation budgets
 * @param observations observation numbers (each ≥ 1)
 * @param estimator    any registered estimator kind (nsf, maf, mdn, fmpe, …)
 * @param settings     snake_case settings of the estimator kind overriding its defaults
 * @param batchSize    training batch size, capped at the training set; 0 for automatic
 * @param maxEpochs    epoch limit (MAX_VALUE: early stopping only)
 * @param stopAfterEpochs early-stopping patience in epochs; 0 keeps the preset's
 * @param learningRate Adam's learning rate; 0 keeps the preset's
 * @param samples      posterior samples per observation (at least 10)
 * @param seed         run seed
 * @param threads      simulation and C2ST threads
 * @param preset       the settings the estimator kind, batch size and epoch limit are applied
 *                     to: sbi (sbi's plain behaviour, the benchmark's default), auto or
 *                     calibrated ({@link Presets})
 */
public record SbibmBenchmark(List<String> tasks, int[] budgets, int[] observations,
                             String estimator, java.util.Map<String, String> settings,
                             int batchSize, int maxEpochs, int stopAfterEpochs, double learningRate, int samples,
                             long seed, int threads, String preset) {

    /** The ten sbibm tasks, in the paper's order. */
    public static final List<String> SBIBM_TASKS = List.of("gaussian_linear",
            "gaussian_linear_uniform", "slcp", "slcp_distractors", "bernoulli_glm",
            "bernoulli_glm_raw", "gaussian_mixture", "two_moons", "sir", "lotka_volterra");

    /** One line of c2st.csv. */
    public record Row(String task, int budget, int observation, double c2st, double simulateS,
                      double trainS, double sampleS) {

        /** The header of c2st.csv, with its line end. */
        static final String CSV_HEADER =
                "task,budget,observation,c2st,simulate_s,train_s,sample_s\n";

        /** This row as a line of c2st.csv (no line end). */
        String csvLine() {
            return String.format(Locale.ROOT, "%s,%d,%d,%.5f,%.3f,%.3f,%.3f", task, budget,
                    observation, c2st, simulateS, trainS, sampleS);
        }
    }

    /** C2ST of one observation's samples and the seconds the sampling took. */
    record Scored(double c2st, double sampleSeconds) {
    }

    /**
     * Draws {@code samples} posterior samples for observation k of task t (stream
     * {@link SeedStream#SAMPLES} of the seed), writes them to DIR/obs&lt;k&gt;.csv and scores them
     * against the reference with sbibm's C2ST (stream {@link SeedStream#SBIBM_C2ST}).
     */
    static Scored sampleAndScore(Task t, Posterior posterior, int k, Path dir, int samples,
                                 long seed, int threads) throws IOException {
        long t0 = System.nanoTime();
        Matrix s = posterior.at(t.observation(k)).sample(samples,
                SeedStream.SAMPLES.streamFor(seed, k));
        double sampleS = (System.nanoTime() - t0) / 1e9;
        return new Scored(score(t, s, posterior.names(), k, dir, seed, threads), sampleS);
    }

    /**
     * Writes observation k's samples to DIR/obs&lt;k&gt;.csv and returns sbibm's C2ST against
     * the reference (stream {@link SeedStream#SBIBM_C2ST}).
     */
    static double score(Task t, Matrix s, List<String> names, int k, Path dir, long seed,
                        int threads) throws IOException {
        Csv.write(dir.resolve("obs" + k + ".csv"), names, s);
        return C2st.run(t.referenceSamples(k), s,
                C2st.Config.sbibm().withThreads(Math.min(5, threads)),
                SeedStream.SBIBM_C2ST.streamFor(seed, k)).accuracy();
    }

    /** Checks the sizes. */
    public SbibmBenchmark {
        if (threads < 1 || samples < 10 || batchSize < 0 || stopAfterEpochs < 0
                || !(learningRate >= 0)) {
            throw new IllegalArgumentException("need --threads >= 1, --samples >= 10, --batch-size >= 0,"
                    + " --stop-after-epochs >= 0; got " + threads + ", " + samples + ", " + batchSize
                    + ", " + stopAfterEpochs + " (learning rate " + learningRate + ")");
        }
        Presets.of(preset); // refuses an unknown name before any work
        settings = java.util.Map.copyOf(settings);
        org.sbi4j.flows.EstimatorKinds.bind(estimator, settings); // unknown kinds, keys, values
        tasks = List.copyOf(tasks);
        budgets = budgets.clone();
        observations = observations.clone();
    }

    /**
     * Runs the benchmark into {@code out} (prepared: non-empty only with {@code overwrite}),
     * passing each c2st.csv line to {@code lines} as it is written.
     */
    public List<Row> run(Path out, boolean overwrite, Consumer<String> lines) throws IOException {
        List<Task> ts = tasks.stream().map(Tasks::byName).toList();
        OutputDir.prepare(out, overwrite, null);
        NpeSettings base = Presets.of(preset);
        EstimatorSpec est = base.estimator().withSettings(
                org.sbi4j.flows.EstimatorKinds.bind(estimator, settings));
        List<Row> rows = new ArrayList<>();
        Path csv = out.resolve("c2st.csv");
        Files.writeString(csv, Row.CSV_HEADER);
        for (Task t : ts) {
            for (int budget : budgets) {
                int cap = Math.max(1, (int) Math.round(budget * 0.9));
                // batch size AUTO (the option's default) keeps the preset's: sbi's 200 for sbi,
                // the small-budget rule for auto
                TrainingConfig training = base.training();
                if (batchSize != TrainingConfig.AUTO) {
                    training = training.withBatchSize(Math.min(batchSize, cap));
                }
                if (stopAfterEpochs > 0) {
                    training = training.withStopAfterEpochs(stopAfterEpochs);
                }
                if (learningRate > 0) {
                    training = training.withLearningRate(learningRate);
                }
                NpeSettings settings = base.withEstimator(est).withTraining(
                        training.withMaxEpochs(maxEpochs));
                NpeResult r = Npe.builder(t.prior(), t.simulator()).simulations(budget).seed(seed)
                        .settings(settings).threads(threads).run();
                Path dir = Files.createDirectories(out.resolve(t.name()).resolve(Integer.toString(budget)));
                for (int k : observations) {
                    t.checkObservation(k);
                    Scored sc = sampleAndScore(t, r.posterior(), k, dir, samples, seed, threads);
                    Row row = new Row(t.name(), budget, k, sc.c2st(), r.simulateSeconds(),
                            r.trainSeconds(), sc.sampleSeconds());
                    rows.add(row);
                    String line = row.csvLine();
                    Files.writeString(csv, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                    lines.accept(line);
                }
            }
        }
        Files.writeString(out.resolve("summary.md"), SbibmSummary.markdown(rows,
                SbibmFigures.load(), estimator + (settings.isEmpty() ? "" : " " + new java.util.TreeMap<>(settings))
                        + (stopAfterEpochs == 0 ? "" : ", patience " + stopAfterEpochs)
                        + (learningRate == 0 ? "" : ", learning rate " + learningRate)
                        + (preset.equals("sbi") ? "" : ", preset " + preset),
                batchSize, seed));
        return rows;
    }

    /**
     * Runs the benchmark for a sequential method instead ({@link SbibmSequential}): one analysis
     * per observation with the whole budget in {@code rounds} rounds, with this benchmark's
     * preset, estimator, epoch limit and batch size (not capped: the training set grows).
     */
    public List<Row> runSequential(org.sbi4j.npe.MethodSettings method, int rounds, Path out,
                                   boolean overwrite, Consumer<String> lines) throws IOException {
        OutputDir.prepare(out, overwrite, null);
        NpeSettings base = Presets.of(preset);
        TrainingConfig training = base.training().withMaxEpochs(maxEpochs);
        if (batchSize != TrainingConfig.AUTO) {
            training = training.withBatchSize(batchSize);
        }
        NpeSettings settings = base.withEstimator(base.estimator().withSettings(
                org.sbi4j.flows.EstimatorKinds.defaults(estimator))).withTraining(training);
        List<Row> rows = new SbibmSequential(tasks, budgets, observations, method, rounds,
                settings, samples, seed, threads).run(out, lines);
        Files.writeString(out.resolve("summary.md"), SequentialSummary.markdown(rows,
                method.kind() + ", " + estimator + ", preset " + preset, rounds, seed));
        return rows;
    }

    /** "1-10", "3", "1,3,5-7" → sorted distinct observation numbers (each ≥ 1). */
    public static int[] parseObservations(String spec) {
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
