package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.diagnostics.PosteriorChecks;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;

/**
 * Simulation-based calibration of NPE with the default estimator (sbi's NSF) and training
 * settings at 10,000 simulations, with SBC's defaults: N = 1,000 fresh test pairs (their own
 * seed) × L = 1,000 posterior samples, family-wise false-alarm rate α = 0.01 (Bonferroni over
 * the tests). For a calibrated posterior a test family fails with probability at most 1 %; with
 * fixed seeds the outcome is deterministic, so a failure means this build's posterior is
 * detectably miscalibrated at this N.
 *
 * <p>SBC proper (Talts et al. 2018, and sbi's {@code run_sbc}) tests the marginal ranks; both
 * tasks pass it with the defaults. The joint log-density rank is a stricter check of the whole
 * density: with the defaults it passes on gaussian_linear, while on two moons it flags slight
 * over-confidence for 3 of 5 training seeds (docs/benchmarks.md), so for two moons the full SBC
 * is asserted with {@link NpeSettings#calibrated()}, which passed it for every seed measured.
 */
class NpeCalibrationTest {

    private static PosteriorChecks.Calibration calibrate(String name) {
        return calibrate(name, NpeSettings.defaults());
    }

    private static PosteriorChecks.Calibration calibrate(String name, NpeSettings settings) {
        Task task = Tasks.byName(name);
        NpeResult r = Npe.builder(task.prior(), task.simulator()).simulations(10_000).seed(1L)
                .settings(settings).threads(2).run();
        return PosteriorChecks.calibrate(r.posterior(), task.prior(), task.simulator(),
                Sbc.DEFAULT_PAIRS, Sbc.DEFAULT_SAMPLES, 7L, 2,
                RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
    }

    /** The marginal-rank SBC of a calibration run (Bonferroni over the D parameters). */
    private static SbcResult marginal(SbcResult full) {
        SbcRanks r = full.ranks();
        SbcRanks noJoint = new SbcRanks(r.samplesPerPair(), r.ranks(), null, r.tarpValues());
        return Sbc.test(noJoint, full.names(), full.alpha(),
                RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
    }

    @Test
    void gaussianLinearPassesMarginalAndJointSbc() {
        SbcResult sbc = calibrate("gaussian_linear").sbc();
        assertThat(sbc.ranks().pairs()).isEqualTo(Sbc.DEFAULT_PAIRS);
        assertThat(sbc.joint()).isNotNull();
        assertThat(sbc.calibrated()).as(sbc.verdict()).isTrue();
    }

    @Test
    void twoMoonsPassesMarginalSbc() {
        SbcResult sbc = marginal(calibrate("two_moons").sbc());
        assertThat(sbc.names()).isEqualTo(List.of("parameter_1", "parameter_2"));
        assertThat(sbc.calibrated()).as(sbc.verdict()).isTrue();
    }

    /** Marginal and joint log-density ranks, with the calibrated preset (about 3 minutes). */
    @Test
    void twoMoonsPassesMarginalAndJointSbcWithTheCalibratedPreset() {
        PosteriorChecks.Calibration c = calibrate("two_moons", NpeSettings.calibrated());
        SbcResult sbc = c.sbc();
        assertThat(sbc.joint()).isNotNull();
        assertThat(sbc.calibrated()).as(sbc.verdict()).isTrue();
        assertThat(c.coverage().calibrated()).as(c.coverage().verdict()).isTrue();
    }
}
