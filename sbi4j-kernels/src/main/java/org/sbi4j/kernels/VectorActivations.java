package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API activations and their derivatives (definitions: {@link Activation} and
 * {@link ScalarMath}); the transcendental parts come from {@link VectorMath}. The tail shorter
 * than a vector is handled with masks.
 */
final class VectorActivations {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);
    private static final float GELU_A = 0.044715f;

    private VectorActivations() {
    }

    static void activate(Activation f, int n, float[] x, int xOff, float[] y, int yOff) {
        if (f == Activation.IDENTITY) {
            if (x != y || xOff != yOff) {
                System.arraycopy(x, xOff, y, yOff, n);
            }
            return;
        }
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            apply(f, FloatVector.fromArray(S, x, xOff + i, mk)).intoArray(y, yOff + i, mk);
        }
    }

    static void backward(Activation f, int n, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        if (f == Activation.IDENTITY) {
            if (dy != dx || dyOff != dxOff) {
                System.arraycopy(dy, dyOff, dx, dxOff, n);
            }
            return;
        }
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i, mk);
            FloatVector yv = FloatVector.fromArray(S, y, yOff + i, mk);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, mk);
            g.mul(derivative(f, xv, yv)).intoArray(dx, dxOff + i, mk);
        }
    }

    /** f(x) lane-wise. */
    static FloatVector apply(Activation f, FloatVector x) {
        FloatVector zero = FloatVector.zero(S);
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> zero.blend(x, x.compare(VectorOperators.GT, 0f));
            case TANH -> VectorMath.tanh(x);
            case ELU -> VectorMath.expm1(x).blend(x, x.compare(VectorOperators.GT, 0f));
            case SILU -> x.mul(VectorMath.sigmoid(x));
            case GELU -> x.mul(0.5f).mul(VectorMath.tanh(geluArg(x)).add(1f));
            case SIGMOID -> VectorMath.sigmoid(x);
        };
    }

    /** f'(x) lane-wise, given y = f(x). */
    static FloatVector derivative(Activation f, FloatVector x, FloatVector y) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return switch (f) {
            case IDENTITY -> one;
            case RELU -> FloatVector.zero(S).blend(one, x.compare(VectorOperators.GT, 0f));
            case TANH -> one.sub(y.mul(y));
            case ELU -> y.add(1f).blend(one, x.compare(VectorOperators.GT, 0f));
            case SILU -> {
                FloatVector s = VectorMath.sigmoid(x);
                yield s.mul(x.mul(one.sub(s)).add(1f));
            }
            case GELU -> {
                FloatVector t = VectorMath.tanh(geluArg(x));
                FloatVector du = x.mul(x).mul(3f * GELU_A).add(1f).mul(GELU_C);
                FloatVector left = t.add(1f).mul(0.5f);
                yield x.mul(0.5f).mul(one.sub(t.mul(t))).mul(du).add(left);
            }
            case SIGMOID -> y.mul(one.sub(y));
        };
    }

    /** √(2/π)·(x + 0.044715·x³). */
    private static FloatVector geluArg(FloatVector x) {
        return x.mul(GELU_A).mul(x).mul(x).add(x).mul(GELU_C);
    }
}
