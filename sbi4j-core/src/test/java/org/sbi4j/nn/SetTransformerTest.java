package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

class SetTransformerTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(59L);

    private SetTransformer small(int trials, int d, Activation f) {
        SetTransformer st = SetTransformer.of(new SetTransformerConfig(trials, d, 4, 2, 3, 1, 2,
                f, new int[] {5}, 3), rng);
        for (Param p : st.params()) {
            Init.fillUniform(p.value(), 0.5, rng);
        }
        return st;
    }

    /** Rows of T trials of d values; row i keeps valid[i] trials, the rest NaN. */
    private Matrix sets(int rows, int trials, int d, int[] valid) {
        Matrix x = LayerGradientCheck.random(rows, trials * d, 1, rng);
        for (int i = 0; i < rows; i++) {
            for (int c = valid[i] * d; c < trials * d; c++) {
                x.set(i, c, Float.NaN);
            }
        }
        return x;
    }

    @Test
    void gradientsMatchFiniteDifferencesOnPaddedSets() {
        SetTransformer st = small(4, 2, Activation.TANH);
        Matrix x = sets(3, 4, 2, new int[] {4, 2, 1});
        // finite differences on NaN entries give NaN; the check compares only the valid part
        Matrix filled = x.copy();
        for (int i = 0; i < filled.size(); i++) {
            if (Float.isNaN(filled.data()[i])) {
                filled.data()[i] = 0f;
            }
        }
        Layer masked = new Layer() { // padding fixed by position: trials ≥ valid[i] are NaN
            public int inputSize() {
                return st.inputSize();
            }

            public int outputSize() {
                return st.outputSize();
            }

            public java.util.List<Param> params() {
                return st.params();
            }

            public Workspace workspace(int maxRows) {
                return st.workspace(maxRows);
            }

            public Matrix forward(Matrix in, Workspace ws) {
                Matrix withNaN = in.copy();
                for (int i = 0; i < x.size(); i++) {
                    if (Float.isNaN(x.data()[i])) {
                        withNaN.data()[i] = Float.NaN;
                    }
                }
                return st.forward(withNaN, ws);
            }

            public Matrix backward(Matrix g, Workspace ws) {
                return st.backward(g, ws);
            }
        };
        LayerGradientCheck.check(masked, filled, rng);
    }

    @Test
    void outputIgnoresTrialOrderAndWherePaddingSits() {
        SetTransformer st = small(5, 2, Activation.RELU);
        Matrix x = sets(1, 5, 2, new int[] {3});
        Matrix y = st.forward(x, st.workspace(2)).copy();
        // trials reversed, padding first: NaN NaN t2 t1 t0
        Matrix p = Matrix.of(1, 10).fill(Float.NaN);
        for (int t = 0; t < 3; t++) {
            for (int j = 0; j < 2; j++) {
                p.set(0, (4 - t) * 2 + j, x.get(0, t * 2 + j));
            }
        }
        Matrix yp = st.forward(p, st.workspace(2));
        // only the order of float sums differs: 1e-5 relative to the output's scale
        float scale = 0;
        for (float v : y.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < y.cols(); j++) {
            assertThat(yp.get(0, j)).isCloseTo(y.get(0, j), offset(1e-5f * Math.max(1, scale)));
        }
    }

    @Test
    void paddingTrialsGetNoGradientAndBatchRowsAreIndependent() {
        SetTransformer st = small(4, 3, Activation.RELU);
        Matrix x = sets(3, 4, 3, new int[] {2, 4, 1});
        Layer.Workspace ws = st.workspace(3);
        Matrix y = st.forward(x, ws).copy();
        Matrix dx = st.backward(LayerGradientCheck.random(3, 3, 1, rng), ws);
        for (int c = 6; c < 12; c++) {
            assertThat(dx.get(0, c)).isZero();
        }
        for (int c = 3; c < 12; c++) {
            assertThat(dx.get(2, c)).isZero();
        }
        assertThat(dx.get(1, 11)).isNotZero();
        Matrix alone = st.forward(x.rowView(2, 1), st.workspace(1));
        assertThat(alone.row(0)).containsExactly(y.row(2));
    }

    @Test
    void badSetsAndSettingsAreNamed() {
        assertThatThrownBy(() -> new SetTransformerConfig(4, 2, 6, 4, 3, 1, 1, Activation.RELU,
                new int[0], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divisible");
        SetTransformer st = small(3, 2, Activation.RELU);
        Matrix partly = sets(1, 3, 2, new int[] {3});
        partly.set(0, 1, Float.NaN);
        assertThatThrownBy(() -> st.forward(partly, st.workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial 0");
        Matrix empty = Matrix.of(1, 6).fill(Float.NaN);
        assertThatThrownBy(() -> st.forward(empty, st.workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no valid");
        assertThatThrownBy(() -> st.forward(Matrix.of(1, 5), st.workspace(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nx6");
    }
}
