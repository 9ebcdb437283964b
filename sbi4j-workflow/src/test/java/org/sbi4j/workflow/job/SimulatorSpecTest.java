package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.sbi4j.flows.SettingsBinder;
import org.sbi4j.posterior.EmbeddingKinds;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.external.ExternalSimulatorConfig;

class SimulatorSpecTest {

    @Test
    void exactlyOneKindOfSimulator() {
        assertThatThrownBy(() -> new SimulatorSpec(null, null, null, null, null, null, null, null,
                null, null, null, null))
                .hasMessageContaining("exactly one of 'task', 'class' or 'command', got none");
        assertThatThrownBy(() -> new SimulatorSpec("t", "C", null, null, null, null, null, null,
                null, null, null, null))
                .hasMessageContaining("got task and class");
        assertThat(SimulatorSpec.ofTask("two_moons").isTask()).isTrue();
        assertThat(SimulatorSpec.ofClass("a.B").isClass()).isTrue();
    }

    @Test
    void xKindIsCheckedAgainstTheShape() {
        assertThat(new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 3), null, null,
                null, null, "Set", null, null).declaredXKind()).isEqualTo(org.sbi4j.sim.XKind.SET);
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 3),
                null, null, null, null, "vector", null, null)).hasMessageContaining("x kind vector does not"
                + " fit the x shape [2, 3]");
        assertThatThrownBy(() -> new SimulatorSpec("t", null, null, null, null, null, null,
                null, null, "movie", null, null)).hasMessageContaining("unknown x kind 'movie'");
        assertThat(SimulatorSpec.ofTask("t").declaredXKind()).isNull();
    }

    @Test
    void commandSettingsAreCheckedAndMappedToTheExternalConfig() {
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of(), 2, null, null, null,
                null, null, null, null, null)).hasMessageContaining("must start with the program");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 2, null, 0, null,
                null, null, null, null, null)).hasMessageContaining("'workers' must be at least 1, got 0");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 2, null, null, null,
                -3.0, null, null, null, null)).hasMessageContaining("'timeout_s' must be a positive number");
        assertThatThrownBy(() -> new SimulatorSpec("t", null, null, 2, null, null, null, null,
                null, null, null, null))
                .hasMessageContaining("[x_dim] apply only to external 'command'");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 2),
                null, null, null, null, null, null, null))
                .hasMessageContaining("simulator 'x_shape': x shape [2, 2] has 4 elements,"
                        + " x dimension is 6");
        assertThat(new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 3), null, null,
                null, null, null, null, null).externalConfig(1).xShape()).containsExactly(2, 3);
        ExternalSimulatorConfig defaults = SimulatorSpec.ofCommand(List.of("p", "q"), 4)
                .externalConfig(3);
        assertThat(defaults).isEqualTo(ExternalSimulatorConfig.of(List.of("p", "q"), 3, 4));
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 2, null, null, null,
                null, null, null, null, -1)).hasMessageContaining("'retries' must be at least 0, got -1");
        assertThat(new SimulatorSpec(null, null, List.of("p"), 2, null, null, null, null, null,
                null, null, 3).externalConfig(1).retries()).isEqualTo(3);
        assertThatThrownBy(() -> new SimulatorSpec("t", null, null, null, null, null, null, null,
                null, null, null, 2)).hasMessageContaining("[retries] apply only to external 'command'");
        assertThatThrownBy(() -> SimulatorSpec.ofTask("t").externalConfig(1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void estimatorAndEmbeddingChecks() {
        assertThat(EstimatorSpec.fromJson(" NSF ").type()).isEqualTo("nsf");
        assertThatThrownBy(() -> new EstimatorSpec("maf", Map.of("bins", 8), null, null))
                .hasMessageContaining("'bins'").hasMessageContaining("valid keys: transforms");
        assertThatThrownBy(() -> new EstimatorSpec("mdn", Map.of("transforms", 5), null, null))
                .hasMessageContaining("'transforms'");
        assertThatThrownBy(() -> new EstimatorSpec("nsf", Map.of("hidden_features", 0), null,
                null)).hasMessageContaining("hidden").hasMessageContaining("0");
        assertThatThrownBy(() -> new EstimatorSpec("nsf", Map.of(), 0, null))
                .hasMessageContaining("'ensemble' must be at least 1, got 0");
        assertThatThrownBy(() -> new EmbeddingSpec("lstm", Map.of()))
                .hasMessageContaining("lstm");
        // the image and attention kinds are read with their settings
        assertThat(EmbeddingSpec.fromJson(Map.of("type", "cnn2d", "channels", List.of(4, 8),
                "readout", "global_average")).toSettings())
                .isEqualTo(EmbeddingKinds.bind("cnn2d", Map.of("channels", "4,8",
                        "readout", "global_average")));
        assertThat(EmbeddingSpec.fromJson(Map.of("type", "set_transformer", "seeds", 2,
                "hidden_features", List.of(16))).toSettings())
                .isEqualTo(EmbeddingKinds.bind("set_transformer", Map.of("seeds", 2,
                        "hidden", List.of(16))));
        assertThat(EmbeddingSpec.fromJson("transformer").toSettings().kind())
                .isEqualTo("transformer");
        assertThatThrownBy(() -> new EmbeddingSpec("transformer", Map.of("model", 6,
                "heads", 4))).hasMessageContaining("model width 6");
        assertThatThrownBy(() -> new EmbeddingSpec("mlp", Map.of("hidden", List.of(32, -1))))
                .hasMessageContaining("-1");
        java.util.Map<String, Object> blank = new java.util.HashMap<>();
        blank.put("bins", null);
        assertThatThrownBy(() -> new EstimatorSpec("nsf", blank, null, null))
                .hasMessageContaining("estimator setting 'bins' has no value");
        // every setting of the kind is reachable, and the 0.1.0 names still read
        EstimatorSpec nsf = EstimatorSpec.fromJson(Map.of("type", "nsf", "tail_bound", 4.5,
                "lu_linear", false, "blocks", 3));
        assertThat(SettingsBinder.describe((Record) nsf.toSettings()))
                .containsEntry("tail_bound", "4.5").containsEntry("lu_linear", "false")
                .containsEntry("blocks", "3");
        assertThat(EmbeddingSpec.fromJson(Map.of("type", "cnn", "output_features", 6)).type())
                .isEqualTo("conv1d");
        assertThatThrownBy(() -> new TrainingSpec(null, null, 1.5, null, null, null, null, null))
                .hasMessageContaining("training: validation fraction").hasMessageContaining("1.5");
    }
}
