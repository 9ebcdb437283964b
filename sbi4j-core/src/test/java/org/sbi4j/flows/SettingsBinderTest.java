package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;

class SettingsBinderTest {

    @Test
    void givenKeysOverrideTheDefaults() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("bins", 8);
        given.put("hidden_features", 32L);
        given.put("tail_bound", 2.5);
        given.put("activation", "tanh");
        given.put("lu_linear", false);
        given.put("blocks", 1.0); // a whole number given as a double (YAML, JSON)
        assertThat(EstimatorKinds.bind("nsf", given)).isEqualTo(NsfSettings.defaults()
                .withBins(8).withHiddenFeatures(32).withTailBound(2.5f)
                .withActivation(Activation.TANH).withLuLinear(false).withBlocks(1));
        assertThat(EstimatorKinds.bind(" MAF ", Map.of("transforms", "3",
                "random_permutations", "true", "activation", Activation.ELU)))
                .isEqualTo(MafSettings.defaults().withTransforms(3).withRandomPermutations(true)
                        .withActivation(Activation.ELU));
        assertThat(EstimatorKinds.bind("mdn", Map.of())).isEqualTo(MdnSettings.defaults());
    }

    @Test
    void everyKeyOfEveryKindIsReachableAndItsTextRoundTrips() {
        for (var e : EstimatorKinds.registry().entries()) {
            Map<String, String> text = EstimatorKinds.describe(e.name());
            assertThat(text.keySet()).containsExactlyElementsOf(
                    SettingsBinder.keys((Class<? extends Record>) e.type()));
            assertThat(text).hasSize(e.type().getRecordComponents().length);
            assertThat(EstimatorKinds.bind(e.name(), text)).isEqualTo(e.defaults());
            assertThat(EstimatorKinds.registry().fromText(e.name(), text)).isEqualTo(e.defaults());
            assertThat(e.defaults().kind()).isEqualTo(e.name());
            assertThat(e.description()).isNotBlank();
        }
    }

    @Test
    void describeListsTheKeysWithTheirDefaults() {
        assertThat(EstimatorKinds.describe("nsf")).containsExactly(
                Map.entry("transforms", "5"), Map.entry("bins", "10"),
                Map.entry("tail_bound", "3.0"), Map.entry("hidden_features", "50"),
                Map.entry("blocks", "2"), Map.entry("activation", "relu"),
                Map.entry("lu_linear", "true"), Map.entry("nflows_conditioner", "true"));
        assertThat(EstimatorKinds.names()).containsExactly("nsf", "maf", "mdn", "maf_rqs",
                "flow_stack", "fmpe");
        assertThat(EstimatorKinds.bind("fmpe", Map.of("solver", "dopri5", "divergence",
                "Hutchinson", "steps", 8))).isEqualTo(FmpeSettings.defaults()
                .withSolver(FmpeSettings.Solver.DOPRI5).withSteps(8)
                .withDivergence(FmpeSettings.Divergence.HUTCHINSON));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheValidKeys() {
        assertThatThrownBy(() -> EstimatorKinds.bind("maf", Map.of("bins", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("estimator 'maf' has no setting 'bins'")
                .hasMessageContaining("valid keys: transforms, hidden_features, hidden_layers,"
                        + " activation, random_permutations");
        assertThatThrownBy(() -> EstimatorKinds.bind("real_nvp", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown estimator kind 'real_nvp'")
                .hasMessageContaining("known: nsf, maf, mdn, maf_rqs, flow_stack");
    }

    @Test
    void wrongTypesAndInvalidValuesNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> EstimatorKinds.bind("nsf", Map.of("bins", 2.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bins' cannot be 2.5").hasMessageContaining("whole");
        assertThatThrownBy(() -> EstimatorKinds.bind("nsf", Map.of("bins", "many")))
                .hasMessageContaining("'bins' cannot be 'many'");
        assertThatThrownBy(() -> EstimatorKinds.bind("nsf", Map.of("lu_linear", 1)))
                .hasMessageContaining("'lu_linear' cannot be 1").hasMessageContaining("true or");
        assertThatThrownBy(() -> EstimatorKinds.bind("mdn", Map.of("activation", "swish")))
                .hasMessageContaining("'activation' cannot be 'swish'")
                .hasMessageContaining("relu, tanh");
        assertThatThrownBy(() -> EstimatorKinds.bind("nsf", Map.of("bins", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{bins=0}").hasMessageContaining("bins must be positive");
        assertThatThrownBy(() -> EstimatorKinds.bind("nsf", Map.of("bins", 1L << 40)))
                .hasMessageContaining("'bins' cannot be 1099511627776");
    }

    @Test
    void storedTextMustNameEveryKeyAndNoOther() {
        Map<String, String> text = new LinkedHashMap<>(EstimatorKinds.describe("mdn"));
        text.remove("components");
        assertThatThrownBy(() -> EstimatorKinds.registry().fromText("mdn", text))
                .hasMessageContaining("lacks the setting 'components'");
        text.put("components", "3");
        text.put("dropout", "0.1");
        assertThatThrownBy(() -> EstimatorKinds.registry().fromText("mdn", text))
                .hasMessageContaining("has no setting 'dropout'");
    }

    /** A kind nobody registered: it builds, but cannot be named or saved. */
    record Unregistered(int size) implements EstimatorSettings {
        @Override
        public String kind() {
            return "unregistered";
        }

        @Override
        public ConditionalDensityEstimator build(int thetaDim, int contextDim,
                                                 UniformRandomProvider rng) {
            return Flows.maf(thetaDim, contextDim, rng);
        }
    }

    record WithMap(Map<String, Integer> table) implements EstimatorSettings {
        @Override
        public String kind() {
            return "with_map";
        }

        @Override
        public ConditionalDensityEstimator build(int thetaDim, int contextDim,
                                                 UniformRandomProvider rng) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void registriesRefuseUnregisteredDuplicateAndUnbindableKinds() {
        assertThatThrownBy(() -> EstimatorKinds.registry().toText(new Unregistered(2)))
                .hasMessageContaining("not registered")
                .hasMessageContaining(Unregistered.class.getName());
        var builder = SettingsRegistry.<EstimatorSettings>builder("estimator",
                EstimatorSettings::kind).add(new Unregistered(1), "one");
        assertThatThrownBy(() -> builder.add(new Unregistered(2), "again"))
                .hasMessageContaining("'unregistered'").hasMessageContaining("twice");
        assertThatThrownBy(() -> builder.add(new WithMap(Map.of()), "map"))
                .hasMessageContaining("'table'").hasMessageContaining("unsupported type");
        assertThat(builder.build().bind("unregistered", Map.of("size", 4)))
                .isEqualTo(new Unregistered(4));
    }

    @Test
    void listsBindFromNumbersArraysAndText() {
        record Widths(List<Integer> hidden, int[] channels) {
        }
        Widths base = new Widths(List.of(1), new int[] {1});
        Widths w = SettingsBinder.bind("test", base, Map.of("hidden", List.of(16, 8.0),
                "channels", "4, 6"));
        assertThat(w.hidden()).containsExactly(16, 8);
        assertThat(w.channels()).containsExactly(4, 6);
        assertThat(SettingsBinder.describe(w)).containsExactly(Map.entry("hidden", "16,8"),
                Map.entry("channels", "4,6"));
        assertThatThrownBy(() -> SettingsBinder.bind("test", base, Map.of("hidden",
                List.of(1.5)))).hasMessageContaining("'hidden' cannot be [1.5]");
        assertThatThrownBy(() -> SettingsBinder.bind("test", base, Map.of("hidden", 3)))
                .hasMessageContaining("'hidden' cannot be 3").hasMessageContaining("list");
    }
}
