package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.npe.NpeRound;
import org.sbi4j.npe.SequentialNpe;
import org.sbi4j.npe.SequentialResult;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.job.JobFile;

/**
 * The part of {@link Analysis} for a sequential method ({@code method: tsnpe | apt}): one analysis
 * per observation k, each with the job's whole {@code simulations} in {@code rounds} rounds,
 * under the seed {@link SeedStream#SEQUENTIAL_RUN} + k. Writes per observation
 * {@code rounds[-k]/} (per round: {@code simulations.npz}, {@code model.sbi4j},
 * {@code loss.csv}, {@code loss.png}, {@code corner.png} of the posterior after the round,
 * {@code round.properties} with the proposal and wall times; a rerun resumes at the round it
 * was in), {@code model[-k].sbi4j}, {@code samples[-k].csv}, {@code corner[-k].png}, and the
 * diagnostics that stay valid for a posterior fitted at x_o (ppc, identifiability); SBC and
 * coverage are reported as not run, with the reason.
 */
final class SequentialAnalysis {

    /** Posterior draws for the corner plot after each round. */
    static final int ROUND_PLOT_SAMPLES = 2_000;

    /** Why SBC and coverage are not run for a sequential posterior (summary.md). */
    static final String NOT_AMORTISED = "not run: SBC and coverage test calibration on average "
            + "over the prior, which only an amortised posterior claims; a sequential posterior "
            + "is trained for one x_o (TSNPE: on the prior truncated to its highest-probability "
            + "region; APT: on proposals drawn from its own posterior at x_o), so over the prior "
            + "they would test something it does not claim. The "
            + "checks at x_o (ppc, identifiability) remain valid; for calibration, run method "
            + "npe on the same budget";

    record Context(JobFile job, Source src, List<float[]> observations, long seed, Path dir,
                   int threads, ProgressListener progress) {
    }

    private SequentialAnalysis() {
    }

    static void run(Context c, RunSummary summary) throws IOException {
        JobFile job = c.job();
        summary.setting("method", job.method().type() + " " + job.method().toSettings());
        summary.setting("rounds", Integer.toString(job.rounds()));
        int n = c.observations().size();
        long t0 = System.nanoTime();
        for (int k = 1; k <= n; k++) {
            float[] xo = c.observations().get(k - 1);
            Path roundsDir = c.dir().resolve(n == 1 ? "rounds" : "rounds-" + k);
            SequentialResult r;
            int obs = k;
            try (ProgressListener.Stage stage = c.progress().stage("observation " + k + ", "
                    + job.rounds() + " rounds", job.simulations())) {
                r = SequentialNpe.builder(c.src().prior(), c.src().simulator()).observation(xo)
                        .method(job.method().toSettings()).rounds(job.rounds())
                        .simulations(job.simulations()).settings(Presets.forJob(job))
                        .seed(SeedStream.SEQUENTIAL_RUN.seedFor(c.seed(), k))
                        .threads(c.threads()).folder(roundsDir).progress(stage)
                        .onEpoch(c.progress().epochLog())
                        .onRound((rec, model, resumed) -> roundDone(c, roundsDir, obs, xo, rec,
                                model, resumed))
                        .run();
            }
            Posterior post = r.posterior();
            PosteriorFiles.save(post, Observations.numbered(c.dir().resolve("model.sbi4j"), k, n));
            summary.result(roundTable(k, "`" + roundsDir.getFileName() + "/round-<r>/`: "
                    + "simulations, model, loss curve, corner plot after the round", r.rounds()));
            Path samples = Observations.numbered(c.dir().resolve("samples.csv"), k, n);
            Matrix s = Sampling.draw(post.at(xo), job.samples(), c.seed(), k, c.progress());
            Observations.writeSamples(samples, post.names(), s);
            Path png = Observations.numbered(c.dir().resolve("corner.png"), k, n);
            Plots.corner(png, s, post.names(), null, "observation " + k + " (" + job.method()
                    .type() + ")");
            summary.samples(k, samples, png, post.at(xo), s);
            diagnose(c, post, xo, k, summary);
        }
        summary.time("rounds (simulate, train, propose)", t0);
        for (String d : List.of("sbc", "coverage")) {
            if (job.diagnostics().contains(d)) {
                summary.verdict(d, NOT_AMORTISED);
            }
        }
        if (!"off".equals(job.calibration().mode())) {
            summary.note("calibration `" + job.calibration().mode() + "` not run: its check is "
                    + "SBC and coverage over the prior, which a sequential posterior does not "
                    + "claim (see the diagnostics)");
        }
        summary.note("diagnostics: " + (job.diagnostics().isEmpty() ? "none"
                : String.join(", ", job.diagnostics())) + " (sequential method "
                + job.method().type() + ": ppc and identifiability at each x_o; sbc and "
                + "coverage not run)");
    }

    private static void roundDone(Context c, Path roundsDir, int k, float[] xo, RoundRecord rec,
                                  NpeRound model, boolean resumed) {
        c.progress().note("observation %d, round %d: %d simulations (%s), %s", k, rec.round(),
                rec.attempted(), rec.proposal(), resumed ? "read back" : String.format(Locale.ROOT,
                        "trained in %.1f s", rec.trainSeconds()));
        Path dir = roundsDir.resolve("round-" + rec.round());
        try {
            Path corner = dir.resolve("corner.png");
            if (!Files.exists(corner)) {
                Matrix s = model.posterior().at(xo).sample(ROUND_PLOT_SAMPLES,
                        SeedStream.SAMPLES.streamFor(c.seed(), k));
                Plots.corner(corner, s, model.posterior().names(), null, "observation " + k
                        + ", after round " + rec.round());
            }
            if (!model.reports().isEmpty()) {
                Plots.loss(dir.resolve("loss.png"), model.reports(), "round " + rec.round());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the plots of " + dir, e);
        }
    }

    /** The rounds of observation k as a table; {@code where} says where they are kept. */
    static String roundTable(int k, String where, List<RoundRecord> rounds) {
        StringBuilder sb = new StringBuilder("Observation " + k + ", rounds (" + where
                + "):\n\n| round | simulations | valid | proposal "
                + "| propose s | simulate s | train s |\n|---|---|---|---|---|---|---|\n");
        for (RoundRecord r : rounds) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %.2f | %.2f | %.2f |%n",
                    r.round(), r.attempted(), r.valid(), r.proposal(), r.proposeSeconds(),
                    r.simulateSeconds(), r.trainSeconds()));
        }
        return sb.toString().strip();
    }

    private static void diagnose(Context c, Posterior post, float[] xo, int k,
                                 RunSummary summary) throws IOException {
        List<String> wanted = c.job().diagnostics();
        if (wanted.contains("ppc")) {
            var r = Diagnoses.ppc(new Diagnoses.PpcModel(post, null, c.src().prior(),
                    c.src().simulator()), xo, 1000, c.seed(), Ppc.DEFAULT_LEVEL);
            DiagnosticFiles.writePpcSummary(c.dir(), k, r);
            summary.verdict("ppc, observation " + k, r.verdict());
        }
        if (wanted.contains("identifiability")) {
            var r = Diagnoses.identifiability(post, c.src().prior(), xo, 2000, c.seed());
            DiagnosticFiles.writeIdentifiability(c.dir(), k, r);
            DiagnosticFiles.writeRidge(c.dir(), k, r,
                    () -> Diagnoses.identifiabilitySamples(post, xo, 2000, c.seed()));
            summary.verdict("identifiability, observation " + k, r.verdict());
        }
    }
}
