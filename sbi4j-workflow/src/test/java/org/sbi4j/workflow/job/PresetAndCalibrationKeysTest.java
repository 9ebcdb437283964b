package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sbi4j.workflow.job.JobFileReaderTest.yaml;

import org.junit.jupiter.api.Test;
import org.sbi4j.data.XPreprocessing;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.sim.XKind;
import org.sbi4j.workflow.Presets;

/** The job keys preset, calibration and x_kind, and the settings a job trains with. */
class PresetAndCalibrationKeysTest {

    private static final String BASE = "simulator: {task: two_moons}\nsimulations: 1000\n";

    @Test
    void presetDefaultsToAutoAndAnUnknownOneIsRefused() {
        JobFile j = yaml(BASE);
        assertThat(j.preset()).isEqualTo("auto");
        var s = Presets.forJob(j);
        assertThat(s.preprocessing()).isEqualTo(XPreprocessing.Mode.AUTO);
        assertThat(s.estimator().embedding()).isInstanceOf(AutoEmbedding.class);
        var sbi = Presets.forJob(yaml(BASE + "preset: sbi\n"));
        assertThat(sbi.preprocessing()).isEqualTo(XPreprocessing.Mode.NONE);
        assertThat(sbi.estimator().embedding()).isEqualTo(EmbeddingSettings.none());
        var cal = Presets.forJob(yaml(BASE + "preset: calibrated\ntraining: {batch_size: 100}\n"));
        assertThat(cal.estimator().ensemble()).isEqualTo(5);
        assertThat(cal.training().stopAfterEpochs()).isEqualTo(100);
        assertThat(cal.training().batchSize()).isEqualTo(100);
        // an explicit embedding wins over the preset's
        var mlp = Presets.forJob(yaml(BASE + "estimator: {type: nsf, embedding: mlp}\n"));
        assertThat(mlp.estimator().embedding().kind()).isEqualTo("mlp");
        assertThatThrownBy(() -> yaml(BASE + "preset: fast\n"))
                .hasMessageContaining("unknown preset 'fast'; use auto, sbi, calibrated");
    }

    @Test
    void calibrationIsAModeOrAMappingAndDefaultsFromTheDiagnostics() {
        assertThat(yaml(BASE).calibration().mode()).isEqualTo("off");
        assertThat(yaml(BASE + "diagnostics: [sbc]\n").calibration().mode()).isEqualTo("auto");
        assertThat(yaml(BASE + "calibration: check\n").calibration().escalates()).isFalse();
        CalibrationSpec c = yaml(BASE + "calibration: {mode: auto, max_simulations: 3000,"
                + " minutes: 5}\n").calibration();
        assertThat(c.maxSimulations()).isEqualTo(3000);
        assertThat(c.budgetMinutes()).isEqualTo(5.0);
        assertThatThrownBy(() -> yaml(BASE + "calibration: sometimes\n"))
                .hasMessageContaining("unknown calibration mode 'sometimes'");
        assertThatThrownBy(() -> yaml(BASE + "calibration: {max_simulations: 500}\n"))
                .hasMessageContaining("'max_simulations' (500) is below 'simulations' (1000)");
        assertThatThrownBy(() -> yaml(BASE + "calibration: {mode: auto, minuts: 5}\n"))
                .hasMessageContaining("unknown key 'minuts'")
                .hasMessageContaining("did you mean 'minutes'?");
    }

    @Test
    void xKindIsReadWithTheSimulator() {
        JobFile j = yaml("""
                priors: [{name: a, distribution: uniform, low: 0, high: 1}]
                simulator: {command: [p], x_dim: 80, x_shape: [40, 2], x_kind: set}
                simulations: 10
                """);
        assertThat(j.simulator().declaredXKind()).isEqualTo(XKind.SET);
        assertThatThrownBy(() -> yaml("""
                priors: [{name: a, distribution: uniform, low: 0, high: 1}]
                simulator: {command: [p], x_dim: 80, x_shape: [40, 2], x_kind: image3d}
                simulations: 10
                """)).hasMessageContaining("unknown x kind 'image3d'");
    }
}
