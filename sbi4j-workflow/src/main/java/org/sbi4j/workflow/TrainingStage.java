package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Path;
import org.sbi4j.data.Dataset;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.sim.XKind;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import java.util.List;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.workflow.job.CalibrationSpec;
import org.sbi4j.workflow.job.JobFile;

/**
 * The training stage of an {@link Analysis}: the job's settings over its preset
 * ({@link Presets#forJob}), one training, or with {@code calibration: check | auto} the SBC and
 * coverage check on held-out pairs and, for auto, the ladder of {@link Recalibration}. Writes
 * the kept model (model.sbi4j, its report, loss.png) and its part of summary.md.
 */
final class TrainingStage {

    /**
     * The kept training with the settings it was trained with and, when calibration was
     * checked, its SBC result and the test pairs.
     */
    record Outcome(NpeResult result, NpeSettings settings, SbcResult sbc,
                   Diagnoses.TestPairs pairs) {
    }

    /** What the stage needs from the analysis. */
    record Context(JobFile job, Source src, Dataset data, long seed, Path dir, int threads,
                   int numTests, int numTestSamples, ProgressListener progress) {
    }

    private TrainingStage() {
    }

    /** The kind of x of the job: declared, else from the shape and NaN padding. */
    static XKind xKind(JobFile job, Source src) {
        XKind declared = job.simulator().declaredXKind();
        return declared != null ? declared
                : XKind.of(src.simulator().xShape(), src.simulator().nanPadding());
    }

    static Outcome run(Context c, RunSummary summary) throws IOException {
        NpeSettings settings = Presets.forJob(c.job());
        summary.setting("preset", c.job().preset());
        CalibrationSpec cal = c.job().calibration();
        Outcome out;
        if (!cal.checks()) {
            out = new Outcome(train(c, settings, c.data()), settings, null, null);
        } else {
            Diagnoses.TestPairs pairs = Diagnoses.testPairs(c.src().prior(), c.src().simulator(),
                    c.numTests(), c.seed(), c.threads(), c.progress());
            int max = cal.maxSimulations() == null ? c.job().simulations() : cal.maxSimulations();
            boolean balance = c.src().prior().interestIndices().length == c.src().prior().dim();
            int sims = c.job().simulations();
            Recalibration.Outcome o = Recalibration.run(
                    new Recalibration.Rung(Recalibration.FIRST, settings, sims),
                    first -> !cal.escalates() ? List.of() : rest(Recalibration.ladder(
                            settings, sims, max, balance, Recalibration.overConfident(first))),
                    rung -> train(c, rung.settings(), data(c, rung.simulations())),
                    (rung, r, s) -> check(c, pairs, rung, r), cal.budgetMinutes() * 60);
            summary.calibration(o, cal.mode());
            out = new Outcome(o.kept().result(), o.kept().rung().settings(), o.kept().sbc(),
                    pairs);
        }
        Path model = c.dir().resolve("model.sbi4j");
        PosteriorFiles.save(out.result().posterior(), model);
        TrainingReports.write(TrainingReports.reportFile(model), out.result(), c.src(),
                c.dir().resolve("simulations"), c.seed());
        Plots.loss(c.dir().resolve("loss.png"), out.result().reports(), "training loss");
        summary.training(out.result());
        return out;
    }

    /** The rungs after the first. */
    private static List<Recalibration.Rung> rest(List<Recalibration.Rung> l) {
        return l.subList(1, l.size());
    }

    private static NpeResult train(Context c, NpeSettings settings, Dataset data) {
        try (ProgressListener.Training listener =
                     c.progress().training(settings.training().maxEpochs())) {
            return Npe.builder(c.src().prior()).data(data).seed(c.seed()).settings(settings)
                    .xKind(xKind(c.job(), c.src())).onEpoch(listener).run();
        }
    }

    private static Recalibration.Attempt check(Context c, Diagnoses.TestPairs pairs,
                                               Recalibration.Rung rung, NpeResult r) {
        c.progress().note("calibration check: %s", rung.name());
        SbcResult sbc = Diagnoses.sbc(r.posterior(), pairs, c.numTestSamples(), Sbc.DEFAULT_ALPHA,
                c.seed(), c.threads());
        return new Recalibration.Attempt(rung, r, sbc, Coverage.hpd(sbc.ranks(), sbc.alpha()), 0);
    }

    /**
     * The first n pairs of the run: the job's simulations, and beyond them simulations
     * job.simulations … n−1 of the same run (same seed, so the same pairs whatever the budget),
     * simulated into simulations-extra/ (resumable like simulations/).
     */
    private static Dataset data(Context c, int n) throws IOException {
        int have = c.job().simulations();
        if (n <= have) {
            return c.data();
        }
        StoreSettings st = SimulationFolder.settings(c.src(), c.seed(), n)
                .range(new IndexRange(have, n));
        SimulationStore store = SimulationStore.open(c.dir().resolve("simulations-extra"), st);
        if (!store.isFinished()) {
            c.progress().note("calibration: simulating %d more pairs", n - have);
            try (ProgressListener.Stage stage = c.progress().stage("simulate (calibration)",
                    n - have)) {
                StoreRunner.run(store, c.src().prior(), c.src().simulator(), c.src().isExternal(),
                        c.threads(), stage);
            }
        }
        store.finish();
        SimulationResult first = SimulationStore.openExisting(c.dir().resolve("simulations"))
                .load();
        return Dataset.from(SimulationResult.concat(List.of(first, store.load())));
    }
}
