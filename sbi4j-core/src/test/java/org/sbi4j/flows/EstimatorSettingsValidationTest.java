package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;

/**
 * The estimator settings records: their documented defaults, the limits their constructors
 * accept and reject (with the message), and that each {@code withX} changes X only.
 */
class EstimatorSettingsValidationTest {

    @Test
    void mafDefaultsLimitsAndWithers() {
        MafSettings d = MafSettings.defaults();
        assertThat(d).isEqualTo(new MafSettings(5, 50, 3, Activation.TANH, false));
        assertThat(d.kind()).isEqualTo("maf");
        assertThat(new MafSettings(1, 1, 1, Activation.RELU, true).transforms()).isEqualTo(1);
        assertThatThrownBy(() -> new MafSettings(0, 50, 3, Activation.TANH, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("transforms must be positive: 0");
        assertThatThrownBy(() -> new MafSettings(5, 0, 3, Activation.TANH, false))
                .hasMessage("hidden features must be positive: 0");
        assertThatThrownBy(() -> new MafSettings(5, 50, 0, Activation.TANH, false))
                .hasMessage("hidden layers must be positive: 0");
        assertThatThrownBy(() -> new MafSettings(5, 50, 3, null, false))
                .hasMessage("activation must not be null");
        assertThat(d.withTransforms(2)).isEqualTo(new MafSettings(2, 50, 3, Activation.TANH, false));
        assertThat(d.withHiddenFeatures(7)).isEqualTo(new MafSettings(5, 7, 3, Activation.TANH, false));
        assertThat(d.withHiddenLayers(1)).isEqualTo(new MafSettings(5, 50, 1, Activation.TANH, false));
        assertThat(d.withActivation(Activation.ELU)).isEqualTo(new MafSettings(5, 50, 3, Activation.ELU, false));
        assertThat(d.withRandomPermutations(true)).isEqualTo(new MafSettings(5, 50, 3, Activation.TANH, true));
    }

    @Test
    void nsfDefaultsLimitsAndWithers() {
        NsfSettings d = NsfSettings.defaults();
        assertThat(d).isEqualTo(new NsfSettings(5, 10, 3f, 50, 2, Activation.RELU, true, true));
        assertThat(new NsfSettings(5, 10, 3f, 50, 2, Activation.RELU, true))
                .isEqualTo(d); // the 7-argument form uses the nflows conditioner
        assertThat(d.kind()).isEqualTo("nsf");
        assertThat(new NsfSettings(1, 1, Float.MIN_VALUE, 1, 0, Activation.RELU, false, false).blocks())
                .isZero();
        assertThatThrownBy(() -> new NsfSettings(0, 10, 3f, 50, 2, Activation.RELU, true, true))
                .hasMessage("transforms must be positive: 0");
        assertThatThrownBy(() -> new NsfSettings(5, 0, 3f, 50, 2, Activation.RELU, true, true))
                .hasMessage("bins must be positive: 0");
        assertThatThrownBy(() -> new NsfSettings(5, 10, 0f, 50, 2, Activation.RELU, true, true))
                .hasMessage("tail bound must be positive and finite: 0.0");
        assertThatThrownBy(() -> new NsfSettings(5, 10, Float.NaN, 50, 2, Activation.RELU, true, true))
                .hasMessage("tail bound must be positive and finite: NaN");
        assertThatThrownBy(() -> new NsfSettings(5, 10, Float.POSITIVE_INFINITY, 50, 2,
                Activation.RELU, true, true)).hasMessage("tail bound must be positive and finite: Infinity");
        assertThatThrownBy(() -> new NsfSettings(5, 10, 3f, 0, 2, Activation.RELU, true, true))
                .hasMessage("hidden features must be positive: 0");
        assertThatThrownBy(() -> new NsfSettings(5, 10, 3f, 50, -1, Activation.RELU, true, true))
                .hasMessage("negative number of residual blocks: -1");
        assertThatThrownBy(() -> new NsfSettings(5, 10, 3f, 50, 2, null, true, true))
                .hasMessage("activation must not be null");
        assertThat(d.withTransforms(1).transforms()).isEqualTo(1);
        assertThat(d.withBins(4)).isEqualTo(new NsfSettings(5, 4, 3f, 50, 2, Activation.RELU, true, true));
        assertThat(d.withTailBound(5f)).isEqualTo(new NsfSettings(5, 10, 5f, 50, 2, Activation.RELU, true, true));
        assertThat(d.withHiddenFeatures(8)).isEqualTo(new NsfSettings(5, 10, 3f, 8, 2, Activation.RELU, true, true));
        assertThat(d.withBlocks(0)).isEqualTo(new NsfSettings(5, 10, 3f, 50, 0, Activation.RELU, true, true));
        assertThat(d.withActivation(Activation.TANH))
                .isEqualTo(new NsfSettings(5, 10, 3f, 50, 2, Activation.TANH, true, true));
        assertThat(d.withLuLinear(false)).isEqualTo(new NsfSettings(5, 10, 3f, 50, 2, Activation.RELU, false, true));
        assertThat(d.withNflowsConditioner(false))
                .isEqualTo(new NsfSettings(5, 10, 3f, 50, 2, Activation.RELU, true, false));
        assertThat(d.withTransforms(3)).isEqualTo(new NsfSettings(3, 10, 3f, 50, 2, Activation.RELU, true, true));
    }

    @Test
    void autoregressiveNsfDefaultsLimitsAndWithers() {
        AutoregressiveNsfSettings d = AutoregressiveNsfSettings.defaults();
        assertThat(d).isEqualTo(new AutoregressiveNsfSettings(5, 10, 3f, 50, 2, Activation.RELU, false, true));
        assertThat(d.kind()).isEqualTo("maf_rqs");
        NsfSettings n = new NsfSettings(2, 4, 1.5f, 8, 1, Activation.TANH, true, false);
        assertThat(AutoregressiveNsfSettings.of(n))
                .isEqualTo(new AutoregressiveNsfSettings(2, 4, 1.5f, 8, 1, Activation.TANH, false, false));
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(0, 10, 3f, 50, 2, Activation.RELU, false, true))
                .hasMessage("transforms must be positive: 0");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 0, 3f, 50, 2, Activation.RELU, false, true))
                .hasMessage("bins must be positive: 0");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 10, -1f, 50, 2, Activation.RELU, false, true))
                .hasMessage("tail bound must be positive and finite: -1.0");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 10, Float.POSITIVE_INFINITY, 50, 2,
                Activation.RELU, false, true)).hasMessage("tail bound must be positive and finite: Infinity");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 10, 3f, 0, 2, Activation.RELU, false, true))
                .hasMessage("hidden features must be positive: 0");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 10, 3f, 50, -1, Activation.RELU, false, true))
                .hasMessage("negative number of blocks: -1");
        assertThatThrownBy(() -> new AutoregressiveNsfSettings(5, 10, 3f, 50, 2, null, false, true))
                .hasMessage("activation must not be null");
        assertThat(new AutoregressiveNsfSettings(1, 1, 1f, 1, 0, Activation.RELU, false, true).blocks()).isZero();
        assertThat(d.withTransforms(2)).isEqualTo(new AutoregressiveNsfSettings(2, 10, 3f, 50, 2, Activation.RELU, false, true));
        assertThat(d.withBins(3)).isEqualTo(new AutoregressiveNsfSettings(5, 3, 3f, 50, 2, Activation.RELU, false, true));
        assertThat(d.withHiddenFeatures(9)).isEqualTo(new AutoregressiveNsfSettings(5, 10, 3f, 9, 2, Activation.RELU, false, true));
        assertThat(d.withRandomPermutations(true))
                .isEqualTo(new AutoregressiveNsfSettings(5, 10, 3f, 50, 2, Activation.RELU, true, true));
    }

    @Test
    void mdnDefaultsLimitsAndWithers() {
        MdnSettings d = MdnSettings.defaults();
        assertThat(d).isEqualTo(new MdnSettings(10, 50, 2, Activation.RELU));
        assertThat(d.kind()).isEqualTo("mdn");
        assertThatThrownBy(() -> new MdnSettings(0, 50, 2, Activation.RELU)).hasMessage("components must be positive: 0");
        assertThatThrownBy(() -> new MdnSettings(10, 0, 2, Activation.RELU)).hasMessage("hidden features must be positive: 0");
        assertThatThrownBy(() -> new MdnSettings(10, 50, 0, Activation.RELU)).hasMessage("hidden layers must be positive: 0");
        assertThatThrownBy(() -> new MdnSettings(10, 50, 2, null)).hasMessage("activation must not be null");
        assertThat(new MdnSettings(1, 1, 1, Activation.RELU).components()).isEqualTo(1);
        assertThat(d.withComponents(3)).isEqualTo(new MdnSettings(3, 50, 2, Activation.RELU));
        assertThat(d.withHiddenFeatures(4)).isEqualTo(new MdnSettings(10, 4, 2, Activation.RELU));
        assertThat(d.withHiddenLayers(1)).isEqualTo(new MdnSettings(10, 50, 1, Activation.RELU));
        assertThat(d.withActivation(Activation.GELU)).isEqualTo(new MdnSettings(10, 50, 2, Activation.GELU));
    }

    @Test
    void fmpeDefaultsLimitsAndWithers() {
        FmpeSettings d = FmpeSettings.defaults();
        assertThat(d).isEqualTo(new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT));
        assertThat(d.kind()).isEqualTo("fmpe");
        // the accepted limits: sigma_min 0, no blocks, an exponent just above −1
        assertThat(new FmpeSettings(1, 0, Activation.GELU, 1, 0f, -0.999f, FmpeSettings.Solver.DOPRI5,
                1, 0.5f, FmpeSettings.Divergence.HUTCHINSON).sigmaMin()).isZero();
        assertThatThrownBy(() -> new FmpeSettings(0, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("hidden features must be positive: 0");
        assertThatThrownBy(() -> new FmpeSettings(64, -1, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("negative number of residual blocks: -1");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, null, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("activation must not be null");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 0, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("time frequencies must be positive: 0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("sigma_min must be in [0, 1): 1.0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, -1e-6f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("sigma_min must be in [0, 1): -1.0E-6");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, -1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("time prior exponent must be finite and > -1: -1.0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f,
                Float.POSITIVE_INFINITY, FmpeSettings.Solver.RK4, 20, 1e-4f,
                FmpeSettings.Divergence.EXACT)).hasMessage("time prior exponent must be finite and > -1: Infinity");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                null, 20, 1e-4f, FmpeSettings.Divergence.EXACT)).hasMessage("solver must not be null");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 0, 1e-4f, FmpeSettings.Divergence.EXACT))
                .hasMessage("steps must be positive: 0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 0f, FmpeSettings.Divergence.EXACT))
                .hasMessage("tolerance must be in (0, 1): 0.0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1f, FmpeSettings.Divergence.EXACT))
                .hasMessage("tolerance must be in (0, 1): 1.0");
        assertThatThrownBy(() -> new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f,
                FmpeSettings.Solver.RK4, 20, 1e-4f, null)).hasMessage("divergence must not be null");
        assertThat(d.withHiddenFeatures(8).hiddenFeatures()).isEqualTo(8);
        assertThat(d.withHiddenFeatures(8).withHiddenFeatures(64)).isEqualTo(d);
        assertThat(d.withBlocks(0).blocks()).isZero();
        assertThat(d.withBlocks(0).withBlocks(4)).isEqualTo(d);
        assertThat(d.withActivation(Activation.TANH).activation()).isEqualTo(Activation.TANH);
        assertThat(d.withActivation(Activation.TANH).withActivation(Activation.GELU)).isEqualTo(d);
        assertThat(d.withSolver(FmpeSettings.Solver.DOPRI5).solver()).isEqualTo(FmpeSettings.Solver.DOPRI5);
        assertThat(d.withSolver(FmpeSettings.Solver.DOPRI5).withSolver(FmpeSettings.Solver.RK4)).isEqualTo(d);
        assertThat(d.withSteps(5).steps()).isEqualTo(5);
        assertThat(d.withSteps(5).withSteps(20)).isEqualTo(d);
        assertThat(d.withDivergence(FmpeSettings.Divergence.HUTCHINSON).divergence())
                .isEqualTo(FmpeSettings.Divergence.HUTCHINSON);
        assertThat(d.withDivergence(FmpeSettings.Divergence.HUTCHINSON)
                .withDivergence(FmpeSettings.Divergence.EXACT)).isEqualTo(d);
        assertThat(d.withTimePriorExponent(0f).timePriorExponent()).isZero();
        assertThat(d.withTimePriorExponent(0f).withTimePriorExponent(1f)).isEqualTo(d);
    }

    @Test
    void flowStackNeedsATransformAndDefaultsToFiveSplineCouplingsWithLu() {
        assertThatThrownBy(() -> new FlowStackSettings(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a flow stack needs at least one transform");
        assertThatThrownBy(() -> new FlowStackSettings(null))
                .hasMessage("a flow stack needs at least one transform");
        FlowStackSettings d = FlowStackSettings.defaults();
        assertThat(d.kind()).isEqualTo("flow_stack");
        assertThat(d.transforms()).hasSize(10);
        for (int i = 0; i < 10; i += 2) {
            assertThat(d.transforms().get(i)).startsWith("spline_coupling");
            assertThat(d.transforms().get(i + 1)).startsWith("lu");
        }
    }
}
