package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated kernels (math written out in the loops) give the same bits as the hand-written
 * vector functions they replaced ({@link VectorMathReference}) composed as the old loops did:
 * on a wide range of inputs, special values and tails, forward, backward, softmax and logSumExp.
 * NaNs are compared as NaN (their sign bit may differ between tiers).
 */
class GeneratedKernelsBitsTest {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final Kernels VECTOR = VectorKernels.create(1);
    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);
    private static final float GELU_A = 0.044715f;

    /** Values over the whole float range: grids, small, huge, random bit patterns, specials. */
    static float[] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 5) {
                case 0 -> (float) (-30 + 60 * r.nextDouble());
                case 1 -> (float) (-120 + 240 * r.nextDouble());
                case 2 -> (float) ((r.nextDouble() - 0.5) * 1e-3);
                case 3 -> Float.intBitsToFloat(r.nextInt());
                default -> (float) (-3 + 6 * r.nextDouble());
            };
        }
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            1e30f, -1e30f, 88.7f, -88.7f, 89.5f, -104.5f, -103.9f, 0.625f, -0.625f, 0.41421356f,
            Float.MIN_VALUE, -Float.MIN_VALUE, -20f, -20.5f};
        System.arraycopy(special, 0, x, 0, Math.min(n, special.length));
        return x;
    }

    static FloatVector forward(Activation a, FloatVector v) {
        return switch (a) {
            case IDENTITY -> v;
            case RELU -> FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f));
            case TANH -> VectorMathReference.tanh(v);
            case ELU -> VectorMathReference.expm1Neg(v).blend(v, v.compare(VectorOperators.GT, 0f));
            case SILU -> v.mul(VectorMathReference.sigmoid(v));
            case GELU -> v.mul(0.5f).mul(VectorMathReference.tanh(
                    v.mul(GELU_A).mul(v).mul(v).add(v).mul(GELU_C)).add(1f));
            case SIGMOID -> VectorMathReference.sigmoid(v);
            case SOFTPLUS -> v.max(0f).add(VectorMathReference.log1pUnit(
                    VectorMathReference.exp(v.abs().neg())));
        };
    }

    /** f'(x) as the old loops computed it (from x, or from y where they did), times dy. */
    static FloatVector backward(Activation a, FloatVector v, FloatVector y, FloatVector g) {
        return switch (a) {
            case IDENTITY -> g;
            case RELU -> FloatVector.zero(S).blend(g, v.compare(VectorOperators.GT, 0f));
            case TANH -> g.mul(y.mul(y).neg().add(1f));
            case ELU -> g.mul(y.add(1f)).blend(g, v.compare(VectorOperators.GT, 0f));
            case SILU -> {
                FloatVector s = VectorMathReference.sigmoid(v);
                yield g.mul(s.mul(v.mul(s.neg().add(1f)).add(1f)));
            }
            case GELU -> {
                FloatVector t = VectorMathReference.tanh(v.mul(GELU_A).mul(v).mul(v).add(v).mul(GELU_C));
                FloatVector du = v.mul(v).mul(3f * GELU_A).add(1f).mul(GELU_C);
                yield g.mul(v.mul(0.5f).mul(t.mul(t).neg().add(1f)).mul(du).add(t.add(1f).mul(0.5f)));
            }
            case SIGMOID -> g.mul(y.mul(y.neg().add(1f)));
            case SOFTPLUS -> g.mul(VectorMathReference.sigmoid(v));
        };
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsGiveTheReferenceBits(Activation a) {
        for (int n : new int[] {1, L - 1, L, 3 * L + 5, 4001}) {
            float[] x = inputs(n, n);
            float[] dy = inputs(n, 1000 + n);
            float[] y = new float[n];
            float[] dx = new float[n];
            VECTOR.activate(a, n, x, 0, y, 0);
            VECTOR.activateBackward(a, n, x, 0, y, 0, dy, 0, dx, 0);
            float[] yRef = lanewise(x, v -> forward(a, v));
            assertSameBits(a + " forward n=" + n, y, yRef);
            float[] xp = padded(x);
            float[] yp = padded(y);
            float[] gp = padded(dy);
            float[] dxRef = new float[xp.length];
            for (int i = 0; i < xp.length; i += L) {
                backward(a, FloatVector.fromArray(S, xp, i), FloatVector.fromArray(S, yp, i),
                        FloatVector.fromArray(S, gp, i)).intoArray(dxRef, i);
            }
            assertSameBits(a + " backward n=" + n, dx, dxRef);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 17})
    void softmaxRowsGivesTheReferenceBits(int n) {
        for (int m : new int[] {1, L - 1, L + 3, 100}) {
            float[] x = inputs(m * n + 2, 7L * m + n);
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.isFinite(x[i]) ? Math.max(-50f, Math.min(50f, x[i])) : 0.5f;
            }
            float alpha = 1.7f;
            float[] y = new float[m * n];
            VECTOR.softmaxRows(m, n, alpha, x, 2, n, y, 0);
            for (int i = 0; i < m; i++) {
                float mx = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    mx = Math.max(mx, x[2 + i * n + j] * alpha);
                }
                float[] e = new float[n];
                float sum = 0f;
                for (int j = 0; j < n; j++) {
                    e[j] = exp(x[2 + i * n + j] * alpha - mx);
                    sum += e[j];
                }
                for (int j = 0; j < n; j++) {
                    assertThat(y[j * m + i]).as("m=%d n=%d row %d value %d", m, n, i, j)
                            .isEqualTo(e[j] / sum);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 100, 1001})
    void logSumExpGivesTheReferenceBits(int n) {
        float[] x = inputs(n + 3, 50 + n);
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.isFinite(x[i]) ? Math.max(-80f, Math.min(80f, x[i])) : -1f;
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[3 + i]);
        }
        float[] lanes = new float[L]; // lane l sums the elements i ≡ l (mod L) in order
        for (int i = 0; i < n; i++) {
            lanes[i % L] += exp(x[3 + i] - m);
        }
        for (int d = L / 2; d >= 1; d /= 2) { // the fixed pairwise tree of VectorMath.HALVES
            float[] next = new float[L];
            for (int l = 0; l < L; l++) {
                next[l] = lanes[l] + lanes[l ^ d];
            }
            lanes = next;
        }
        assertThat(VECTOR.logSumExp(n, x, 3)).isEqualTo((float) (m + Math.log(lanes[0])));
    }

    private static float exp(float v) {
        return VectorMathReference.exp(FloatVector.broadcast(S, v)).lane(0);
    }

    /** f applied vector by vector to x padded with zeros to whole vectors, cut back to x's length. */
    private static float[] lanewise(float[] x, UnaryOperator<FloatVector> f) {
        float[] xp = padded(x);
        float[] out = new float[xp.length];
        for (int i = 0; i < xp.length; i += L) {
            f.apply(FloatVector.fromArray(S, xp, i)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }

    private static float[] padded(float[] x) {
        return java.util.Arrays.copyOf(x, (x.length + L - 1) / L * L);
    }

    private static void assertSameBits(String what, float[] actual, float[] expected) {
        for (int i = 0; i < actual.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s index %d (x bits differ: %s vs %s)",
                    what, i, actual[i], expected[i]).isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
