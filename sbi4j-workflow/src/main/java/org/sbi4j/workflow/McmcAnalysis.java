package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.diagnostics.Identifiability;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nle.NleConfig;
import org.sbi4j.nle.NleResult;
import org.sbi4j.nle.SequentialNle;
import org.sbi4j.nle.TrialsPosterior;
import org.sbi4j.npe.LikelihoodMethod;
import org.sbi4j.npe.MethodSettings;
import org.sbi4j.npe.RatioMethod;
import org.sbi4j.nre.NreConfig;
import org.sbi4j.nre.SequentialNre;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.job.JobFile;

/**
 * The part of {@link Analysis} for a method whose posterior is sampled by MCMC: likelihood
 * estimation ({@code method: nle | snle}, {@link SequentialNle}) or ratio estimation
 * ({@code nre | bnre | snre}, {@link SequentialNre}). One analysis per observation k, each with
 * the job's whole {@code simulations} in {@code rounds} rounds (nle, nre, bnre: 1 round on the
 * prior) under the seed {@link SeedStream#SEQUENTIAL_RUN} + k. Writes per observation
 * {@code samples[-k].csv} ({@code samples} MCMC draws, {@link McmcRuns#sample}),
 * {@code corner[-k].png}, {@code mcmc[-k].txt} (R-hat and bulk ESS per parameter, warnings),
 * for nle and snle {@code likelihood[-k].sbi4j} (the likelihood q(x | θ) as a model file, roles
 * swapped) and {@code rounds[-k]/} (per round {@code simulations.npz},
 * {@code likelihood.sbi4j}, {@code loss.csv}, {@code round.properties}; a rerun resumes at the
 * round it was in). A ratio estimator has no model file, and its rounds run in memory. The
 * checks at x_o (ppc, identifiability) run on the MCMC draws; SBC and coverage are not run.
 */
final class McmcAnalysis {

    /** Why SBC and coverage are not run for an MCMC posterior (summary.md). */
    static final String NOT_RUN = "not run: SBC and coverage test calibration on average over "
            + "the prior, which needs the posterior of hundreds of simulated test observations; "
            + "this method samples its posterior by MCMC at each observation (chains, warm-up, "
            + "convergence checks: seconds to minutes each), and its sequential variants train "
            + "for one x_o only, so `run` does not attempt it. The checks at x_o (ppc, "
            + "identifiability) run on the MCMC draws; for calibration, run method npe on the "
            + "same budget";

    private McmcAnalysis() {
    }

    /** One observation's result: the posterior to sample, its rounds and last training. */
    private record Fitted(TrialsPosterior posterior, List<RoundRecord> rounds,
                          org.sbi4j.train.TrainingReport training) {
    }

    static void run(SequentialAnalysis.Context c, RunSummary summary) throws IOException {
        JobFile job = c.job();
        MethodSettings method = job.method().toSettings();
        McmcSettings mcmc = method instanceof LikelihoodMethod lm ? lm.mcmc()
                : ((RatioMethod) method).mcmc();
        // the configs are built (and checked) before anything is simulated
        Configs configs = configs(job, method);
        summary.setting("method", job.method().type() + " " + method);
        summary.setting("rounds", Integer.toString(job.rounds()));
        summary.setting("estimator", configs.nle() != null
                ? configs.nle().estimator().kind() + " " + configs.nle().estimator().settings()
                + " (likelihood q(x | θ), no embedding)"
                : "ratio classifier " + configs.nre());
        int n = c.observations().size();
        long t0 = System.nanoTime();
        for (int k = 1; k <= n; k++) {
            float[] xo = c.observations().get(k - 1);
            Matrix trials = Matrix.fromRows(new float[][] {xo});
            Path roundsDir = c.dir().resolve(n == 1 ? "rounds" : "rounds-" + k);
            Fitted f;
            c.progress().note("observation %d: %s, %d rounds, %d simulations", k,
                    job.method().type(), job.rounds(), job.simulations());
            if (configs.nle() != null) {
                NleResult r = SequentialNle.builder(c.src().prior(), c.src().simulator())
                        .observation(trials).rounds(job.rounds()).simulations(job.simulations())
                        .config(configs.nle()).mcmc(mcmc)
                        .seed(SeedStream.SEQUENTIAL_RUN.seedFor(c.seed(), k))
                        .threads(c.threads()).folder(roundsDir)
                        .onEpoch(c.progress().epochLog()).run();
                PosteriorFiles.save(r.posterior().likelihood().model(),
                        Observations.numbered(c.dir().resolve("likelihood.sbi4j"), k, n));
                f = new Fitted(r.posterior(), r.rounds(),
                        r.reports().isEmpty() ? null : r.reports().getLast());
                summary.result(SequentialAnalysis.roundTable(k, "`" + roundsDir.getFileName()
                        + "/round-<r>/`: simulations, likelihood, loss", r.rounds()));
            } else {
                RatioMethod rm = (RatioMethod) method;
                SequentialNre.NreResult r = SequentialNre.builder(c.src().prior(),
                                c.src().simulator()).config(configs.nre()).observation(trials)
                        .rounds(job.rounds()).simulations(job.simulations())
                        .mcmc(mcmc, rm.warmStart())
                        .seed(SeedStream.SEQUENTIAL_RUN.seedFor(c.seed(), k))
                        .threads(c.threads()).onEpoch(c.progress().epochLog()).run();
                f = new Fitted(r.estimator().posterior(c.src().prior(), trials), r.rounds(),
                        r.report());
                summary.result(SequentialAnalysis.roundTable(k, "in memory: a ratio estimator "
                        + "has no model file yet, so nothing is saved and a rerun trains again",
                        r.rounds()));
            }
            sample(c, f, mcmc, k, summary);
        }
        summary.time("rounds and MCMC (simulate, train, propose, sample)", t0);
        for (String d : List.of("sbc", "coverage")) {
            if (job.diagnostics().contains(d)) {
                summary.verdict(d, NOT_RUN);
            }
        }
        if (!"off".equals(job.calibration().mode())) {
            summary.note("calibration `" + job.calibration().mode() + "` not run: its check is "
                    + "SBC and coverage over the prior, which `run` does not attempt for a "
                    + "posterior sampled by MCMC (see the diagnostics)");
        }
        summary.note("diagnostics: " + (job.diagnostics().isEmpty() ? "none"
                : String.join(", ", job.diagnostics())) + " (" + job.method().type()
                + ", posterior by MCMC: ppc and identifiability on the MCMC draws at each x_o; "
                + "sbc and coverage not run)");
        if (configs.nre() != null) {
            summary.note("model file: none; a ratio estimator has no model file format yet "
                    + "(the samples, the MCMC diagnostics and the rounds are the result)");
        }
    }

    /** The rounds' settings: one of the two is null. */
    private record Configs(NleConfig nle, NreConfig nre) {
    }

    private static Configs configs(JobFile job, MethodSettings method) {
        var settings = Presets.forJob(job);
        return method instanceof LikelihoodMethod lm
                ? new Configs(McmcRuns.nleConfig(lm, settings), null)
                : new Configs(null, McmcRuns.nreConfig((RatioMethod) method,
                settings.training()));
    }

    /** MCMC draws, their files and summary lines, and the checks at x_o. */
    private static void sample(SequentialAnalysis.Context c, Fitted f, McmcSettings mcmc, int k,
                               RunSummary summary) throws IOException {
        JobFile job = c.job();
        int n = c.observations().size();
        List<String> names = c.src().prior().names();
        McmcRuns.Draws d = McmcRuns.sample(f.posterior(), job.samples(), mcmc, c.seed(), k,
                c.threads());
        Path samples = Observations.numbered(c.dir().resolve("samples.csv"), k, n);
        Observations.writeSamples(samples, names, d.samples());
        Path png = Observations.numbered(c.dir().resolve("corner.png"), k, n);
        Plots.corner(png, d.samples(), names, null, "observation " + k + " ("
                + job.method().type() + ", MCMC)");
        Path txt = Observations.numbered(c.dir().resolve("mcmc.txt"), k, n);
        Files.writeString(txt, McmcRuns.text(d, names, f.training()));
        summary.samples(k, samples, png, names, d.samples());
        summary.verdict("mcmc, observation " + k, McmcRuns.verdict(d.result())
                + "; `" + txt.getFileName() + "`");
        if (!d.result().diagnostics().converged()) {
            c.progress().warn("observation %d: the MCMC chains did not converge (%s)", k,
                    String.join("; ", d.result().diagnostics().warnings()));
        }
        diagnose(c, d.samples(), c.observations().get(k - 1), k, summary);
    }

    /** ppc and identifiability from the MCMC draws (the first 1000 and 2000 of them). */
    private static void diagnose(SequentialAnalysis.Context c, Matrix draws, float[] xo, int k,
                                 RunSummary summary) throws IOException {
        List<String> wanted = c.job().diagnostics();
        if (wanted.contains("ppc")) {
            Matrix theta = Diagnoses.firstRows(draws, 1000);
            var r = Ppc.check(Diagnoses.simulatePredictive(theta, c.src().simulator(),
                    c.seed(), null), xo, null, Ppc.DEFAULT_LEVEL);
            DiagnosticFiles.writePpcSummary(c.dir(), k, r);
            summary.verdict("ppc, observation " + k, r.verdict());
        }
        if (wanted.contains("identifiability")) {
            Matrix post = Diagnoses.firstRows(draws, 2000);
            List<String> names = c.src().prior().names();
            if (post.rows() <= names.size()) {
                summary.verdict("identifiability, observation " + k, "not run: it needs more "
                        + "posterior draws than parameters, the job asks for " + post.rows()
                        + " samples");
                return;
            }
            UniformRandomProvider rng = SeedStream.IDENTIFIABILITY.streamFor(c.seed());
            Matrix prior = c.src().prior().sample(2000, rng);
            var r = Identifiability.analyse(post, prior, names,
                    Identifiability.DEFAULT_THRESHOLD);
            DiagnosticFiles.writeIdentifiability(c.dir(), k, r);
            DiagnosticFiles.writeRidge(c.dir(), k, r, () -> post);
            summary.verdict("identifiability, observation " + k, r.verdict());
        }
    }
}
