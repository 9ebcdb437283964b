package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/**
 * ∂ log q(θ | x) / ∂θ from {@link ConditionalDensityEstimator#logProbGradient} against float32
 * central differences of {@code logProb}, for every estimator of the contract tests that has a
 * θ gradient (the flows; the MDN answers false). Bound 1e-2 relative with a floor of 1e-2, as
 * the loss-gradient contract test (step 3e-3: float32 noise ~1e-7·|log q|/h, the rest O(h²)).
 */
class LogProbGradientTest {

    static java.util.List<EstimatorContractTest.Case> cases() {
        return EstimatorCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thetaGradientMatchesCentralDifferences(EstimatorContractTest.Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31);
        ConditionalDensityEstimator e = c.build(32);
        int n = 5;
        Matrix theta = Matrix.of(n, c.features());
        Matrix ctx = Matrix.of(n, c.context());
        for (int i = 0; i < theta.size(); i++) {
            theta.data()[i] = (float) (1.5 * (2 * rng.nextDouble() - 1));
        }
        for (int i = 0; i < ctx.size(); i++) {
            ctx.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        float[] lp = new float[n];
        Matrix grad = Matrix.of(n, c.features());
        boolean has = e.logProbGradient(theta, ctx, lp, grad, ws);
        assertThat(has).isEqualTo(!(e instanceof Mdn));
        if (!has) {
            return;
        }
        float[] ref = new float[n];
        e.logProb(theta, ctx, ref, ws);
        for (int i = 0; i < n; i++) {
            assertThat(lp[i]).isCloseTo(ref[i], within(1e-4f * Math.max(1f, Math.abs(ref[i]))));
        }
        // the rows are independent, so the gradient of Σ_i log q_i is row i's gradient in row i
        java.util.function.DoubleSupplier sum = () -> {
            e.logProb(theta, ctx, ref, ws);
            double s = 0;
            for (float v : ref) {
                s += v;
            }
            return s;
        };
        double[] numeric = FiniteDifferences.gradient(sum, theta.data(), 0, theta.size(), 3e-3f);
        double[] analytic = FiniteDifferences.toDouble(grad.data(), 0, grad.size());
        assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-2)).as(c.name())
                .isLessThan(1e-2);
    }
}
