package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

class MadeTest {

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void maskedDenseGradientsMatchFiniteDifferences() {
        UniformRandomProvider r = rng(10);
        Matrix mask = Matrix.of(5, 4);
        for (int i = 0; i < mask.size(); i++) {
            mask.data()[i] = r.nextBoolean() ? 1f : 0f;
        }
        MaskedDense d = MaskedDense.of("m", mask, Init.GLOROT_UNIFORM, r);
        d.bias().value().copyFrom(LayerGradientCheck.random(1, 4, 0.5, r));
        LayerGradientCheck.check(d, LayerGradientCheck.random(6, 5, 1.0, r), r);
        // masked weights get exactly zero gradient, and their values do not matter
        for (int i = 0; i < mask.size(); i++) {
            if (mask.data()[i] == 0f) {
                assertThat(d.weight().grad().data()[i]).isZero();
            }
        }
    }

    @Test
    void madeGradientsMatchFiniteDifferences() {
        UniformRandomProvider r = rng(11);
        Made made = Made.builder(3).context(2).hidden(8, 7).paramsPerDim(3)
                .activation(Activation.TANH).build(r);
        for (Param p : made.params()) {
            if (p.name().endsWith("bias")) {
                p.value().copyFrom(LayerGradientCheck.random(1, p.size(), 0.3, r));
            }
        }
        LayerGradientCheck.check(made, LayerGradientCheck.random(4, 5, 1.0, r), r);
    }

    @Test
    void outputForDimensionIDependsOnlyOnEarlierThetaAndContext() {
        for (boolean random : new boolean[] {false, true}) {
            int d = 4;
            int c = 2;
            int k = 3;
            Made made = Made.builder(d).context(c).hidden(20, 20).paramsPerDim(k)
                    .activation(Activation.TANH).randomDegrees(random).build(rng(12));
            double[][] jac = numericalJacobian(made, rng(13));
            for (int i = 0; i < d; i++) {
                for (int kk = 0; kk < k; kk++) {
                    double[] row = jac[made.column(i, kk)];
                    for (int j = i; j < d; j++) {
                        assertThat(row[j]).as("d out(%d,%d) / d theta_%d", i, kk, j).isZero();
                    }
                    if (!random) { // cycling degrees connect every allowed path
                        for (int j = 0; j < i; j++) {
                            assertThat(row[j]).as("d out(%d,%d)/d theta_%d", i, kk, j)
                                    .isNotZero();
                        }
                    }
                    for (int j = d; j < d + c; j++) {
                        assertThat(row[j]).as("d out(%d,%d) / d context_%d", i, kk, j - d)
                                .isNotZero();
                    }
                }
            }
        }
    }

    @Test
    void analyticGradientRespectsTheOrderToo() {
        Made made = Made.builder(3).context(1).hidden(9).paramsPerDim(2).build(rng(14));
        Matrix x = LayerGradientCheck.random(1, 4, 1.0, rng(15));
        Layer.Workspace ws = made.workspace(1);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                made.forward(x, ws);
                Matrix g = Matrix.of(1, 6);
                g.set(0, made.column(i, k), 1f);
                Matrix dx = made.backward(g, ws);
                for (int j = i; j < 3; j++) {
                    assertThat(dx.get(0, j)).isZero();
                }
            }
        }
    }

    @Test
    void withoutContextFirstDimensionIsConstant() {
        Made made = Made.builder(3).hidden(6).paramsPerDim(1).build(rng(16));
        double[][] jac = numericalJacobian(made, rng(17));
        assertThat(jac[0]).containsOnly(0.0);
        assertThat(jac[2][0]).isNotZero();
    }

    @Test
    void zeroInitOutputAndSeparateContextForward() {
        Made zero = Made.builder(2).context(3).hidden(5).zeroInitOutput(true).build(rng(18));
        Matrix theta = LayerGradientCheck.random(4, 2, 1.0, rng(19));
        Matrix ctx = LayerGradientCheck.random(4, 3, 1.0, rng(20));
        assertThat(zero.forward(theta, ctx, zero.workspace(4)).toArray()).containsOnly(0f);

        Made made = Made.builder(2).context(3).hidden(5).build(rng(18));
        Matrix joined = Matrix.of(4, 5);
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 5; j++) {
                joined.set(r, j, j < 2 ? theta.get(r, j) : ctx.get(r, j - 2));
            }
        }
        float[] a = made.forward(theta, ctx, made.workspace(4)).toArray();
        assertThat(made.forward(joined, made.workspace(4)).toArray()).containsExactly(a);
        assertThatThrownBy(() -> made.forward(theta, Matrix.of(4, 2), made.workspace(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x2").hasMessageContaining("4x3");
    }

    @Test
    void degreesFollowTheDocumentedRules() {
        assertThat(MadeDegrees.inputDegrees(3, 2)).containsExactly(1, 2, 3, 0, 0);
        assertThat(MadeDegrees.hiddenDegrees(5, 3, 0)).containsExactly(1, 2, 1, 2, 1);
        assertThat(MadeDegrees.hiddenDegrees(5, 3, 2)).containsExactly(0, 1, 2, 0, 1);
        assertThat(MadeDegrees.outputDegrees(3, 2)).containsExactly(1, 1, 2, 2, 3, 3);
        Matrix out = MadeDegrees.outputMask(new int[] {0, 1, 2}, new int[] {1, 2});
        assertThat(out.toArray()).containsExactly(1, 1, 0, 1, 0, 0);
        Matrix hid = MadeDegrees.hiddenMask(new int[] {0, 1, 2}, new int[] {1, 2});
        assertThat(hid.toArray()).containsExactly(1, 1, 1, 1, 0, 1);
        UniformRandomProvider r = rng(21);
        int[] prev = MadeDegrees.inputDegrees(5, 1);
        for (int layer = 0; layer < 20; layer++) {
            int[] random = MadeDegrees.hiddenDegreesRandom(8, 5, 1, prev, r);
            assertThat(random[0]).isZero(); // the context-only chain reaches every layer
            assertThat(java.util.Arrays.stream(random).boxed().toList())
                    .allMatch(v -> v >= 0 && v <= 4);
            prev = random;
        }
        assertThat(MadeDegrees.hiddenDegreesRandom(50, 5, 0, MadeDegrees.inputDegrees(5, 0), r))
                .containsOnly(1, 2, 3, 4);
    }

    /** J[out][in] of a one-row batch by central differences. */
    private static double[][] numericalJacobian(Made made, UniformRandomProvider r) {
        Matrix x = LayerGradientCheck.random(1, made.inputSize(), 1.0, r);
        Layer.Workspace ws = made.workspace(1);
        Matrix y = made.forward(x, ws);
        return FiniteDifferences.jacobian(() -> made.forward(x, ws), x.data(), x.offset(),
                x.size(), y.data(), y.offset(), y.size());
    }
}
