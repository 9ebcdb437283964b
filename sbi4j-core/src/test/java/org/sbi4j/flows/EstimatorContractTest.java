package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/** Contract tests run on every conditional density estimator. */
class EstimatorContractTest {

    record Case(String name, int features, int context,
                Function<UniformRandomProvider, ConditionalDensityEstimator> make) {

        ConditionalDensityEstimator build(long seed) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            ConditionalDensityEstimator e = make.apply(rng);
            TransformCases.randomise(e.params(), rng, 0.5);
            return e;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return EstimatorCases.all();
    }

    private static Matrix random(int rows, int cols, double scale, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossGradientMatchesCentralDifferences(Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21);
        ConditionalDensityEstimator e = c.build(22);
        int n = 5;
        Matrix theta = random(n, c.features(), 1.5, rng);
        Matrix ctx = random(n, c.context(), 1.0, rng);
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        e.params().forEach(Param::zeroGrad);
        Matrix gCtx = Matrix.of(n, c.context());
        float loss = e.lossAndGradient(theta, ctx, gCtx, ws);
        float[] lp = new float[n];
        java.util.function.DoubleSupplier nll = () -> {
            e.logProb(theta, ctx, lp, ws);
            double s = 0;
            for (float v : lp) {
                s -= v;
            }
            return s / n;
        };
        assertThat(loss).isCloseTo((float) nll.getAsDouble(), within(1e-4f * Math.abs(loss)));
        // float32 central differences on well-scaled inputs: bound 1e-2 relative. Step 3e-3: the
        // spline softmax is float32 (noise ~1e-7·|L|/h in a difference), the rest O(h²)
        check("context", gCtx, FiniteDifferences.gradient(nll, ctx.data(), 0, ctx.size(), 3e-3f));
        for (Param p : e.params()) {
            check(p.name(), p.grad(), FiniteDifferences.gradient(nll, p.value().data(),
                    p.value().offset(), p.size(), 3e-3f));
        }
    }

    /**
     * The weighted loss −Σ w_i log q_i is linear in the rows: its gradient is Σ w_i times the
     * gradient of row i alone (signed weights, as balanced NPE uses); w_i = 1/n gives
     * {@link ConditionalDensityEstimator#lossAndGradient}. Tolerances: float sums in another order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightedLossIsLinearInTheRows(Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23);
        ConditionalDensityEstimator e = c.build(24);
        int n = 4;
        Matrix theta = random(n, c.features(), 1.5, rng);
        Matrix ctx = random(n, c.context(), 1.0, rng);
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        List<Param> params = e.params();
        float[] w = {0.7f, -0.25f, 0.4f, 1.5f};
        Params.zeroGrad(params);
        float loss = e.weightedLossAndGradient(theta, ctx, w, null, ws);
        float[] weighted = new float[Params.count(params)];
        Params.copyGrads(params, weighted);
        double[] expected = new double[weighted.length];
        float[] row = new float[weighted.length];
        double expectedLoss = 0;
        for (int i = 0; i < n; i++) {
            Params.zeroGrad(params);
            expectedLoss += w[i] * e.lossAndGradient(theta.rowView(i, 1), ctx.rowView(i, 1), null,
                    ws);
            Params.copyGrads(params, row);
            for (int t = 0; t < row.length; t++) {
                expected[t] += w[i] * (double) row[t];
            }
        }
        assertThat((double) loss).isCloseTo(expectedLoss, within(1e-5 * (1 + Math.abs(expectedLoss))));
        for (int t = 0; t < weighted.length; t++) {
            assertThat((double) weighted[t]).as("gradient %d", t)
                    .isCloseTo(expected[t], within(1e-5 * (1 + Math.abs(expected[t]))));
        }
        float[] mean = new float[n];
        java.util.Arrays.fill(mean, 1f / n);
        Params.zeroGrad(params);
        float l1 = e.weightedLossAndGradient(theta, ctx, mean, null, ws);
        Params.copyGrads(params, weighted);
        Params.zeroGrad(params);
        float l2 = e.lossAndGradient(theta, ctx, null, ws);
        Params.copyGrads(params, row);
        assertThat(l1).isCloseTo(l2, within(1e-6f * (1 + Math.abs(l2))));
        for (int t = 0; t < row.length; t++) { // the same up to how 1/n is rounded
            assertThat((double) weighted[t]).isCloseTo(row[t], within(1e-6 * (1 + Math.abs(row[t]))));
        }
        assertThatThrownBy(() -> e.weightedLossAndGradient(theta, ctx, new float[n - 1], null, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    }

    private static void check(String what, Matrix analytic, double[] numeric) {
        double[] a = FiniteDifferences.toDouble(analytic.data(), analytic.offset(),
                analytic.size());
        assertThat(FiniteDifferences.relativeError(a, numeric, 1e-2)).as(what).isLessThan(1e-2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampleLogProbAgreesWithLogProb(Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23);
        ConditionalDensityEstimator e = c.build(24);
        Matrix ctx = random(3, c.context(), 1.0, rng);
        ConditionalDensityEstimator.Workspace ws = e.workspace(16);
        ConditionalDensityEstimator.Samples s = e.sampleAndLogProb(10, ctx, rng, ws);
        assertThat(s.theta().rows()).isEqualTo(30);
        Matrix rowsCtx = Matrix.of(30, c.context());
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < c.context(); j++) {
                rowsCtx.set(i, j, ctx.get(i / 10, j));
            }
        }
        float[] lp = new float[30];
        ConditionalDensityEstimator.Workspace big = e.workspace(30);
        e.logProb(s.theta(), rowsCtx, lp, big);
        for (int i = 0; i < 30; i++) {
            assertThat(s.logProb()[i]).as("draw %d", i).isCloseTo(lp[i], within(2e-3f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void densityIntegratesToOne(Case c) {
        if (c.features() > 2) {
            return;
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(25);
        ConditionalDensityEstimator e = c.build(26);
        float[] x = random(1, c.context(), 1.0, rng).data();
        // midpoint rule on [−R, R]^D with R = 1.5·max|θ| over 2000 draws, so the mass outside
        // is far below 1e-3; with ≥ 400 points per axis the discretisation error of these
        // smooth densities is below 1e-3 too, well inside the 1e-2 tolerance
        Matrix draws = e.sample(2000, Matrix.wrap(x.clone(), 1, c.context()), rng,
                e.workspace(500));
        double r = 0;
        for (int i = 0; i < draws.size(); i++) {
            r = Math.max(r, 1.5 * Math.abs(draws.data()[i]));
        }
        int per = c.features() == 1 ? 4000 : 400;
        double h = 2 * r / per;
        int total = c.features() == 1 ? per : per * per;
        Matrix theta = Matrix.of(total, c.features());
        for (int i = 0; i < total; i++) {
            theta.set(i, 0, (float) (-r + h * (i % per + 0.5)));
            if (c.features() == 2) {
                theta.set(i, 1, (float) (-r + h * (i / per + 0.5)));
            }
        }
        Matrix ctx = Matrix.of(total, c.context());
        for (int i = 0; i < total; i++) {
            System.arraycopy(x, 0, ctx.data(), i * c.context(), c.context());
        }
        float[] lp = new float[total];
        e.logProb(theta, ctx, lp, e.workspace(total));
        double mass = 0;
        for (float v : lp) {
            mass += Math.exp(v);
        }
        mass *= Math.pow(h, c.features());
        assertThat(mass).isCloseTo(1.0, within(1e-2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void farTailsGiveFiniteLogProb(Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(27);
        ConditionalDensityEstimator e = c.build(28);
        int n = 12;
        Matrix theta = Matrix.of(n, c.features());
        for (int i = 0; i < theta.size(); i++) {
            // magnitudes 1e1 .. 1e3 with both signs
            theta.data()[i] = (float) ((i % 2 == 0 ? 1 : -1) * Math.pow(10, 1 + 2 * rng.nextDouble()));
        }
        Matrix ctx = random(n, c.context(), 1.0, rng);
        float[] lp = new float[n];
        e.logProb(theta, ctx, lp, e.workspace(n));
        for (int i = 0; i < n; i++) {
            assertThat(Float.isFinite(lp[i])).as("log q of row %d = %s", i, lp[i]).isTrue();
        }
    }
}
