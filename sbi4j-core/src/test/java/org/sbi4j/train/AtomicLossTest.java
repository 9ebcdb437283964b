package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.Flows;
import org.sbi4j.flows.MdnSettings;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.TestMatrices;
import org.sbi4j.testing.FiniteDifferences;

/** APT's atomic loss: its value from the definition, its gradient from central differences. */
class AtomicLossTest {

    /** log N(θ; 0, I), the balanced loss test's prior. */
    private static final BalancedLoss.LogPrior NORMAL = BalancedLossTest.NORMAL;

    /** The loss written out from its definition, one (θ, x) pair at a time. */
    private static double reference(ConditionalDensityEstimator e, Matrix theta, Matrix x,
                                    int atoms) {
        int n = theta.rows();
        int a = Math.min(atoms, n);
        ConditionalDensityEstimator.Workspace ws = e.workspace(1);
        float[] lq = new float[1];
        double[] lp = new double[1];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] u = new double[a];
            double z = 0;
            for (int j = 0; j < a; j++) {
                Matrix t = theta.rowView((i - j + n) % n, 1).copy();
                e.logProb(t, x.rowView(i, 1).copy(), lq, ws);
                NORMAL.logProb(t, lp);
                u[j] = lq[0] - lp[0];
                z += Math.exp(u[j]);
            }
            loss -= (u[0] - Math.log(z)) / n;
        }
        return loss;
    }

    @Test
    void lossAndGradientMatchTheDefinitionAndCentralDifferences() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        ConditionalDensityEstimator e = Flows.mdn(2, 2, MdnSettings.defaults().withComponents(2)
                .withHiddenFeatures(6).withActivation(Activation.TANH), rng);
        Matrix theta = TestMatrices.gaussian(6, 2, 6);
        Matrix x = TestMatrices.gaussian(6, 2, 7);
        for (int atoms : new int[] {3, 10}) { // 10 > 6 rows: every row is an atom
            AtomicLoss loss = AtomicLoss.of(atoms, NORMAL);
            ConditionalDensityEstimator.Workspace ws = e.workspace(loss.workspaceRows(6));
            Params.zeroGrad(e.params());
            float value = loss.lossAndGradient(e, theta, x, ws);
            double expected = reference(e, theta, x, atoms);
            assertThat((double) value).as("%d atoms", atoms)
                    .isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
            assertThat(loss.loss(e, theta, x, ws)).isCloseTo(expected,
                    within(1e-5 * (1 + Math.abs(expected))));
            for (Param p : e.params()) {
                double[] numeric = FiniteDifferences.gradient(() -> reference(e, theta, x, atoms),
                        p.value().data(), p.value().offset(), p.size(), 3e-3f);
                double[] analytic = FiniteDifferences.toDouble(p.grad().data(),
                        p.grad().offset(), p.size());
                assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-2))
                        .as("%s, %d atoms", p.name(), atoms).isLessThan(1e-2);
            }
        }
    }

    /**
     * Two exact properties: when q(θ | x) equals the prior at the batch's x the proposal
     * posterior is uniform over the atoms, so the loss is log A whatever the θ; and the loss and
     * its gradient do not depend on the prior's normalising constant.
     */
    @Test
    void priorEqualToTheEstimatorGivesLogAtomsAndTheConstantCancels() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        ConditionalDensityEstimator e = Flows.mdn(2, 2, MdnSettings.defaults().withComponents(2)
                .withHiddenFeatures(6).withActivation(Activation.TANH), rng);
        Matrix theta = TestMatrices.gaussian(12, 2, 9);
        Matrix same = Matrix.of(40, 2); // every row x = (0.4, -1.2)
        for (int i = 0; i < 40; i++) {
            same.set(i, 0, 0.4f);
            same.set(i, 1, -1.2f);
        }
        Matrix x = same.rowView(0, 12).copy();
        ConditionalDensityEstimator.Workspace own = e.workspace(40);
        float[] lq = new float[40];
        BalancedLoss.LogPrior itself = (t, out) -> {
            e.logProb(t, same.setRows(t.rows()), lq, own);
            for (int i = 0; i < t.rows(); i++) {
                out[i] = lq[i];
            }
        };
        AtomicLoss loss = AtomicLoss.of(3, itself);
        ConditionalDensityEstimator.Workspace ws = e.workspace(loss.workspaceRows(12));
        assertThat(loss.loss(e, theta, x, ws)).isCloseTo(Math.log(3), within(1e-6));

        AtomicLoss plain = AtomicLoss.of(4, NORMAL);
        AtomicLoss shifted = AtomicLoss.of(4, (t, out) -> {
            NORMAL.logProb(t, out);
            for (int i = 0; i < t.rows(); i++) {
                out[i] += 7.5;
            }
        });
        Matrix xs = TestMatrices.gaussian(12, 2, 10);
        ws = e.workspace(plain.workspaceRows(12));
        Params.zeroGrad(e.params());
        float a = plain.lossAndGradient(e, theta, xs, ws);
        float[] gradA = e.params().get(0).grad().toArray();
        Params.zeroGrad(e.params());
        float b = shifted.lossAndGradient(e, theta, xs, ws);
        assertThat(b).isCloseTo(a, within(1e-5f));
        assertThat(e.params().get(0).grad().toArray()).containsExactly(gradA, within(1e-6f));
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> AtomicLoss.of(1, NORMAL)).hasMessageContaining("got 1");
        assertThatThrownBy(() -> AtomicLoss.of(10, null)).hasMessageContaining("log-density");
    }
}
