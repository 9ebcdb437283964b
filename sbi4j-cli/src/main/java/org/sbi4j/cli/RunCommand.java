package org.sbi4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sbi4j.cli.job.JobComponents;
import org.sbi4j.cli.job.JobFile;
import org.sbi4j.data.Dataset;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.diagnostics.Tarp;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.store.StoreSummary;
import org.sbi4j.tensor.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbi4j run JOB}: the whole analysis of a job file — simulate (resumable), train, sample
 * each observation, run the job's diagnostics, draw the plots and write a Markdown summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the analysis a job file describes and write a report folder:"
                + " simulations/ (theta.npy, x.npy, index.npy, metadata.json), model.sbi4j and"
                + " model.sbi4j.report.json, samples[-k].csv per observation, plots (PNG),"
                + " diagnostics JSON and summary.md.",
                "Running the same job again in its own folder resumes unfinished simulations."})
final class RunCommand implements Callable<Integer> {

    /** Marker that lets a later run of a job reuse (and resume in) its own folder. */
    static final String MARKER = ".sbi4j-run";

    @Parameters(index = "0", paramLabel = "JOB", description = "Job file (.yaml, .yml or .json).")
    Path job;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: the job's 'output').")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty folder not made by 'run'.")
    boolean overwrite;

    @Option(names = "--num-tests", paramLabel = "N", description = "Test simulations for sbc/coverage (default: ${DEFAULT-VALUE}).")
    int numTests = 500;

    @Option(names = "--num-test-samples", paramLabel = "L", description = "Posterior samples per test (default: ${DEFAULT-VALUE}).")
    int numTestSamples = 500;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        RunSummary summary = new RunSummary();
        try (Source src = Source.ofJob(job, true, Source.External.NONE)) {
            JobFile jf = src.jobFile();
            Path dir = OutputDir.prepare(out != null ? out : Path.of(jf.output()), overwrite, MARKER);
            long seed = jf.seed() != null && common.seed == null ? jf.seed() : common.seed();
            Progress progress = common.progress();
            summary.setting("job", src.job().toString());
            summary.setting("seed", Long.toString(seed));
            summary.setting("simulator", src.simulatorId());
            summary.setting("prior", src.prior().toString());
            progress.note("run: %s, %d simulations, seed %d, into %s", job, jf.simulations(),
                    seed, dir);

            long t0 = System.nanoTime();
            Dataset data = simulate(src, jf.simulations(), seed, dir.resolve("simulations"), progress,
                    summary);
            summary.time("simulate", t0);

            t0 = System.nanoTime();
            NpeSettings settings = NpeSettings.defaults()
                    .withEstimator(Estimators.fromJob(jf.estimator()))
                    .withTraining(jf.training().toConfig());
            NpeResult r;
            try (Progress.Training listener = progress.training(settings.training().maxEpochs())) {
                r = Npe.train(src.prior(), data, seed, settings, listener);
            }
            Path model = dir.resolve("model.sbi4j");
            PosteriorFiles.save(r.posterior(), model);
            TrainCommand.writeReport(TrainCommand.reportFile(model), r, src,
                    dir.resolve("simulations"), seed);
            Plots.loss(dir.resolve("loss.png"), r.reports(), "training loss");
            summary.time("train", t0);
            summary.training(r);

            Posterior post = r.posterior();
            Matrix obsMatrix = JobComponents.observations(jf, src.simulator().xDim());
            List<float[]> obs = obsMatrix == null ? List.of()
                    : Observations.check(obsMatrix, "the job's observations", post.xDim());
            t0 = System.nanoTime();
            for (int k = 1; k <= obs.size(); k++) {
                Path file = Observations.numbered(dir.resolve("samples.csv"), k, obs.size());
                Matrix s = SampleCommand.sample(post.at(obs.get(k - 1)), jf.samples(), seed, k,
                        progress);
                Observations.writeSamples(file, post.names(), s);
                Path png = Observations.numbered(dir.resolve("corner.png"), k, obs.size());
                Plots.corner(png, s, post.names(), null, "observation " + k);
                summary.samples(k, file, png, post.at(obs.get(k - 1)), s);
            }
            summary.time("sample", t0);

            t0 = System.nanoTime();
            diagnose(jf, src, post, obs, seed, dir, progress, summary);
            summary.time("diagnose", t0);

            Files.writeString(dir.resolve("summary.md"), summary.markdown(jf));
            common.out().println("run: report in " + dir + " (summary.md)");
            summary.verdicts().forEach(common.out()::println);
            common.out().flush();
            return 0;
        }
    }

    private Dataset simulate(Source src, int n, long seed, Path dir, Progress progress,
                             RunSummary summary) throws Exception {
        int chunk = Math.max(100, Math.min(10_000, (n + 19) / 20));
        StoreSettings st = StoreSettings.of(src.simulatorId(), src.prior().toString(), seed, n,
                chunk, src.prior().dim(), src.simulator().xShape());
        SimulationStore store = SimulationStore.open(dir, st);
        long t0 = System.nanoTime();
        if (!store.isFinished()) {
            try (Progress.Stage stage = progress.simulation(n)) {
                StoreRunner.run(store, src.prior(), src.simulator(), src.isExternal(),
                        common.threads(), stage);
            }
        }
        StoreSummary s = store.finish();
        Metadata.write(dir.resolve(SimulateCommand.METADATA), SimulateCommand.metadata(src, st,
                s, (System.nanoTime() - t0) / 1e9, null));
        summary.simulations(s);
        return Dataset.from(store.load());
    }

    private void diagnose(JobFile jf, Source src, Posterior post, List<float[]> obs, long seed,
                          Path dir, Progress progress, RunSummary summary) throws Exception {
        List<String> wanted = jf.diagnostics();
        if (wanted.contains("sbc") || wanted.contains("coverage")) {
            Diagnoses.TestPairs pairs = Diagnoses.testPairs(src.prior(), src.simulator(),
                    numTests, seed, common.threads(), progress);
            SbcResult sbc = Diagnoses.sbc(post, pairs, numTestSamples,
                    org.sbi4j.diagnostics.Sbc.DEFAULT_ALPHA, seed, common.threads());
            if (wanted.contains("sbc")) {
                DiagnoseCommand.writeSbc(dir, sbc);
                summary.verdict("sbc", sbc.verdict());
            }
            if (wanted.contains("coverage")) {
                var hpd = Coverage.hpd(sbc.ranks(), sbc.alpha());
                var tarp = Tarp.of(sbc.ranks(), sbc.alpha());
                DiagnoseCommand.writeCoverage(dir, hpd, tarp);
                summary.verdict("coverage (highest-density regions)", hpd.verdict());
                summary.verdict("coverage (TARP)", tarp.verdict());
            }
        }
        for (int k = 1; k <= obs.size(); k++) {
            if (wanted.contains("ppc")) {
                var r = Diagnoses.ppc(post, src.prior(), src.simulator(), obs.get(k - 1),
                        1000, seed, org.sbi4j.diagnostics.Ppc.DEFAULT_LEVEL);
                Metadata.write(dir.resolve("ppc-" + k + ".json"), java.util.Map.of("passed",
                        r.passed(), "quantiles", r.quantiles(), "verdict", r.verdict()));
                summary.verdict("ppc, observation " + k, r.verdict());
            }
            if (wanted.contains("identifiability")) {
                var r = Diagnoses.identifiability(post, src.prior(), obs.get(k - 1), 2000, seed);
                Metadata.write(dir.resolve("identifiability-" + k + ".json"),
                        DiagnoseAtCommands.json(r));
                summary.verdict("identifiability, observation " + k, r.verdict());
            }
        }
        if (!wanted.isEmpty() && obs.isEmpty() && (wanted.contains("ppc")
                || wanted.contains("identifiability"))) {
            progress.warn("ppc and identifiability need observations; the job has none");
        }
        summary.note(String.format(Locale.ROOT, "diagnostics: %s", wanted.isEmpty() ? "none"
                : String.join(", ", wanted)));
    }
}
