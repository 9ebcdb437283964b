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

/** The balanced NPE loss: its value from the definition, its gradient from central differences. */
class BalancedLossTest {

    /** log N(θ; 0, I): a prior whose density varies, so log p enters the classifier. */
    static final BalancedLoss.LogPrior NORMAL = (theta, out) -> {
        for (int i = 0; i < theta.rows(); i++) {
            double s = 0;
            for (int j = 0; j < theta.cols(); j++) {
                s += theta.get(i, j) * theta.get(i, j);
            }
            out[i] = -0.5 * s - 0.5 * theta.cols() * Math.log(2 * Math.PI);
        }
    };

    /** The loss written out from its definition, independently of BalancedLoss. */
    private static double reference(ConditionalDensityEstimator e, Matrix theta, Matrix x,
                                    double lambda) {
        int n = theta.rows();
        float[] lq = new float[n];
        double[] lp = new double[n];
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        e.logProb(theta, x, lq, ws);
        NORMAL.logProb(theta, lp);
        double nll = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            nll -= lq[i] / (double) n;
            s += 1 / (1 + Math.exp(-(lq[i] - lp[i]))) / n;
        }
        Matrix shifted = Matrix.of(n, theta.cols());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < theta.cols(); j++) {
                shifted.set(i, j, theta.get((i + n - 1) % n, j));
            }
        }
        e.logProb(shifted, x, lq, ws);
        NORMAL.logProb(shifted, lp);
        for (int i = 0; i < n; i++) {
            s += 1 / (1 + Math.exp(-(lq[i] - lp[i]))) / n;
        }
        return nll + lambda * (s - 1) * (s - 1);
    }

    @Test
    void lossAndGradientMatchTheDefinitionAndCentralDifferences() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        // an MDN: double-precision mixture terms keep the differences of a float32 net clean
        ConditionalDensityEstimator e = Flows.mdn(2, 2, MdnSettings.defaults().withComponents(2)
                .withHiddenFeatures(6).withActivation(Activation.TANH), rng);
        Matrix theta = TestMatrices.gaussian(6, 2, 6);
        Matrix x = TestMatrices.gaussian(6, 2, 7);
        double lambda = 3;
        BalancedLoss loss = BalancedLoss.of(lambda, NORMAL);
        ConditionalDensityEstimator.Workspace ws =
                e.workspace(loss.workspaceRows(theta.rows()));
        Params.zeroGrad(e.params());
        float value = loss.lossAndGradient(e, theta, x, ws);
        double expected = reference(e, theta, x, lambda);
        assertThat((double) value).isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
        assertThat(Math.abs(expected - reference(e, theta, x, 0))).as("the penalty matters")
                .isGreaterThan(1e-3);
        for (Param p : e.params()) {
            double[] numeric = FiniteDifferences.gradient(() -> reference(e, theta, x, lambda),
                    p.value().data(), p.value().offset(), p.size(), 3e-3f);
            double[] analytic = FiniteDifferences.toDouble(p.grad().data(), p.grad().offset(),
                    p.size());
            // float32 central differences, well-scaled inputs: 1e-2 relative as the contract tests
            assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-2)).as(p.name())
                    .isLessThan(1e-2);
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> BalancedLoss.of(0, NORMAL)).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> BalancedLoss.of(Double.NaN, NORMAL))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> BalancedLoss.of(1, null)).hasMessageContaining("log-density");
    }
}
