package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sbi4j.data.Dataset;
import org.sbi4j.diagnostics.ConformalCoverage;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.diagnostics.Tarp;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.store.StoreSummary;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.job.JobComponents;
import org.sbi4j.workflow.job.JobFile;

/**
 * The whole analysis a job file describes, as {@code sbi4j run JOB} runs it: simulate
 * (resumable, into simulations/), train (model.sbi4j, model.sbi4j.report.json, loss.png),
 * sample each observation (samples[-k].csv, corner[-k].png), run the job's diagnostics
 * (sbc.json, ranks.npy, coverage.csv …, ppc-k.json, identifiability-k.json) and write
 * summary.md. A predictive check with nuisance parameters also trains the joint posterior of
 * every parameter (model-joint.sbi4j, see {@link Diagnoses#jointPosterior}). A sequential
 * method runs per observation ({@link SequentialAnalysis}), as does a method whose posterior is
 * sampled by MCMC (nle, snle, nre, bnre, snre: {@link McmcAnalysis}). The same job, seed
 * and settings give the same files from the command line and from Java, whatever the thread
 * count:
 * <pre>{@code
 * RunSummary s = Analysis.of(Path.of("job.yaml")).out(Path.of("report")).seed(42)
 *         .threads(4).run();
 * }</pre>
 * An analysis is an immutable value: each setter returns a changed copy, in any order. Running
 * it again into its own folder resumes unfinished simulations and reuses finished ones.
 */
public final class Analysis {

    /** Marker file that lets a later run of a job reuse (and resume in) its own folder. */
    public static final String MARKER = ".sbi4j-run";

    private record Options(Path out, boolean overwrite, Long seed, int threads, int numTests,
                           int numTestSamples, ProgressListener progress,
                           Source.External external) {
    }

    private final Path file;
    private final JobFile job;
    private final Options o;

    private Analysis(Path file, JobFile job, Options o) {
        this.file = file;
        this.job = job;
        this.o = o;
    }

    /**
     * The analysis of the job in {@code file}, read and checked now (relative paths resolved
     * against its folder). Defaults: the job's output folder and seed, all cores, 500 test pairs
     * with 500 posterior samples each, no progress reports.
     */
    public static Analysis of(Path file) throws NoSuchFileException {
        return new Analysis(file, Source.readJob(file), new Options(null, false, null,
                Runtime.getRuntime().availableProcessors(), 500, 500, ProgressListener.NONE,
                Source.External.NONE));
    }

    /**
     * The analysis of a job built in code (its relative paths already resolved); {@code file}
     * names it in messages and is recorded as the job's path. Defaults as {@link #of(Path)}.
     */
    public static Analysis of(JobFile job, Path file) {
        return new Analysis(file, job, new Options(null, false, null,
                Runtime.getRuntime().availableProcessors(), 500, 500, ProgressListener.NONE,
                Source.External.NONE));
    }

    /** The job, as read. */
    public JobFile job() {
        return job;
    }

    /** The report folder (default: the job's {@code output}). */
    public Analysis out(Path dir) {
        return new Analysis(file, job, new Options(dir, o.overwrite, o.seed, o.threads,
                o.numTests, o.numTestSamples, o.progress, o.external));
    }

    /** The preset the job's estimator and training keys apply to, replacing the job's. */
    public Analysis preset(String name) {
        return new Analysis(file, job.withPreset(name), o);
    }

    /** Whether to write into a non-empty folder that no earlier run of a job made. */
    public Analysis overwrite(boolean overwrite) {
        return new Analysis(file, job, new Options(o.out, overwrite, o.seed, o.threads,
                o.numTests, o.numTestSamples, o.progress, o.external));
    }

    /** The run seed (default: the job's {@code seed}). */
    public Analysis seed(long seed) {
        return new Analysis(file, job, new Options(o.out, o.overwrite, seed, o.threads,
                o.numTests, o.numTestSamples, o.progress, o.external));
    }

    /** Threads for simulation and diagnostics (results do not depend on it). */
    public Analysis threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return new Analysis(file, job, new Options(o.out, o.overwrite, o.seed, threads,
                o.numTests, o.numTestSamples, o.progress, o.external));
    }

    /**
     * Test simulations of sbc and coverage (at least 2 when the job asks for them), and
     * posterior samples per test (at least 1).
     */
    public Analysis tests(int pairs, int samplesPerPair) {
        return new Analysis(file, job, new Options(o.out, o.overwrite, o.seed, o.threads,
                pairs, samplesPerPair, o.progress, o.external));
    }

    /** Where stage messages, warnings and progress go. */
    public Analysis progress(ProgressListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("progress listener is null; use ProgressListener.NONE");
        }
        return new Analysis(file, job, new Options(o.out, o.overwrite, o.seed, o.threads,
                o.numTests, o.numTestSamples, listener, o.external));
    }

    /**
     * Times a broken batch of an external simulator is re-sent to a fresh process (default:
     * the job's simulator {@code retries}, else 0); ignored for other simulators.
     */
    public Analysis retries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("--retries must be at least 0, got " + n);
        }
        return new Analysis(file, job, new Options(o.out, o.overwrite, o.seed, o.threads,
                o.numTests, o.numTestSamples, o.progress, Source.External.retries(n)));
    }

    /** True when a seed was given or the job has one; {@link #run} needs it. */
    public boolean hasSeed() {
        return o.seed != null || job.seed() != null;
    }

    /** Runs the analysis and writes the report folder; returns what summary.md says. */
    public RunSummary run() throws IOException {
        if (!hasSeed()) {
            throw new IllegalArgumentException("no seed: the job " + file + " has no 'seed';"
                    + " give one");
        }
        List<String> wanted = job.diagnostics();
        if ((wanted.contains("sbc") || wanted.contains("coverage"))
                && (o.numTests < 2 || o.numTestSamples < 1)) {
            throw new IllegalArgumentException("sbc and coverage need at least 2 test pairs and"
                    + " 1 posterior sample per pair, got " + o.numTests + " and "
                    + o.numTestSamples);
        }
        long seed = o.seed != null ? o.seed : job.seed();
        ProgressListener progress = o.progress;
        try (Source src = Source.of(job, file, true, o.external)) {
            List<float[]> obs = observations(src);
            Path dir = OutputDir.prepare(o.out != null ? o.out : Path.of(job.output()),
                    o.overwrite, MARKER);
            RunSummary summary = new RunSummary(dir);
            summary.setting("job", src.job().toString());
            summary.setting("seed", Long.toString(seed));
            summary.setting("simulator", src.simulatorId());
            summary.setting("prior", src.prior().toString());
            progress.note("run: %s, %d simulations, seed %d, into %s", file, job.simulations(),
                    seed, dir);
            if (job.method().isSequential()) {
                var context = new SequentialAnalysis.Context(job, src, obs, seed, dir,
                        o.threads, progress);
                if (job.method().isMcmc()) {
                    McmcAnalysis.run(context, summary);
                } else {
                    SequentialAnalysis.run(context, summary);
                }
                summary.jobSizes(job);
                Files.writeString(dir.resolve("summary.md"), summary.markdown());
                return summary;
            }

            long t0 = System.nanoTime();
            Dataset data = simulate(src, seed, dir.resolve("simulations"), summary);
            summary.time("simulate", t0);

            t0 = System.nanoTime();
            TrainingStage.Outcome trained = TrainingStage.run(new TrainingStage.Context(job, src,
                    data, seed, dir, o.threads, o.numTests, o.numTestSamples, progress), summary);
            Posterior post = trained.result().posterior();
            summary.time("train", t0);

            t0 = System.nanoTime();
            for (int k = 1; k <= obs.size(); k++) {
                Path samples = Observations.numbered(dir.resolve("samples.csv"), k, obs.size());
                Matrix s = Sampling.draw(post.at(obs.get(k - 1)), job.samples(), seed, k,
                        progress);
                Observations.writeSamples(samples, post.names(), s);
                Path png = Observations.numbered(dir.resolve("corner.png"), k, obs.size());
                Plots.corner(png, s, post.names(), null, "observation " + k);
                summary.samples(k, samples, png, post.at(obs.get(k - 1)), s);
            }
            summary.time("sample", t0);

            t0 = System.nanoTime();
            Posterior joint = null;
            if (job.diagnostics().contains("ppc") && !obs.isEmpty()
                    && Diagnoses.hasNuisances(src.prior())) {
                o.progress.note("ppc with nuisance parameters: training the joint posterior of "
                        + "every parameter for the predictive draws (model-joint.sbi4j)");
                try (ProgressListener.Training epochs =
                             o.progress.training(trained.settings().training().maxEpochs())) {
                    joint = Diagnoses.jointPosterior(src.prior(), data, trained.settings(), seed,
                            epochs);
                }
                PosteriorFiles.save(joint, Diagnoses.jointModelFile(dir.resolve("model.sbi4j")));
            }
            diagnose(new Diagnoses.PpcModel(post, joint, src.prior(), src.simulator()), trained,
                    src, obs, seed, dir, summary);
            summary.time("diagnose", t0);

            summary.jobSizes(job);
            Files.writeString(dir.resolve("summary.md"), summary.markdown());
            return summary;
        }
    }

    /**
     * The job's observations, read and checked before anything is simulated: the file exists,
     * rows have the simulator's x dimension and are finite (NaN only as padding for an
     * embedding that masks it, e.g. deepsets).
     */
    private List<float[]> observations(Source src) {
        int xDim = src.simulator().xDim();
        Matrix m = JobComponents.observations(job, xDim);
        var embedding = job.estimator().embedding();
        boolean nanPadding = job.method().isMcmc() ? false // x enters as a flat vector
                : embedding != null
                ? embedding.toSettings().allowsNaNPadding()
                && !(embedding.toSettings() instanceof org.sbi4j.posterior.AutoEmbedding)
                : TrainingStage.xKind(job, src) == org.sbi4j.sim.XKind.SET;
        return m == null ? List.of()
                : Observations.check(m, "the job's observations", xDim, nanPadding);
    }

    private Dataset simulate(Source src, long seed, Path dir, RunSummary summary)
            throws IOException {
        StoreSettings st = SimulationFolder.resumable(dir,
                SimulationFolder.settings(src, seed, job.simulations()));
        SimulationStore store = SimulationStore.open(dir, st);
        long done = store.chunks().stream().mapToLong(c -> c.range().size()).sum();
        if (!store.isFinished() && done > 0) {
            o.progress.note("resuming: %d of %d simulations already done in %s", done,
                    job.simulations(), dir);
        }
        if (!store.isFinished()) {
            try (ProgressListener.Stage stage = o.progress.stage("simulate", job.simulations())) {
                StoreRunner.run(store, src.prior(), src.simulator(), src.isExternal(),
                        o.threads, stage);
            }
        }
        if (src.retryReport() != null) {
            o.progress.note("simulate: %s", src.retryReport());
        }
        StoreSummary s = store.finish();
        JsonFiles.write(dir.resolve(SimulationFolder.METADATA), SimulationFolder.metadata(src,
                st, s, SimulationFolder.seconds(dir), null));
        summary.simulations(s, src.retryReport());
        return Dataset.from(store.load());
    }

    private void diagnose(Diagnoses.PpcModel model, TrainingStage.Outcome trained, Source src,
                          List<float[]> obs, long seed, Path dir, RunSummary summary)
            throws IOException {
        Posterior post = model.posterior();
        List<String> wanted = job.diagnostics();
        if (wanted.contains("sbc") || wanted.contains("coverage")) {
            // the calibration check already ran SBC on the same test pairs: reuse it
            SbcResult sbc = trained.sbc();
            try {
                if (sbc == null) {
                    Diagnoses.TestPairs pairs = trained.pairs() != null ? trained.pairs()
                            : Diagnoses.testPairs(src.prior(), src.simulator(), o.numTests, seed,
                            o.threads, o.progress);
                    sbc = Diagnoses.sbc(post, pairs, o.numTestSamples, Sbc.DEFAULT_ALPHA, seed,
                            o.threads);
                }
            } catch (IllegalStateException e) {
                // e.g. a test pair whose posterior lies almost entirely outside the prior
                summary.verdict("sbc", "NOT calibrated: the check could not run: "
                        + e.getMessage());
                sbc = null;
            }
            if (sbc != null && wanted.contains("sbc")) {
                DiagnosticFiles.writeSbc(dir, sbc);
                summary.verdict("sbc", sbc.verdict());
                var bands = Diagnoses.ecdfBands(sbc, seed);
                DiagnosticFiles.writeEcdf(dir, bands);
                summary.verdict("sbc (ECDF bands)", Diagnoses.ecdfVerdict(bands, sbc.alpha()));
            }
            if (sbc != null && wanted.contains("coverage")) {
                var hpd = Coverage.hpd(sbc.ranks(), sbc.alpha());
                var tarp = Tarp.of(sbc.ranks(), sbc.alpha());
                DiagnosticFiles.writeCoverage(dir, hpd, tarp);
                summary.verdict("coverage (highest-density regions)", hpd.verdict());
                summary.verdict("coverage (TARP)", tarp.verdict());
                var recal = ConformalCoverage.recalibrate(sbc.ranks(),
                        ConformalCoverage.DEFAULT_LEVELS);
                DiagnosticFiles.writeRecalibration(dir, recal);
                summary.verdict("coverage (conformal recalibration)", recal.verdict());
            }
        }
        for (int k = 1; k <= obs.size(); k++) {
            if (wanted.contains("ppc")) {
                var r = Diagnoses.ppc(model, obs.get(k - 1), 1000, seed, Ppc.DEFAULT_LEVEL);
                DiagnosticFiles.writePpcSummary(dir, k, r);
                summary.verdict("ppc, observation " + k, r.verdict());
            }
            if (wanted.contains("identifiability")) {
                var r = Diagnoses.identifiability(post, src.prior(), obs.get(k - 1), 2000, seed);
                DiagnosticFiles.writeIdentifiability(dir, k, r);
                float[] xo = obs.get(k - 1);
                DiagnosticFiles.writeRidge(dir, k, r,
                        () -> Diagnoses.identifiabilitySamples(post, xo, 2000, seed));
                summary.verdict("identifiability, observation " + k, r.verdict());
            }
        }
        if (!wanted.isEmpty() && obs.isEmpty() && (wanted.contains("ppc")
                || wanted.contains("identifiability"))) {
            o.progress.warn("ppc and identifiability need observations; the job has none");
        }
        summary.note(String.format(Locale.ROOT, "diagnostics: %s", wanted.isEmpty() ? "none"
                : String.join(", ", wanted)));
    }
}
