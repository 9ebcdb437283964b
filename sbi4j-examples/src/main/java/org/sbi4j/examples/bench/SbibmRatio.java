package org.sbi4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sbi4j.npe.RatioMethod;
import org.sbi4j.nre.NreConfig;
import org.sbi4j.nre.RatioPosterior;
import org.sbi4j.nre.SequentialNre;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.tasks.Task;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.workflow.McmcRuns;
import org.sbi4j.workflow.SeedStream;

/**
 * The sbibm benchmark for an amortised ratio method ({@code nre}, {@code bnre}): per task and
 * budget one classifier ({@link SequentialNre}, one round on the prior, run seed), then per
 * observation k the MCMC posterior p(θ)·r(x_k, θ) (seed from stream {@link SeedStream#SAMPLES}
 * + k) scored by sbibm's C2ST. Writes the files the likelihood methods write:
 * OUT/&lt;task&gt;/&lt;budget&gt;/obs&lt;k&gt;.csv and obs&lt;k&gt;-mcmc.txt (diagnostics and
 * throughput), OUT/c2st.csv (simulate_s and train_s belong to the classifier and repeat on its
 * rows, as amortised NPE's) and OUT/rounds.csv (the classifier's one round, repeated per
 * observation). A sequential ratio method ({@code snre}) trains per observation instead, in
 * {@code rounds} rounds with seed {@link SeedStream#SEQUENTIAL_RUN} + k, as SNLE does (rounds
 * in memory: no resumable round folders).
 *
 * @param method   the ratio method's settings (loss and MCMC)
 * @param rounds   rounds of a sequential method (snre), 1 for the amortised ones
 * @param training the trainer's settings (the preset's, with the benchmark's epoch limit)
 * @param samples  posterior samples per observation
 * @param seed     run seed
 * @param threads  simulation, training, MCMC and C2ST threads
 */
record SbibmRatio(RatioMethod method, int rounds, TrainingConfig training, int samples,
                  long seed, int threads) {

    /** Runs every task and budget; the csv files are already started (headers written). */
    List<SbibmBenchmark.Row> run(List<Task> tasks, int[] budgets, int[] observations, Path out,
                                 Consumer<String> lines) throws IOException {
        List<SbibmBenchmark.Row> rows = new ArrayList<>();
        NreConfig config = McmcRuns.nreConfig(method, training);
        for (Task t : tasks) {
            for (int budget : budgets) {
                Path dir = Files.createDirectories(out.resolve(t.name())
                        .resolve(Integer.toString(budget)));
                SequentialNre.NreResult amortised = method.sequential() ? null
                        : SequentialNre.builder(t.prior(), t.simulator()).config(config)
                        .simulations(budget).seed(seed).threads(threads).run();
                for (int k : observations) {
                    Matrix xo = Matrix.fromRows(new float[][] {t.observation(k)});
                    SequentialNre.NreResult r = amortised != null ? amortised
                            : SequentialNre.builder(t.prior(), t.simulator()).config(config)
                            .observation(xo).rounds(rounds).simulations(budget)
                            .mcmc(method.mcmc(), method.warmStart())
                            .seed(SeedStream.SEQUENTIAL_RUN.seedFor(seed, k)).threads(threads)
                            .run();
                    SbibmBenchmark.Row row = scoreOne(t, budget, k, xo, r, dir, out);
                    rows.add(row);
                    String line = row.csvLine();
                    Files.writeString(out.resolve("c2st.csv"), line + "\n",
                            StandardOpenOption.APPEND);
                    lines.accept(line);
                }
            }
        }
        return rows;
    }

    /** MCMC at x_k, its diagnostics file, the rounds' lines and the C2ST row. */
    private SbibmBenchmark.Row scoreOne(Task t, int budget, int k, Matrix xo,
                                        SequentialNre.NreResult r, Path dir, Path out)
            throws IOException {
        RatioPosterior post = r.estimator().posterior(t.prior(), xo);
        McmcRuns.Draws d = McmcRuns.sample(post, samples, method.mcmc(), seed, k, threads);
        Files.writeString(dir.resolve("obs" + k + "-mcmc.txt"), McmcRuns.text(d,
                t.prior().names(), r.report()));
        double c2st = SbibmBenchmark.score(t, d.samples(), t.prior().names(), k, dir, seed,
                threads);
        double sampleS = d.seconds();
        double simulateS = 0;
        double trainS = 0;
        StringBuilder lines = new StringBuilder();
        for (RoundRecord round : r.rounds()) {
            simulateS += round.simulateSeconds() + round.proposeSeconds();
            trainS += round.trainSeconds();
            lines.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,\"%s\"%n",
                    t.name(), budget, k, round.round(), round.attempted(), round.valid(),
                    round.proposeSeconds(), round.simulateSeconds(), round.trainSeconds(),
                    round.proposal().replace("\"", "'")));
        }
        Files.writeString(out.resolve("rounds.csv"), lines, StandardOpenOption.APPEND);
        return new SbibmBenchmark.Row(t.name(), budget, k, c2st, simulateS, trainS, sampleS);
    }
}
