package org.sbi4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sbi4j.nle.NleResult;
import org.sbi4j.nle.SequentialNle;
import org.sbi4j.npe.LikelihoodMethod;
import org.sbi4j.npe.MethodSettings;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.npe.SequentialNpe;
import org.sbi4j.npe.SequentialResult;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.workflow.McmcRuns;
import org.sbi4j.workflow.SeedStream;

/**
 * The sbibm benchmark for a sequential method ({@code sbi4j bench sbibm --method tsnpe}) or a
 * likelihood method ({@code nle}, {@code snle}: {@link SequentialNle}, posterior by MCMC), or
 * an amortised ratio method ({@code nre}, {@code bnre}: {@link SbibmRatio}, one classifier per
 * task and budget, MCMC per observation). Sequential and likelihood methods: per
 * task, budget and observation k one sequential analysis ({@link SequentialNpe}) with the whole
 * budget in {@code rounds} equal rounds, under the seed {@link SeedStream#SEQUENTIAL_RUN} + k of
 * the run seed; samples and C2ST as the amortised mode ({@link SbibmBenchmark}). Writes
 * OUT/&lt;task&gt;/&lt;budget&gt;/obs&lt;k&gt;.csv, the resumable round folders
 * OUT/&lt;task&gt;/&lt;budget&gt;/obs&lt;k&gt;-rounds/ (a rerun with {@code --overwrite}
 * continues an interrupted analysis), OUT/c2st.csv (simulate_s and train_s summed over the
 * rounds) and OUT/rounds.csv ({@code task,budget,observation,round,simulations,valid,propose_s,
 * simulate_s,train_s,proposal}).
 *
 * @param tasks        task names
 * @param budgets      total simulations per observation (all rounds)
 * @param observations observation numbers
 * @param method       the method's settings (a registered kind)
 * @param rounds       rounds per analysis
 * @param settings     what every round trains (the preset with the estimator applied)
 * @param samples      posterior samples per observation
 * @param seed         run seed
 * @param threads      simulation, training and C2ST threads
 */
public record SbibmSequential(List<String> tasks, int[] budgets, int[] observations,
                              MethodSettings method, int rounds, NpeSettings settings,
                              int samples, long seed, int threads) {

    public SbibmSequential {
        tasks = List.copyOf(tasks);
        budgets = budgets.clone();
        observations = observations.clone();
        method.checkRounds(rounds);
    }

    /** Runs every analysis into {@code out} (already prepared), one c2st.csv line at a time. */
    public List<SbibmBenchmark.Row> run(Path out, Consumer<String> lines) throws IOException {
        List<Task> ts = tasks.stream().map(Tasks::byName).toList();
        for (Task t : ts) {
            for (int k : observations) {
                t.checkObservation(k);
            }
        }
        Path csv = out.resolve("c2st.csv");
        Files.writeString(csv, SbibmBenchmark.Row.CSV_HEADER);
        Path roundsCsv = out.resolve("rounds.csv");
        Files.writeString(roundsCsv, "task,budget,observation,round,simulations,valid,propose_s,"
                + "simulate_s,train_s,proposal\n");
        if (method instanceof org.sbi4j.npe.RatioMethod rm) {
            return new SbibmRatio(rm, rounds, settings.training(), samples, seed, threads).run(ts,
                    budgets, observations, out, lines);
        }
        List<SbibmBenchmark.Row> rows = new ArrayList<>();
        for (Task t : ts) {
            for (int budget : budgets) {
                Path dir = Files.createDirectories(out.resolve(t.name())
                        .resolve(Integer.toString(budget)));
                for (int k : observations) {
                    SbibmBenchmark.Row row = runOne(t, budget, k, dir, roundsCsv);
                    rows.add(row);
                    String line = row.csvLine();
                    Files.writeString(csv, line + "\n", StandardOpenOption.APPEND);
                    lines.accept(line);
                }
            }
        }
        return rows;
    }

    private SbibmBenchmark.Row runOne(Task t, int budget, int k, Path dir, Path roundsCsv)
            throws IOException {
        if (method instanceof LikelihoodMethod lm) {
            return runLikelihood(lm, t, budget, k, dir, roundsCsv);
        }
        SequentialResult r = SequentialNpe.builder(t.prior(), t.simulator())
                .observation(t.observation(k)).method(method).rounds(rounds)
                .simulations(budget).settings(settings)
                .seed(SeedStream.SEQUENTIAL_RUN.seedFor(seed, k)).threads(threads)
                .folder(dir.resolve("obs" + k + "-rounds")).run();
        double[] times = appendRounds(t, budget, k, r.rounds(), roundsCsv);
        SbibmBenchmark.Scored sc = SbibmBenchmark.sampleAndScore(t, r.posterior(), k, dir,
                samples, seed, threads);
        return new SbibmBenchmark.Row(t.name(), budget, k, sc.c2st(), times[0], times[1],
                sc.sampleSeconds());
    }

    /**
     * NLE or SNLE ({@link SequentialNle}) with the estimator and training of the settings;
     * the posterior samples come from the method's MCMC ({@link McmcRuns#sample}, seed from
     * stream {@link SeedStream#SAMPLES} + k), whose diagnostics go to DIR/obs&lt;k&gt;-mcmc.txt
     * ({@link McmcRuns#text}, as {@code sbi4j run} writes them).
     */
    private SbibmBenchmark.Row runLikelihood(LikelihoodMethod lm, Task t, int budget, int k,
                                             Path dir, Path roundsCsv) throws IOException {
        NleResult r = SequentialNle.builder(t.prior(), t.simulator())
                .observation(new float[][] {t.observation(k)}).rounds(rounds)
                .simulations(budget).config(McmcRuns.nleConfig(lm, settings)).mcmc(lm.mcmc())
                .seed(SeedStream.SEQUENTIAL_RUN.seedFor(seed, k)).threads(threads)
                .folder(dir.resolve("obs" + k + "-rounds")).run();
        double[] times = appendRounds(t, budget, k, r.rounds(), roundsCsv);
        McmcRuns.Draws d = McmcRuns.sample(r.posterior(), samples, lm.mcmc(), seed, k, threads);
        Files.writeString(dir.resolve("obs" + k + "-mcmc.txt"), McmcRuns.text(d,
                t.prior().names(), r.reports().isEmpty() ? null : r.reports().getLast()));
        double c2st = SbibmBenchmark.score(t, d.samples(), t.prior().names(), k, dir, seed,
                threads);
        return new SbibmBenchmark.Row(t.name(), budget, k, c2st, times[0], times[1],
                d.seconds());
    }

    /** Appends the rounds to rounds.csv; returns {simulate + propose seconds, train seconds}. */
    private static double[] appendRounds(Task t, int budget, int k, List<RoundRecord> rounds,
                                         Path roundsCsv) throws IOException {
        double simulateS = 0;
        double trainS = 0;
        StringBuilder lines = new StringBuilder();
        for (RoundRecord rec : rounds) {
            simulateS += rec.simulateSeconds() + rec.proposeSeconds();
            trainS += rec.trainSeconds();
            lines.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,\"%s\"%n",
                    t.name(), budget, k, rec.round(), rec.attempted(), rec.valid(),
                    rec.proposeSeconds(), rec.simulateSeconds(), rec.trainSeconds(),
                    rec.proposal().replace("\"", "'")));
        }
        Files.writeString(roundsCsv, lines, StandardOpenOption.APPEND);
        return new double[] {simulateS, trainS};
    }
}
