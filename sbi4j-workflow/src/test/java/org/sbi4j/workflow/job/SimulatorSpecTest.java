package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.external.ExternalSimulatorConfig;

class SimulatorSpecTest {

    @Test
    void exactlyOneKindOfSimulator() {
        assertThatThrownBy(() -> new SimulatorSpec(null, null, null, null, null, null, null, null,
                null))
                .hasMessageContaining("exactly one of 'task', 'class' or 'command', got none");
        assertThatThrownBy(() -> new SimulatorSpec("t", "C", null, null, null, null, null, null,
                null))
                .hasMessageContaining("got task and class");
        assertThat(SimulatorSpec.ofTask("two_moons").isTask()).isTrue();
        assertThat(SimulatorSpec.ofClass("a.B").isClass()).isTrue();
    }

    @Test
    void commandSettingsAreCheckedAndMappedToTheExternalConfig() {
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of(), 2, null, null, null,
                null, null)).hasMessageContaining("must start with the program");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 2, null, 0, null,
                null, null)).hasMessageContaining("'workers' must be at least 1, got 0");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 2, null, null, null,
                -3.0, null)).hasMessageContaining("'timeout_s' must be a positive number");
        assertThatThrownBy(() -> new SimulatorSpec("t", null, null, 2, null, null, null, null,
                null))
                .hasMessageContaining("[x_dim] apply only to external 'command'");
        assertThatThrownBy(() -> new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 2),
                null, null, null, null))
                .hasMessageContaining("simulator 'x_shape': x shape [2, 2] has 4 elements,"
                        + " x dimension is 6");
        assertThat(new SimulatorSpec(null, null, List.of("p"), 6, List.of(2, 3), null, null,
                null, null).externalConfig(1).xShape()).containsExactly(2, 3);
        ExternalSimulatorConfig defaults = SimulatorSpec.ofCommand(List.of("p", "q"), 4)
                .externalConfig(3);
        assertThat(defaults).isEqualTo(ExternalSimulatorConfig.of(List.of("p", "q"), 3, 4));
        assertThatThrownBy(() -> SimulatorSpec.ofTask("t").externalConfig(1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void estimatorAndEmbeddingChecks() {
        assertThat(EstimatorSpec.ofType(" NSF ").type()).isEqualTo("nsf");
        assertThatThrownBy(() -> new EstimatorSpec("maf", null, null, 8, null, null, null))
                .hasMessageContaining("'bins' applies only to nsf, not to maf");
        assertThatThrownBy(() -> new EstimatorSpec("mdn", null, 5, null, null, null, null))
                .hasMessageContaining("'transforms' applies to nsf and maf");
        assertThatThrownBy(() -> new EstimatorSpec("nsf", 0, null, null, null, null, null))
                .hasMessageContaining("'hidden_features' must be at least 1, got 0");
        assertThatThrownBy(() -> new EmbeddingSpec("transformer", null, null))
                .hasMessageContaining("unknown embedding type 'transformer'");
        assertThatThrownBy(() -> new EmbeddingSpec("mlp", List.of(32, -1), null))
                .hasMessageContaining("[32, -1]");
        assertThatThrownBy(() -> new TrainingSpec(null, null, 1.5, null, null, null, null, null))
                .hasMessageContaining("training: validation fraction").hasMessageContaining("1.5");
    }
}
