package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

class DeepSetsTest {

    private static final int T = 5;
    private static final int D = 2;

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);

    private DeepSets net() {
        Layer phi = Sequential.of(Mlp.of(D, new int[] {6}, 4, Activation.TANH, rng),
                ActivationLayer.of(Activation.TANH, 4));
        Layer rho = Sequential.of(Dense.of("rho0", 5, 5, Init.GLOROT_UNIFORM, rng),
                ActivationLayer.of(Activation.TANH, 5), Dense.of("rho1", 5, 3,
                        Init.GLOROT_UNIFORM, rng));
        return DeepSets.of(phi, rho, T);
    }

    /** Random trials; row i has validTrials[i] real trials then NaN padding. */
    private Matrix sets(int[] validTrials) {
        Matrix x = LayerGradientCheck.random(validTrials.length, T * D, 1.0, rng);
        for (int i = 0; i < validTrials.length; i++) {
            for (int j = validTrials[i] * D; j < T * D; j++) {
                x.set(i, j, Float.NaN);
            }
        }
        return x;
    }

    @Test
    void gradientsMatchFiniteDifferencesWithPadding() {
        DeepSets net = net();
        Matrix x = sets(new int[] {5, 3, 1, 4});
        Matrix r = LayerGradientCheck.random(4, 3, 1.0, rng);
        Layer.Workspace ws = net.workspace(4);
        Params.zeroGrad(net.params());
        net.forward(x, ws);
        Matrix dx = net.backward(r, ws).copy();
        for (int k = 0; k < x.size(); k++) {
            if (Float.isNaN(x.data()[k])) {
                assertThat(dx.data()[k]).as("gradient at padding").isZero();
                continue;
            }
            double num = FiniteDifferences.gradient(
                    () -> LayerGradientCheck.loss(net, x, r, ws), x.data(), k, 1)[0];
            assertThat(FiniteDifferences.relativeError(new double[] {dx.data()[k]},
                    new double[] {num}, 1e-3)).as("input %d", k)
                    .isLessThanOrEqualTo(LayerGradientCheck.TOL);
        }
        for (Param p : net.params()) {
            double[] g = FiniteDifferences.toDouble(p.grad().toArray(), 0, p.size());
            double[] num = FiniteDifferences.gradient(
                    () -> LayerGradientCheck.loss(net, x, r, ws), p.value());
            assertThat(FiniteDifferences.relativeError(g, num, 1e-3)).as(p.name())
                    .isLessThanOrEqualTo(LayerGradientCheck.TOL);
        }
    }

    @Test
    void permutingTrialsLeavesTheOutputUnchanged() {
        DeepSets net = net();
        Matrix x = sets(new int[] {5, 4});
        float[] before = net.forward(x, net.workspace(2)).toArray();
        // reverse the trial order of each row, padding included (the padding moves to the front)
        Matrix y = Matrix.of(2, T * D);
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < D; j++) {
                    y.set(i, (T - 1 - t) * D + j, x.get(i, t * D + j));
                }
            }
        }
        float[] after = net.forward(y, net.workspace(2)).toArray();
        // float32 sums in another order: agree to a few ulps of values of order 1
        for (int k = 0; k < before.length; k++) {
            assertThat(after[k]).isCloseTo(before[k], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void wherePaddingSitsChangesNothing() {
        // the same 3 trials at positions 0, 1, 2 and at positions 1, 3, 4 (NaN elsewhere)
        DeepSets net = net();
        Matrix x = sets(new int[] {3});
        Matrix spread = Matrix.of(1, T * D).fill(Float.NaN);
        int[] at = {1, 3, 4};
        for (int t = 0; t < 3; t++) {
            for (int j = 0; j < D; j++) {
                spread.set(0, at[t] * D + j, x.get(0, t * D + j));
            }
        }
        assertThat(net.forward(spread, net.workspace(1)).toArray())
                .containsExactly(net.forward(x, net.workspace(1)).toArray());
    }

    @Test
    void oneTrialOfFiveIsRhoOfPhiAndTheShareOfValidTrials() {
        DeepSets net = net();
        Matrix x = sets(new int[] {1});
        Matrix trial = Matrix.fromRows(new float[][] {{x.get(0, 0), x.get(0, 1)}});
        Matrix h = net.phi().forward(trial, net.phi().workspace(1));
        Matrix m = Matrix.of(1, 5);
        for (int j = 0; j < 4; j++) {
            m.set(0, j, h.get(0, j));
        }
        m.set(0, 4, 1f / T);
        Matrix direct = net.rho().forward(m, net.rho().workspace(1));
        assertThat(net.forward(x, net.workspace(1)).toArray()).containsExactly(direct.toArray());
    }

    @Test
    void emptySetsAndPartlyNanTrialsAreRejected() {
        DeepSets net = net();
        Matrix empty = sets(new int[] {3, 0});
        assertThatThrownBy(() -> net.forward(empty, net.workspace(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1")
                .hasMessageContaining("no valid trial");
        Matrix partly = sets(new int[] {3});
        partly.set(0, 1, Float.NaN);
        assertThatThrownBy(() -> net.forward(partly, net.workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial 0");
        assertThatThrownBy(() -> DeepSets.of(net.phi(), net.phi(), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
