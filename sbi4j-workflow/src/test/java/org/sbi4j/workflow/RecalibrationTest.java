package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;

/** The escalation ladder of calibration: auto. */
class RecalibrationTest {

    @TempDir
    Path tmp;

    /** θ ~ N(0, 1)², x = θ + N(0, 0.5²)²: a posterior NPE learns well from 1,500 pairs. */
    private static final org.sbi4j.prob.Prior PRIOR = org.sbi4j.prob.Priors.independent(
            org.sbi4j.prob.Priors.normal("a", 0, 1), org.sbi4j.prob.Priors.normal("b", 0, 1));
    private static final org.sbi4j.sim.Simulator NOISY = org.sbi4j.sim.Simulator.of(2, 2,
            (theta, rng) -> {
                var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler
                        .NormalizedGaussian.of(rng);
                return new float[] {(float) (theta[0] + 0.5 * g.sample()),
                        (float) (theta[1] + 0.5 * g.sample())};
            });

    @Test
    void theLadderAddsEnsemblePatienceBalanceAndSimulationsInOrder() {
        NpeSettings base = NpeSettings.auto();
        List<Recalibration.Rung> l = Recalibration.ladder(base, 4000, 16000, true);
        assertThat(l).extracting(Recalibration.Rung::name).containsExactly("as configured",
                "ensemble of 5", "ensemble of 5, patience 100",
                "ensemble of 5, patience 100, balanced (λ = 100)",
                "ensemble of 5, patience 100, balanced (λ = 100), more simulations");
        assertThat(l.get(4).simulations()).isEqualTo(16000);
        assertThat(l.get(3).settings().balance()).isEqualTo(Recalibration.BALANCE);
        assertThat(l.get(2).settings().estimator().ensemble()).isEqualTo(5);
        // never loosened, never more than allowed; rungs that change nothing are left out
        List<Recalibration.Rung> cal = Recalibration.ladder(NpeSettings.calibrated(), 1000, 1000,
                false);
        assertThat(cal).extracting(Recalibration.Rung::name).containsExactly("as configured");
        // under-confident or biased first attempts: patience first, no balancing
        assertThat(Recalibration.ladder(base, 4000, 16000, true, false))
                .extracting(Recalibration.Rung::name).containsExactly("as configured",
                        "patience 100", "patience 100, ensemble of 5",
                        "patience 100, ensemble of 5, more simulations");
    }

    /**
     * Below 4,000 simulations the auto preset already trains an ensemble of 5: the ensemble rung
     * would repeat the first attempt and is left out, but the size is pinned, so the rung with
     * more simulations (where the automatic size would be 1) keeps the 5 members.
     */
    @Test
    void anAutomaticEnsembleThatIsAlreadyFiveAddsNoRungButIsKeptWithMoreSimulations() {
        List<Recalibration.Rung> l = Recalibration.ladder(NpeSettings.auto(), 1000, 8000, true);
        assertThat(l).extracting(Recalibration.Rung::name).containsExactly("as configured",
                "patience 100", "patience 100, balanced (λ = 100)",
                "patience 100, balanced (λ = 100), more simulations");
        assertThat(Recalibration.members(l.get(0).settings(), 1000)).isEqualTo(5);
        assertThat(Recalibration.members(l.get(0).settings(), 8000)).isEqualTo(1);
        assertThat(Recalibration.members(l.get(3).settings(), 8000)).isEqualTo(5);
        assertThat(l.get(3).simulations()).isEqualTo(8000);
    }

    /**
     * A deliberately poor first attempt (40 pairs trained 300 epochs without early stopping:
     * over-fitted, over-confident) fails SBC; the second (an ensemble of 3 on 1,500 pairs of a
     * 2-D Gaussian model, sbi's training; a single network there is often slightly
     * over-confident) passes
     * and the ladder stops there: the third rung is never trained. Fixed seeds; the second
     * attempt's pass has a false-failure rate of about 1 % per test at α = 0.01 (family-wise)
     * under a calibrated posterior, fixed by the seed.
     */
    @Test
    void theLadderStopsAtTheFirstPassingConfiguration() throws Exception {
        NpeSettings sbi = NpeSettings.defaults();
        NpeSettings poor = sbi.withTraining(sbi.training().withStopAfterEpochs(10_000)
                .withMaxEpochs(300).withLearningRate(3e-3));
        List<Recalibration.Rung> rungs = List.of(
                new Recalibration.Rung("over-fitted", poor, 40),
                new Recalibration.Rung("ensemble", sbi.withEstimator(sbi.estimator()
                        .withEnsemble(3)), 1500),
                new Recalibration.Rung("never", sbi, 1501));
        Diagnoses.TestPairs pairs = Diagnoses.testPairs(PRIOR, NOISY, 300, 7, 2,
                ProgressListener.NONE);
        List<String> trained = new ArrayList<>();
        Recalibration.Outcome o = Recalibration.run(rungs, rung -> {
            trained.add(rung.name());
            return Npe.builder(PRIOR, NOISY).simulations(rung.simulations())
                    .seed(5).settings(rung.settings()).run();
        }, (rung, r, s) -> {
            SbcResult sbc = Diagnoses.sbc(r.posterior(), pairs, 200, Sbc.DEFAULT_ALPHA, 7, 2);
            return new Recalibration.Attempt(rung, r, sbc, Coverage.hpd(sbc.ranks(),
                    sbc.alpha()), s);
        }, 3600);
        assertThat(trained).as(o.attempts().stream().map(Recalibration.Attempt::line).toList()
                .toString()).containsExactly("over-fitted", "ensemble");
        assertThat(o.attempts().get(0).passed()).isFalse();
        assertThat(o.attempts().get(1).passed()).isTrue();
        assertThat(o.kept().rung().name()).isEqualTo("ensemble");
        assertThat(o.stop()).isEqualTo("stopped at the first passing configuration");
        assertThat(o.attempts().get(0).line()).startsWith("over-fitted, 40 simulations: failed");
    }

    @Test
    void noAttemptStartsThatWouldEndPastTheBudget() throws Exception {
        Task task = Tasks.byName("gaussian_linear");
        NpeSettings quick = NpeSettings.defaults().withTraining(NpeSettings.defaults().training()
                .withMaxEpochs(1));
        List<Recalibration.Rung> rungs = Recalibration.ladder(quick, 100, 100, true);
        List<String> trained = new ArrayList<>();
        Recalibration.Outcome o = Recalibration.run(rungs, rung -> {
            trained.add(rung.name());
            return Npe.builder(task.prior(), task.simulator()).simulations(100).seed(1)
                    .settings(rung.settings()).run();
        }, (rung, r, s) -> new Recalibration.Attempt(rung, r, failing(r), Coverage.hpd(
                failing(r).ranks(), 0.01), s), 1e-9);
        assertThat(trained).containsExactly("as configured");
        assertThat(o.stop()).startsWith("stopped for time: 'ensemble of 5' would take about");
        // ranks all 0: skewed (biased), not U-shaped
        assertThat(Recalibration.overConfident(o.attempts().getFirst())).isFalse();
        assertThat(o.passed()).isFalse();
    }

    /** A check that cannot run (a leaking test pair) fails its attempt; the ladder goes on. */
    @Test
    void aCheckThatCannotRunFailsItsAttemptAndTheLadderGoesOn() throws Exception {
        NpeSettings quick = NpeSettings.defaults().withTraining(NpeSettings.defaults().training()
                .withMaxEpochs(1));
        List<Recalibration.Rung> rungs = List.of(new Recalibration.Rung("a", quick, 50),
                new Recalibration.Rung("b", quick, 50));
        int[] calls = {0};
        Recalibration.Outcome o = Recalibration.run(rungs, rung -> Npe.builder(PRIOR, NOISY)
                .simulations(50).seed(1).settings(rung.settings()).run(), (rung, r, s) -> {
                    if (calls[0]++ == 0) {
                        throw new IllegalStateException("only 3 of 500 samples fell inside");
                    }
                    SbcResult sbc = failing(r);
                    return new Recalibration.Attempt(rung, r, sbc, Coverage.hpd(sbc.ranks(),
                            0.01), s);
                }, 3600);
        assertThat(o.attempts()).hasSize(2);
        assertThat(o.attempts().get(0).line()).contains("the check could not run: only 3 of 500");
        assertThat(o.kept().rung().name()).isEqualTo("b");
        assertThat(o.passed()).isFalse();
    }

    /** An SBC result that rejects (ranks all 0: every θ below every sample). */
    private static SbcResult failing(NpeResult r) {
        int n = 50;
        int[][] ranks = new int[n][r.posterior().thetaDim()];
        double[] tarp = new double[n];
        var sr = new org.sbi4j.diagnostics.SbcRanks(20, ranks, new int[n], tarp);
        return Sbc.test(sr, r.posterior().names(), 0.01,
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    }

    /** A job with calibration: check writes the section and reuses its SBC for sbc.json. */
    @Test
    void aRunWithCalibrationCheckReportsTheAttempt() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), """
                simulator: {task: gaussian_linear}
                simulations: 300
                seed: 1
                training: {max_epochs: 3}
                samples: 50
                output: out
                diagnostics: [sbc]
                calibration: check
                """);
        RunSummary s = Analysis.of(job).tests(60, 40).threads(2).run();
        assertThat(s.calibrationOutcome().attempts()).hasSize(1);
        String md = Files.readString(tmp.resolve("out/summary.md"));
        assertThat(md).contains("## Calibration").contains("Mode `check`")
                .contains("1. as configured, 300 simulations:");
        assertThat(md.lines().filter(l -> l.startsWith("- sbc:"))).hasSize(1);
        assertThat(Files.exists(tmp.resolve("out/sbc.json"))).isTrue();
        assertThat(md).contains("| preset | auto |");
    }
}
