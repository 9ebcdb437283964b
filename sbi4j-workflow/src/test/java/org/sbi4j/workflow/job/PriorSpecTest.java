package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorSpecTest {

    static PriorSpec prior(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return PriorSpec.fromMap(map);
    }

    @Test
    void namedAndCompactFormsAgree() {
        PriorSpec named = prior("name", "k", "distribution", "gamma", "shape", 2, "scale", 0.5);
        PriorSpec compact = prior("name", "k", "distribution", "Gamma( 2 , 0.5 )");
        assertThat(compact).isEqualTo(named);
        assertThat(named.arguments()).containsExactly(2.0, 0.5);
        assertThat(named.nuisance()).isFalse();
    }

    @Test
    void everyDistributionReadsItsArguments() {
        assertThat(prior("name", "u", "distribution", "uniform(-1, 1)").argument("high"))
                .isEqualTo(1.0);
        assertThat(prior("name", "n", "distribution", "normal(0, 2)").argument("sd"))
                .isEqualTo(2.0);
        assertThat(prior("name", "l", "distribution", "lognormal(0, 0.3)").argument("sigma"))
                .isEqualTo(0.3);
        assertThat(prior("name", "b", "distribution", "beta(2, 5)").argument("beta"))
                .isEqualTo(5.0);
        PriorSpec t = prior("name", "t", "distribution", "truncated_normal", "mean", 1, "sd", 1,
                "low", "-inf", "high", 3, "nuisance", true);
        assertThat(t.arguments()).containsExactly(1.0, 1.0, Double.NEGATIVE_INFINITY, 3.0);
        assertThat(t.nuisance()).isTrue();
    }

    @Test
    void badArgumentsNameTheParameterTheDistributionAndTheValue() {
        assertThatThrownBy(() -> prior("name", "a", "distribution", "uniform(2, 2)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prior 'a': uniform needs low < high, got low = 2.0, high = 2.0");
        assertThatThrownBy(() -> prior("name", "s", "distribution", "normal", "mean", 0,
                "sd", -0.1)).hasMessage("prior 's': normal sd must be positive, got sd = -0.1");
        assertThatThrownBy(() -> prior("name", "g", "distribution", "gamma(0, 1)"))
                .hasMessage("prior 'g': gamma shape must be positive, got shape = 0.0");
        assertThatThrownBy(() -> prior("name", "b", "distribution", "beta(1, -2)"))
                .hasMessage("prior 'b': beta beta must be positive, got beta = -2.0");
        assertThatThrownBy(() -> prior("name", "l", "distribution", "lognormal(inf, 1)"))
                .hasMessage("prior 'l': lognormal mu must be a finite number, got mu = Infinity");
        assertThatThrownBy(() -> prior("name", "t", "distribution",
                "truncated_normal(0, 1, -inf, inf)")).hasMessageContaining("both be infinite");
        assertThatThrownBy(() -> prior("name", "t", "distribution",
                "truncated_normal(0, 1, 2, 1)")).hasMessageContaining("needs low < high");
    }

    @Test
    void missingUnknownAndMalformedArgumentsAreNamed() {
        assertThatThrownBy(() -> prior("name", "a", "distribution", "uniform", "low", 0))
                .hasMessage("prior 'a': uniform(low, high) is missing the argument 'high'");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "uniform", "low", 0,
                "high", 1, "scale", 2)).hasMessageContaining("unknown key 'scale'")
                .hasMessageContaining("takes low, high");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "cauchy(0, 1)"))
                .hasMessageContaining("unknown distribution 'cauchy'")
                .hasMessageContaining("truncated_normal");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "normal(0, 1"))
                .hasMessageContaining("cannot read 'normal(0, 1'")
                .hasMessageContaining("normal(mean, sd)");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "normal(0, 1)", "sd", 2))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "normal", "mean", "zero",
                "sd", 1)).hasMessage("prior 'a': mean must be a number, got 'zero'");
        assertThatThrownBy(() -> prior("distribution", "normal(0, 1)"))
                .hasMessageContaining("needs a 'name'");
        assertThatThrownBy(() -> prior("name", "a", "distribution", "normal(0, 1)",
                "nuisance", "yes")).hasMessageContaining("nuisance must be true or false");
    }

    @Test
    void jobRejectsDuplicateNamesAndMissingPriorsForCommands() {
        PriorSpec a = PriorSpec.of("a", Distribution.NORMAL, Map.of("mean", 0.0, "sd", 1.0),
                false);
        SimulatorSpec cmd = SimulatorSpec.ofCommand(List.of("sim"), 1);
        assertThatThrownBy(() -> new JobFile(List.of(a, a), cmd, 10, null, null, null, null,
                null, null, null, null, null, null, null)).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> new JobFile(null, cmd, 10, null, null, null, null, null, null,
                null, null, null, null, null)).hasMessageContaining("no 'priors'");
        assertThatThrownBy(() -> new JobFile(List.of(a), cmd, 0, null, null, null, null, null,
                null, null, null, null, null, null)).hasMessageContaining("'simulations' must be at least 1, got 0");
        assertThatThrownBy(() -> new JobFile(List.of(a), cmd, 5, null, null, null,
                new ObservationsSpec(List.of(List.of(1.0, 2.0)), null, null), null, null, null, null, null, null, null))
                .hasMessageContaining("2 values per row but the simulator's x_dim is 1");
    }
}
