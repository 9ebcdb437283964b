package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

class FlowStackTest {

    /** Every transform kind once, small. */
    static final FlowStackSettings MIXED = FlowStackSettings.of(
            "affine_coupling(hidden_features=8, blocks=1)", "random_permutation",
            "spline_autoregressive(hidden_features=8, bins=4, blocks=0)", "lu",
            "affine_autoregressive(hidden_features=8, hidden_layers=1)", "reverse",
            "spline_coupling(hidden_features=8, bins=4, blocks=1, activation=tanh)");

    private static float[] logProb(ConditionalDensityEstimator e) {
        Matrix theta = Matrix.fromRows(new float[][] {{0.1f, -0.3f}, {1f, 2f}, {-2f, 0.5f}});
        Matrix ctx = Matrix.fromRows(new float[][] {{0.5f}, {-1f}, {0.2f}});
        float[] out = new float[3];
        e.logProb(theta, ctx, out, e.workspace(3));
        return out;
    }

    @Test
    void nsfsLayersAsAStackBuildNsfDrawForDraw() {
        NsfSettings nsf = NsfSettings.defaults().withHiddenFeatures(8).withTransforms(3);
        List<String> layers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            layers.add("spline_coupling(hidden_features=8)");
            layers.add("lu");
        }
        ConditionalFlow stack = new FlowStackSettings(layers).build(2, 1,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        ConditionalFlow flow = Flows.nsf(2, 1, nsf, RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        List<Param> a = stack.params();
        List<Param> b = flow.params();
        assertThat(a).hasSameSizeAs(b);
        for (int k = 0; k < a.size(); k++) {
            assertThat(a.get(k).value().toArray()).containsExactly(b.get(k).value().toArray());
        }
        assertThat(logProb(stack)).containsExactly(logProb(flow));
        assertThat(FlowStackSettings.defaults().build(2, 1,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L)).params()).hasSameSizeAs(
                Flows.nsf(2, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(5L)).params());
    }

    @Test
    void entriesAreStoredWithEveryKeyAndNamedByPosition() {
        assertThat(MIXED.transforms().get(1)).isEqualTo("random_permutation");
        assertThat(MIXED.transforms().get(0)).isEqualTo("affine_coupling(hidden_features=8,"
                + " blocks=1, activation=relu, nflows_conditioner=true)");
        assertThat(FlowStackSettings.of(MIXED.transforms().toArray(String[]::new)))
                .isEqualTo(MIXED);
        assertThat(MIXED.build(3, 2, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)).params())
                .extracting(Param::name).contains("t0.net.initial.weight", "t2.made.layer0.weight",
                        "t3.lu.diag", "t4.made.layer1.bias", "t6.net.final.bias");
    }

    @Test
    void stacksBindByNameFromListsOrText() {
        FlowStackSettings small = FlowStackSettings.of("spline_coupling(bins=4)", "lu");
        assertThat(EstimatorKinds.bind("flow_stack", Map.of("transforms",
                List.of("spline_coupling(bins=4)", "lu")))).isEqualTo(small);
        assertThat(EstimatorKinds.bind("flow_stack", Map.of("transforms",
                " spline_coupling( bins = 4 ) ; lu "))).isEqualTo(small);
        assertThat(EstimatorKinds.registry().fromText("flow_stack",
                EstimatorKinds.registry().toText(MIXED))).isEqualTo(MIXED);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> FlowStackSettings.of("glow")).hasMessageContaining(
                "unknown transform kind 'glow'").hasMessageContaining("spline_coupling, ");
        assertThatThrownBy(() -> FlowStackSettings.of("lu(bins=3)"))
                .hasMessageContaining("transform 'lu' has no setting 'bins'");
        assertThatThrownBy(() -> FlowStackSettings.of("spline_coupling(bins=0)"))
                .hasMessageContaining("bins must be positive: 0");
        assertThatThrownBy(() -> FlowStackSettings.of("spline_coupling(bins=4"))
                .hasMessageContaining("closing parenthesis");
        assertThatThrownBy(() -> FlowStackSettings.of("spline_coupling(4)"))
                .hasMessageContaining("'4' is not key=value");
        assertThatThrownBy(() -> new FlowStackSettings(List.of()))
                .hasMessageContaining("at least one transform");
        assertThatThrownBy(() -> FlowStackSettings.of("affine_coupling").build(1, 0,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L)))
                .hasMessageContaining("coupling on 1 feature needs a context");
    }
}
