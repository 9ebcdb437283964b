package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/** The flow-matching estimator's network, loss and divergences (issue 21). */
class FlowMatchingTest {

    private static final FmpeSettings SMALL = FmpeSettings.defaults().withHiddenFeatures(8)
            .withBlocks(2);

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static Matrix random(int rows, int cols, double scale, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return m;
    }

    /**
     * The flow-matching loss of one draw of (t, θ₀), its noise reseeded before every evaluation,
     * is a fixed smooth function of the weights and the context: its analytic gradient (through
     * the vector field's backward pass) matches float32 central differences of that same
     * one-draw loss to 1e-2 relative, as the other layers' checks (EstimatorContractTest). The
     * analytic gradients are copied before the probes, which add into the gradient buffers.
     */
    @Test
    void lossGradientOfTheVectorFieldMatchesCentralDifferences() {
        UniformRandomProvider r = rng(1);
        for (Activation f : new Activation[] {Activation.GELU, Activation.TANH}) {
            FlowMatching e = SMALL.withActivation(f).build(3, 2, rng(2));
            randomise(e.field(), r); // off the near-identity initial blocks
            int n = 6;
            Matrix theta = random(n, 3, 1.5, r);
            Matrix ctx = random(n, 2, 1.0, r);
            ConditionalDensityEstimator.Workspace ws = e.workspace(n);
            Params.zeroGrad(e.params());
            Matrix gCtx = Matrix.of(n, 2);
            e.seedLossNoise(7, ws);
            float loss = e.lossAndGradient(theta, ctx, gCtx, ws);
            double[] analyticCtx = FiniteDifferences.toDouble(gCtx.data(), gCtx.offset(),
                    gCtx.size());
            java.util.List<double[]> analytic = new java.util.ArrayList<>();
            for (Param p : e.params()) {
                analytic.add(FiniteDifferences.toDouble(p.grad().data(), p.grad().offset(),
                        p.size()));
            }
            DoubleSupplier value = () -> {
                e.seedLossNoise(7, ws);
                return e.lossAndGradient(theta, ctx, null, ws);
            };
            assertThat(value.getAsDouble()).as("reseeded loss").isEqualTo((double) loss);
            check(f + " context", analyticCtx, FiniteDifferences.gradient(value, ctx.data(), 0,
                    ctx.size(), 3e-3f));
            for (int k = 0; k < e.params().size(); k++) {
                Param p = e.params().get(k);
                check(f + " " + p.name(), analytic.get(k), FiniteDifferences.gradient(value,
                        p.value().data(), p.value().offset(), p.size(), 3e-3f));
            }
        }
    }

    /**
     * The validation loss is the training objective averaged over VALIDATION_DRAWS successive
     * draws of (t, θ₀) from the same seeded stream: row by row it equals the mean of that many
     * one-draw training losses (float32 sums: 1e-5 relative).
     */
    @Test
    void validationLossAveragesSuccessiveTrainingDraws() {
        UniformRandomProvider r = rng(8);
        FlowMatching e = SMALL.build(3, 2, rng(9));
        randomise(e.field(), r);
        int n = 6;
        Matrix theta = random(n, 3, 1.5, r);
        Matrix ctx = random(n, 2, 1.0, r);
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        e.seedLossNoise(11, ws);
        double mean = 0;
        for (int k = 0; k < FlowMatching.VALIDATION_DRAWS; k++) {
            mean += e.lossAndGradient(theta, ctx, null, ws);
        }
        mean /= FlowMatching.VALIDATION_DRAWS;
        e.seedLossNoise(11, ws);
        float[] out = new float[n];
        e.validationLoss(theta, ctx, out, ws);
        double s = 0;
        for (float v : out) {
            assertThat(v).isPositive();
            s += v;
        }
        assertThat(s / n).isCloseTo(mean, within(1e-5 * mean));
    }

    private static void check(String what, double[] a, double[] numeric) {
        assertThat(FiniteDifferences.relativeError(a, numeric, 1e-2)).as(what).isLessThan(1e-2);
    }

    /** The exact divergence is the trace of the central-difference Jacobian ∂v/∂θ (1e-2). */
    @Test
    void exactDivergenceIsTheTraceOfTheJacobian() {
        UniformRandomProvider r = rng(3);
        VectorField f = VectorField.of(3, 2, SMALL, rng(4));
        randomise(f, r);
        int n = 5;
        Matrix theta = random(n, 3, 1.5, r);
        Matrix ctx = random(n, 2, 1.0, r);
        VectorField.Ws ws = f.workspace(n);
        f.forward(theta, null, 0.37f, ctx, ws);
        float[] div = new float[n];
        f.exactDivergence(n, div, ws);
        for (int i = 0; i < n; i++) {
            double trace = 0;
            for (int j = 0; j < 3; j++) {
                int row = i;
                int col = j;
                double h = 1e-2;
                float keep = theta.get(row, col);
                theta.set(row, col, (float) (keep + h));
                double up = f.forward(theta, null, 0.37f, ctx, ws).get(row, col);
                theta.set(row, col, (float) (keep - h));
                double down = f.forward(theta, null, 0.37f, ctx, ws).get(row, col);
                theta.set(row, col, keep);
                trace += (up - down) / (2 * h);
            }
            assertThat((double) div[i]).as("row %d", i)
                    .isCloseTo(trace, within(1e-2 * (1 + Math.abs(trace))));
        }
    }

    /**
     * On a field linear in θ (identity activations: v = Aθ + b(t, x)) Hutchinson's εᵀAε with
     * ε ~ N(0, I) is unbiased for tr A = the exact divergence. Over N = 40,000 probes its mean
     * lies within 4.5 standard errors (√(2‖(A + Aᵀ)/2‖²_F / N), estimated) of the exact value:
     * a false failure with probability below 10⁻⁵ (normal tail; N is large).
     */
    @Test
    void hutchinsonDivergenceIsUnbiasedOnALinearField() {
        UniformRandomProvider r = rng(5);
        FmpeSettings linear = SMALL.withActivation(Activation.IDENTITY);
        VectorField f = VectorField.of(3, 2, linear, rng(6));
        randomise(f, r);
        int n = 40_000;
        Matrix theta = Matrix.of(n, 3);
        Matrix ctx = Matrix.of(n, 2);
        Matrix one = random(1, 3, 1.0, r);
        Matrix oneCtx = random(1, 2, 1.0, r);
        for (int i = 0; i < n; i++) {
            System.arraycopy(one.data(), 0, theta.data(), 3 * i, 3);
            System.arraycopy(oneCtx.data(), 0, ctx.data(), 2 * i, 2);
        }
        VectorField.Ws ws = f.workspace(n);
        f.forward(theta, null, 0.6f, ctx, ws);
        float[] exact = new float[n];
        f.exactDivergence(n, exact, ws);
        Matrix probes = Matrix.of(n, 3);
        StandardNormal.sample(probes, r);
        float[] est = new float[n];
        f.hutchinsonDivergence(probes, est, ws);
        double mean = 0;
        double sq = 0;
        for (float v : est) {
            mean += v;
            sq += (double) v * v;
        }
        mean /= n;
        double se = Math.sqrt((sq / n - mean * mean) / n);
        assertThat(se).isGreaterThan(0);
        assertThat(mean).isCloseTo(exact[0], within(4.5 * se));
        assertThat(exact[n - 1]).isEqualTo(exact[0]); // a linear field: one divergence everywhere
    }

    private static void randomise(VectorField f, UniformRandomProvider r) {
        for (Param p : f.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[p.value().offset() + i] += (float) (0.3 * (2 * r.nextDouble() - 1));
            }
        }
    }
}
