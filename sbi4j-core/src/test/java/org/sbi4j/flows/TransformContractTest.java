package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/** Contract tests run on every transform of {@link TransformCases#all()}. */
class TransformContractTest {

    static List<TransformCases.Case> cases() {
        return TransformCases.all();
    }

    private static final int N = 6;

    private static Matrix random(int rows, int cols, double scale, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return m;
    }

    private static Matrix contextOrNull(TransformCases.Case c, UniformRandomProvider rng) {
        return c.context() == 0 ? null : random(N, c.context(), 1.0, rng);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inverseUndoesForward(TransformCases.Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        ConditionalTransform t = c.build(2);
        Matrix theta = random(N, c.features(), 2.5, rng);
        Matrix ctx = contextOrNull(c, rng);
        ConditionalTransform.Workspace ws = t.workspace(N);
        float[] ld = new float[N];
        Matrix z = t.forward(theta, ctx, ld, ws).copy();
        float[] ldInv = new float[N];
        Matrix back = t.inverse(z, ctx, ldInv, ws);
        for (int i = 0; i < theta.size(); i++) {
            float v = theta.data()[i];
            assertThat(back.data()[back.offset() + i]).isCloseTo(v,
                    within(1e-4f * Math.max(1f, Math.abs(v))));
        }
        for (int i = 0; i < N; i++) {
            assertThat(ldInv[i]).as("inverse log|det| of row %d", i).isCloseTo(ld[i],
                    within(1e-3f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logAbsDetMatchesNumericalJacobian(TransformCases.Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        ConditionalTransform t = c.build(4);
        int d = c.features();
        Matrix theta = random(N, d, 2.0, rng);
        Matrix ctx = contextOrNull(c, rng);
        ConditionalTransform.Workspace ws = t.workspace(N);
        float[] ld = new float[N];
        t.forward(theta, ctx, ld, ws);
        float[] ldRow = new float[N];
        Matrix out = Matrix.of(N, d);
        for (int i = 0; i < N; i++) {
            double[][] jac = FiniteDifferences.jacobian(
                    () -> out.copyFrom(t.forward(theta, ctx, ldRow, ws)),
                    theta.data(), theta.rowOffset(i), d, out.data(), out.rowOffset(i), d);
            double det = new LUDecomposition(new Array2DRowRealMatrix(jac)).getDeterminant();
            // central differences with h = 1e-2 in float32: about 1e-3 relative per entry
            assertThat(ld[i]).as("row %d", i).isCloseTo((float) Math.log(Math.abs(det)),
                    within(2e-2f));
            if (c.triangular()) {
                for (int r = 0; r < d; r++) {
                    for (int col = r + 1; col < d; col++) {
                        assertThat(jac[r][col]).as("dz_%d/dθ_%d", r, col).isZero();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(TransformCases.Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        ConditionalTransform t = c.build(6);
        int d = c.features();
        Matrix theta = random(N, d, 2.0, rng);
        Matrix ctx = contextOrNull(c, rng);
        Matrix wz = random(N, d, 1.0, rng);
        float[] wl = random(1, N, 1.0, rng).data();
        ConditionalTransform.Workspace ws = t.workspace(N);
        float[] ld = new float[N];
        // L = Σ wz ⊙ z + Σ wl ⊙ logAbsDet
        java.util.function.DoubleSupplier loss = () -> {
            Arrays.fill(ld, 0f);
            Matrix z = t.forward(theta, ctx, ld, ws);
            double l = 0;
            for (int i = 0; i < N; i++) {
                l += wl[i] * (double) ld[i];
                for (int j = 0; j < d; j++) {
                    l += wz.get(i, j) * (double) z.get(i, j);
                }
            }
            return l;
        };
        t.params().forEach(Param::zeroGrad);
        loss.getAsDouble();
        Matrix gCtx = ctx == null ? null : Matrix.of(N, c.context());
        Matrix gTheta = t.backward(wz, wl, gCtx, ws).copy();
        // float32 networks: a 1e-2 relative error bound on well-scaled inputs (see FiniteDifferences)
        check("theta", gTheta, FiniteDifferences.gradient(loss, theta.data(), 0, theta.size(),
                1e-3f));
        if (gCtx != null) {
            check("context", gCtx, FiniteDifferences.gradient(loss, ctx.data(), 0, ctx.size(),
                    1e-3f));
        }
        // Flows.nsf gates its residual blocks and scales the spline logits by 1/√H (as nflows):
        // the inner-layer gradients are ~1e-3, so float32 rounding needs the larger step
        float step = c.name().startsWith("Flows.nsf") ? 1e-2f : 1e-3f;
        for (Param p : t.params()) {
            check(p.name(), p.grad(), FiniteDifferences.gradient(loss, p.value().data(),
                    p.value().offset(), p.size(), step));
        }
    }

    private static void check(String what, Matrix analytic, double[] numeric) {
        double[] a = FiniteDifferences.toDouble(analytic.data(), analytic.offset(),
                analytic.size());
        assertThat(FiniteDifferences.relativeError(a, numeric, 1e-2)).as(what).isLessThan(1e-2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void farTailsGiveFiniteValues(TransformCases.Case c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        ConditionalTransform t = c.build(8);
        Matrix theta = random(N, c.features(), 1e3, rng);
        Matrix ctx = contextOrNull(c, rng);
        ConditionalTransform.Workspace ws = t.workspace(N);
        float[] ld = new float[N];
        Matrix z = t.forward(theta, ctx, ld, ws).copy();
        Matrix back = t.inverse(z, ctx, null, ws);
        for (int i = 0; i < theta.size(); i++) {
            assertThat(Float.isFinite(z.data()[i])).isTrue();
            assertThat(back.data()[back.offset() + i]).isCloseTo(theta.data()[i],
                    within(1e-3f * Math.max(1f, Math.abs(theta.data()[i]))));
        }
        for (float v : ld) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }
}
