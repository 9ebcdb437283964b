package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.FiniteDifferences;

class ElementwiseBijectionTest {

    static Stream<ElementwiseBijection> bijections() {
        return Stream.of(AffineBijection.standard(), RationalQuadraticSpline.of(8, 3f),
                RationalQuadraticSpline.of(1, 2f), RationalQuadraticSpline.of(10, 3f),
                RationalQuadraticSpline.of(6, 2.5f).withLogitScale(0.3f));
    }

    /** n elements with θ spread over [−4, 4] (so some fall in the spline tails). */
    private static final int N = 40;

    private record Data(float[] theta, float[] p, float[] z, float[] ld, float[] wz, float[] wl) {
    }

    private static Data data(ElementwiseBijection f, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int np = f.paramsPerDim();
        float[] theta = new float[N];
        float[] p = new float[N * np];
        float[] wz = new float[N];
        float[] wl = new float[N];
        for (int i = 0; i < N; i++) {
            theta[i] = (float) (8 * rng.nextDouble() - 4);
            wz[i] = (float) (2 * rng.nextDouble() - 1);
            wl[i] = (float) (2 * rng.nextDouble() - 1);
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = (float) (2 * rng.nextDouble() - 1);
        }
        if (f instanceof RationalQuadraticSpline rqs) {
            // log f' has a kink at every knot; keep θ 5% of a bin away from knots (and tails
            // 0.1 away from ±B) so central differences measure the one-sided derivative
            for (int i = 0; i < N; i++) {
                double u = rng.nextDouble();
                if (i % 5 == 0) {
                    theta[i] = (float) ((i % 2 == 0 ? 1 : -1) * (rqs.bound() + 0.1 + u));
                } else {
                    double[] x = rqs.xKnots(p, i * np);
                    int k = rng.nextInt(rqs.bins());
                    theta[i] = (float) (x[k] + (0.05 + 0.9 * u) * (x[k + 1] - x[k]));
                }
            }
        }
        return new Data(theta, p, new float[N], new float[N], wz, wl);
    }

    /** The scalar loss Σ wz_i z_i + wl_i log f'(θ_i), evaluated afresh. */
    private static double loss(ElementwiseBijection f, Data d, double[] scratch) {
        java.util.Arrays.fill(d.ld, 0f);
        f.forward(N, d.theta, 0, 1, d.p, 0, f.paramsPerDim(), d.z, 0, 1, d.ld, 0, scratch);
        double l = 0;
        for (int i = 0; i < N; i++) {
            l += d.wz[i] * (double) d.z[i] + d.wl[i] * (double) d.ld[i];
        }
        return l;
    }

    @ParameterizedTest
    @MethodSource("bijections")
    void gradientsMatchCentralDifferences(ElementwiseBijection f) {
        Data d = data(f, 11);
        double[] scratch = new double[f.scratchSize()];
        float[] gTheta = new float[N];
        float[] gp = new float[d.p.length];
        f.backward(N, d.theta, 0, 1, d.p, 0, f.paramsPerDim(), d.wz, 0, 1, d.wl, 0,
                gTheta, 0, 1, gp, 0, f.paramsPerDim(), scratch);
        // the bijections compute in double and round once, so a step of 1e-3 keeps rounding
        // error near 1e-4 relative while making the truncation error of the strongly curved
        // log-derivative (and the chance of stepping across a spline knot) small
        double[] numTheta = FiniteDifferences.gradient(() -> loss(f, d, scratch), d.theta, 0, N,
                1e-3f);
        double[] numP = FiniteDifferences.gradient(() -> loss(f, d, scratch), d.p, 0, d.p.length,
                1e-3f);
        assertThat(FiniteDifferences.relativeError(FiniteDifferences.toDouble(gTheta, 0, N),
                numTheta, 1e-3)).isLessThan(1e-2);
        assertThat(FiniteDifferences.relativeError(FiniteDifferences.toDouble(gp, 0, gp.length),
                numP, 1e-3)).isLessThan(1e-2);
    }

    @ParameterizedTest
    @MethodSource("bijections")
    void inverseUndoesForwardAndReportsTheSameLogDerivative(ElementwiseBijection f) {
        Data d = data(f, 12);
        double[] scratch = new double[f.scratchSize()];
        f.forward(N, d.theta, 0, 1, d.p, 0, f.paramsPerDim(), d.z, 0, 1, d.ld, 0, scratch);
        float[] back = new float[N];
        float[] ldInv = new float[N];
        f.inverse(N, d.z, 0, 1, d.p, 0, f.paramsPerDim(), back, 0, 1, ldInv, 0, scratch);
        for (int i = 0; i < N; i++) {
            assertThat(back[i]).isCloseTo(d.theta[i], org.assertj.core.api.Assertions.within(
                    1e-4f * Math.max(1f, Math.abs(d.theta[i]))));
            assertThat(ldInv[i]).isCloseTo(d.ld[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    @ParameterizedTest
    @MethodSource("bijections")
    void farTailsStayFinite(ElementwiseBijection f) {
        Data d = data(f, 13);
        for (int i = 0; i < N; i++) {
            d.theta[i] = (i % 2 == 0 ? 1 : -1) * (float) Math.pow(10, 3.0 * i / N);
        }
        double[] scratch = new double[f.scratchSize()];
        f.forward(N, d.theta, 0, 1, d.p, 0, f.paramsPerDim(), d.z, 0, 1, d.ld, 0, scratch);
        float[] back = new float[N];
        f.inverse(N, d.z, 0, 1, d.p, 0, f.paramsPerDim(), back, 0, 1, null, 0, scratch);
        for (int i = 0; i < N; i++) {
            assertThat(Float.isFinite(d.z[i]) && Float.isFinite(d.ld[i])).isTrue();
            assertThat(back[i]).isCloseTo(d.theta[i], org.assertj.core.api.Assertions.within(
                    1e-4f * Math.max(1f, Math.abs(d.theta[i]))));
        }
    }

    @Test
    void splineIsIdentityInTheTailsWithZeroParameterGradient() {
        RationalQuadraticSpline f = RationalQuadraticSpline.of(5, 2f);
        float[] theta = {-2.5f, 7f};
        float[] p = new float[2 * f.paramsPerDim()];
        for (int j = 0; j < p.length; j++) {
            p[j] = (float) Math.sin(j);
        }
        float[] z = new float[2];
        float[] ld = new float[2];
        double[] s = new double[f.scratchSize()];
        f.forward(2, theta, 0, 1, p, 0, f.paramsPerDim(), z, 0, 1, ld, 0, s);
        assertThat(z).containsExactly(-2.5f, 7f);
        assertThat(ld).containsExactly(0f, 0f);
        float[] gp = new float[p.length];
        java.util.Arrays.fill(gp, 9f);
        float[] gt = new float[2];
        f.backward(2, theta, 0, 1, p, 0, f.paramsPerDim(), new float[] {1f, 2f}, 0, 1,
                new float[] {1f, 1f}, 0, gt, 0, 1, gp, 0, f.paramsPerDim(), s);
        assertThat(gt).containsExactly(1f, 2f);
        assertThat(gp).containsOnly(0f);
    }

    @Test
    void splineMapsTheBoundsToThemselvesWithSlopeOne() {
        RationalQuadraticSpline f = RationalQuadraticSpline.of(6, 3f);
        float[] theta = {-3f, 3f};
        float[] p = new float[2 * f.paramsPerDim()];
        for (int j = 0; j < p.length; j++) {
            p[j] = (float) Math.cos(3 * j);
        }
        float[] z = new float[2];
        float[] ld = new float[2];
        f.forward(2, theta, 0, 1, p, 0, f.paramsPerDim(), z, 0, 1, ld, 0,
                new double[f.scratchSize()]);
        assertThat(z[0]).isCloseTo(-3f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(z[1]).isCloseTo(3f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(ld[0]).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(ld[1]).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RationalQuadraticSpline.of(0, 3f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> RationalQuadraticSpline.of(4, -1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new RationalQuadraticSpline(10, 3f, 0.2f, 1e-3f, 1e-3f, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.2");
        assertThatThrownBy(() -> RationalQuadraticSpline.of(4, 3f).withLogitScale(0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logit");
        assertThatThrownBy(() -> AffineBijection.of(0f))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
