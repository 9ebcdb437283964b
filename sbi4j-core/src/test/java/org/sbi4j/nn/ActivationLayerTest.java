package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

class ActivationLayerTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation f) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        Matrix x = LayerGradientCheck.random(6, 5, 2.0, rng);
        // keep inputs at least 0.1 from the ReLU/ELU kink at 0, further than the FD step 0.02
        for (int i = 0; i < x.size(); i++) {
            float v = x.data()[i];
            x.data()[i] = Math.copySign(Math.abs(v) + 0.1f, v);
        }
        double err = LayerGradientCheck.check(ActivationLayer.of(f, 5), x, rng);
        assertThat(err).isLessThanOrEqualTo(LayerGradientCheck.TOL);
    }

    @Test
    void forwardMatchesDefinitions() {
        Matrix x = Matrix.fromRows(new float[][] {{-1f, 0.5f, 2f}});
        double[] xs = {-1, 0.5, 2};
        for (Activation f : Activation.values()) {
            ActivationLayer a = ActivationLayer.of(f, 3);
            Matrix y = a.forward(x, a.workspace(1));
            for (int j = 0; j < 3; j++) {
                assertThat((double) y.get(0, j)).as("%s(%s)", f, xs[j])
                        .isCloseTo(reference(f, xs[j]), offset(1e-5));
            }
        }
    }

    /** Independent double-precision definitions of each activation. */
    private static double reference(Activation f, double x) {
        double sig = 1 / (1 + Math.exp(-x));
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> Math.max(0, x);
            case TANH -> Math.tanh(x);
            case ELU -> x > 0 ? x : Math.exp(x) - 1;
            case SILU -> x * sig;
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI)
                    * (x + 0.044715 * x * x * x)));
            case SIGMOID -> sig;
            case SOFTPLUS -> Math.log(1 + Math.exp(x));
        };
    }
}
