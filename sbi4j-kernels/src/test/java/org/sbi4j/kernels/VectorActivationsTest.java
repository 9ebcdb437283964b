package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vector activations against double-precision formulas and against the scalar kernels.
 *
 * <p>Tolerances. Forward: |Δ| ≤ 4 ulp of the result (the exp/tanh polynomials are accurate to
 * about 1–3 ulp; sigmoid and SiLU add a division and a product), plus 2e-7·(1 + |x|) for GELU,
 * whose 1 + tanh(u) cancels for x &lt; 0 in any float evaluation (the scalar kernel as well),
 * plus (1 + |x|)·Float.MIN_VALUE because SiLU = x·σ(x) multiplies a subnormal σ for x ≈ −100.
 * Backward: |Δ| ≤ 2e-7·(1 + |x|)·|dy|: derivatives computed from the float output y (1 − y²,
 * y(1 − y), y + 1) lose y's rounding to cancellation, an absolute error of about ε.
 */
class VectorActivationsTest {

    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = VectorKernels.create(1);
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    /** A grid over [−30, 30], tiny values, and extremes; an odd length so a tail is masked. */
    private static float[] inputs() {
        int grid = 6001;
        float[] x = new float[grid + 10];
        for (int i = 0; i < grid; i++) {
            x[i] = (float) (-30 + 60.0 * i / (grid - 1));
        }
        float[] extra = {1e-7f, -1e-7f, 3e-4f, -3e-4f, 0.4999f, -0.5001f, 88f, -88f, 100f, -100f};
        System.arraycopy(extra, 0, x, grid, extra.length);
        return x;
    }

    static double f(Activation a, double x) {
        return switch (a) {
            case IDENTITY -> x;
            case RELU -> Math.max(0, x);
            case TANH -> Math.tanh(x);
            case ELU -> x > 0 ? x : Math.expm1(x);
            case SILU -> x / (1 + Math.exp(-x));
            case GELU -> 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x)));
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        };
    }

    static double df(Activation a, double x) {
        return switch (a) {
            case IDENTITY -> 1;
            case RELU -> x > 0 ? 1 : 0;
            case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
            case ELU -> x > 0 ? 1 : Math.exp(x);
            case SILU -> {
                double s = 1 / (1 + Math.exp(-x));
                yield s * (1 + x * (1 - s));
            }
            case GELU -> {
                double t = Math.tanh(GELU_C * (x + 0.044715 * x * x * x));
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
            }
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-x));
                yield s * (1 - s);
            }
            case SOFTPLUS -> 1 / (1 + Math.exp(-x));
        };
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesDoubleFormula(Activation a) {
        float[] x = inputs();
        int off = 3;
        float[] y = new float[x.length + off];
        VECTOR.activate(a, x.length, x, 0, y, off);
        for (int i = 0; i < x.length; i++) {
            double ref = f(a, x[i]);
            double tol = 4 * Math.ulp((float) ref) + (a == Activation.GELU ? 2e-7 * (1 + Math.abs(x[i])) : 0)
                    + (1 + Math.abs(x[i])) * Float.MIN_VALUE;
            assertThat((double) y[off + i]).as("%s(%s)", a, x[i]).isCloseTo(ref, within(tol));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesDoubleFormula(Activation a) {
        float[] x = inputs();
        float[] y = new float[x.length];
        float[] dy = TestArrays.uniform(x.length, 7);
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) f(a, x[i]);
        }
        float[] dx = new float[x.length];
        VECTOR.activateBackward(a, x.length, x, 0, y, 0, dy, 0, dx, 0);
        for (int i = 0; i < x.length; i++) {
            double ref = dy[i] * df(a, x[i]);
            double tol = 2e-7 * (1 + Math.abs(x[i])) * Math.abs(dy[i]) + 1e-30;
            assertThat((double) dx[i]).as("%s'(%s)", a, x[i]).isCloseTo(ref, within(tol));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void agreesWithScalarOnShortLengthsInPlaceAndSpecialValues(Activation a) {
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f};
        for (int n : new int[] {0, 1, 3, 15, 16, 17, 31, 33}) {
            float[] x = TestArrays.uniform(n + 2, n);
            for (int i = 0; i < n; i++) {
                x[1 + i] *= 6f;
            }
            for (int i = 0; i < Math.min(n, special.length); i++) {
                x[1 + i] = special[i];
            }
            float[] ys = new float[n + 2];
            float[] yv = new float[n + 2];
            SCALAR.activate(a, n, x, 1, ys, 1);
            float[] inPlace = x.clone();
            VECTOR.activate(a, n, inPlace, 1, inPlace, 1);
            VECTOR.activate(a, n, x, 1, yv, 1);
            assertThat(inPlace).containsExactly(padded(yv, x));
            float[] dy = TestArrays.uniform(n + 2, 100 + n);
            float[] dxs = dy.clone();
            float[] dxv = dy.clone();
            SCALAR.activateBackward(a, n, x, 1, ys, 1, dxs, 1, dxs, 1);
            VECTOR.activateBackward(a, n, x, 1, ys, 1, dxv, 1, dxv, 1);
            for (int i = 0; i < n + 2; i++) {
                assertClose(a + " n=" + n + " forward", yv[i], ys[i]);
                assertClose(a + " n=" + n + " backward", dxv[i], dxs[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "ELU"})
    void sameBitsBeforeAndAfterTheJitCompilesTheLoop(Activation a) {
        // Only exactly rounded operations, so the interpreter and C2 must agree to the last bit.
        // 1600 elements × 400 calls: C2 compiles the loop after about 200 calls (PrintCompilation).
        // TANH covers exp and the tanh polynomial, ELU expm1; the other activations combine these.
        Kernels fresh = VectorKernels.create(1);
        float[] x = TestArrays.uniform(1600, 21);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 8f;
        }
        float[] first = new float[x.length];
        fresh.activate(a, x.length, x, 0, first, 0);
        float[] y = new float[x.length];
        for (int r = 0; r < 400; r++) {
            fresh.activate(a, x.length, x, 0, y, 0);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, y, a.name());
    }

    /** yv inside [1, n+1), x outside (the in-place result keeps x's untouched ends). */
    private static float[] padded(float[] yv, float[] x) {
        float[] r = yv.clone();
        r[0] = x[0];
        r[r.length - 1] = x[x.length - 1];
        return r;
    }

    private static void assertClose(String what, float v, float s) {
        if (Float.isNaN(s)) {
            assertThat(v).as(what).isNaN();
        } else if (Float.isInfinite(s)) {
            assertThat(v).as(what).isEqualTo(s);
        } else {
            assertThat(v).as(what).isCloseTo(s, within(4 * Math.ulp(s) + 1e-6f));
        }
    }
}
