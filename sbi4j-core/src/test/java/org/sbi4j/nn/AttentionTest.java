package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

class AttentionTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(53L);

    /**
     * A {@link Layer} view of attention for the gradient checks: row i holds one group, its n_q
     * query rows then its n_k key rows (D values each); the output is the n_q output rows. With
     * self = true the keys are the queries (input row = n_q rows only). mask[k] masks key k of
     * every group.
     */
    private static final class Adapter implements Layer {
        final MultiHeadAttention mha;
        final AttentionBlock block;
        final int nq;
        final int nk;
        final int d;
        final boolean self;
        final boolean[] mask;

        Adapter(MultiHeadAttention mha, AttentionBlock block, int nq, int nk, boolean self,
                boolean[] mask) {
            this.mha = mha;
            this.block = block;
            this.nq = nq;
            this.nk = self ? nq : nk;
            this.d = mha != null ? mha.model() : block.model();
            this.self = self;
            this.mask = mask;
        }

        public int inputSize() {
            return (self ? nq : nq + nk) * d;
        }

        public int outputSize() {
            return nq * d;
        }

        public List<Param> params() {
            return mha != null ? mha.params() : block.params();
        }

        private record Ws(Object inner, Matrix q, Matrix k, boolean[] valid, Matrix dx)
                implements Workspace {
        }

        public Workspace workspace(int maxRows) {
            return new Ws(mha != null ? mha.workspace(maxRows, nq, nk)
                    : block.workspace(maxRows, nq, nk), Matrix.of(maxRows * nq, d),
                    Matrix.of(maxRows * nk, d), new boolean[maxRows * nk],
                    Matrix.of(maxRows, inputSize()));
        }

        public Matrix forward(Matrix input, Workspace workspace) {
            Ws ws = (Ws) workspace;
            int n = input.rows();
            Matrix q = ws.q.setRows(n * nq);
            Matrix k = self ? q : ws.k.setRows(n * nk);
            for (int i = 0; i < n; i++) {
                System.arraycopy(input.data(), input.rowOffset(i), q.data(), q.rowOffset(i * nq),
                        nq * d);
                if (!self) {
                    System.arraycopy(input.data(), input.rowOffset(i) + nq * d, k.data(),
                            k.rowOffset(i * nk), nk * d);
                }
                for (int j = 0; j < nk; j++) {
                    ws.valid[i * nk + j] = mask == null || mask[j];
                }
            }
            Matrix y = mha != null
                    ? mha.forward(q, k, mask == null ? null : ws.valid, (MultiHeadAttention.Ws) ws.inner)
                    : block.forward(q, k, mask == null ? null : ws.valid, (AttentionBlock.Ws) ws.inner);
            Matrix out = Matrix.of(n, outputSize());
            System.arraycopy(y.data(), y.offset(), out.data(), 0, y.size());
            return out;
        }

        public Matrix backward(Matrix g, Workspace workspace) {
            Ws ws = (Ws) workspace;
            int n = g.rows();
            Matrix gy = Matrix.wrap(g.toArray(), n * nq, d);
            Matrix gq;
            Matrix gk;
            if (mha != null) {
                MultiHeadAttention.Ws w = (MultiHeadAttention.Ws) ws.inner;
                mha.backward(gy, w);
                gq = w.gradQueries();
                gk = w.gradKeys();
            } else {
                AttentionBlock.Ws w = (AttentionBlock.Ws) ws.inner;
                block.backward(gy, w);
                gq = w.gradQueries();
                gk = w.gradKeys();
            }
            Matrix dx = ws.dx.setRows(n);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < nq * d; c++) {
                    float v = gq.data()[gq.rowOffset(i * nq) + c];
                    dx.data()[dx.rowOffset(i) + c] = self ? v + gk.data()[gk.rowOffset(i * nk) + c]
                            : v;
                }
                if (!self) {
                    System.arraycopy(gk.data(), gk.rowOffset(i * nk), dx.data(),
                            dx.rowOffset(i) + nq * d, nk * d);
                }
            }
            return dx;
        }
    }

    private void scramble(List<Param> params) {
        for (Param p : params) {
            Init.fillUniform(p.value(), 0.5, rng);
        }
    }

    @Test
    void attentionGradientsMatchFiniteDifferencesWithAndWithoutMask() {
        MultiHeadAttention mha = MultiHeadAttention.of("att", 6, 2, rng);
        scramble(mha.params());
        LayerGradientCheck.check(new Adapter(mha, null, 3, 4, false, null),
                LayerGradientCheck.random(5, 42, 1, rng), rng);
        boolean[] mask = {true, false, true, false};
        LayerGradientCheck.check(new Adapter(mha, null, 3, 4, false, mask),
                LayerGradientCheck.random(5, 42, 1, rng), rng);
        LayerGradientCheck.check(new Adapter(mha, null, 4, 4, true, null),
                LayerGradientCheck.random(3, 24, 1, rng), rng);
    }

    @Test
    void blockGradientsMatchFiniteDifferences() {
        AttentionBlock block = AttentionBlock.of("mab", 4, 2, Activation.TANH, rng);
        scramble(block.params());
        LayerGradientCheck.check(new Adapter(null, block, 2, 3, false,
                new boolean[] {true, true, false}), LayerGradientCheck.random(4, 20, 1, rng), rng);
        LayerGradientCheck.check(new Adapter(null, block, 3, 3, true, null),
                LayerGradientCheck.random(3, 12, 1, rng), rng);
    }

    @Test
    void maskedKeysGetNoWeightAndNoGradient() {
        MultiHeadAttention mha = MultiHeadAttention.of("att", 4, 2, rng);
        Matrix q = LayerGradientCheck.random(2, 4, 1, rng);
        Matrix k = LayerGradientCheck.random(3, 4, 1, rng);
        boolean[] valid = {true, false, true};
        MultiHeadAttention.Ws ws = mha.workspace(1, 2, 3);
        float[] before = mha.forward(q, k, valid, ws).toArray();
        for (int j = 0; j < 4; j++) {
            k.set(1, j, 1e3f * (j + 1)); // a huge masked key changes nothing
        }
        assertThat(mha.forward(q, k, valid, ws).toArray()).containsExactly(before);
        Params.zeroGrad(mha.params());
        mha.backward(LayerGradientCheck.random(2, 4, 1, rng), ws);
        assertThat(ws.gradKeys().row(1)).containsOnly(0f);
        assertThat(ws.gradKeys().row(0)).isNotEqualTo(new float[4]);
    }

    @Test
    void anAttentionOverOneKeyReturnsThatKeysProjectedValue() {
        MultiHeadAttention mha = MultiHeadAttention.of("att", 4, 1, rng);
        Matrix q = LayerGradientCheck.random(3, 4, 1, rng);
        Matrix k = LayerGradientCheck.random(1, 4, 1, rng);
        Matrix y = mha.forward(q, k, null, mha.workspace(1, 3, 1));
        // weight 1 on the single key: out = (k·W_v + b_v)·W_o + b_o for every query
        Matrix v = Matrix.of(1, 4);
        Matrix o = Matrix.of(1, 4);
        org.sbi4j.tensor.Ops.mult(k, mha.params().get(3).value(), v);
        org.sbi4j.tensor.Ops.addRowVector(mha.params().get(4).value(), v);
        org.sbi4j.tensor.Ops.mult(v, mha.params().get(5).value(), o);
        org.sbi4j.tensor.Ops.addRowVector(mha.params().get(6).value(), o);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(y.get(i, j)).isCloseTo(o.get(0, j), offset(1e-5f));
            }
        }
    }

    @Test
    void badShapesAreNamed() {
        assertThatThrownBy(() -> MultiHeadAttention.of("att", 6, 4, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisible");
        MultiHeadAttention mha = MultiHeadAttention.of("att", 4, 2, rng);
        MultiHeadAttention.Ws ws = mha.workspace(2, 2, 3);
        assertThatThrownBy(() -> mha.forward(Matrix.of(4, 4), Matrix.of(5, 4), null, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups");
        assertThatThrownBy(() -> mha.forward(Matrix.of(6, 4), Matrix.of(9, 4), null, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2");
        assertThatThrownBy(() -> mha.forward(Matrix.of(2, 4), Matrix.of(3, 4),
                new boolean[] {false, false, false}, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no valid key");
    }
}
