package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API activations and their derivatives (definitions: {@link Activation} and
 * {@link ScalarMath}); the transcendental parts come from {@link VectorMath}. The tail shorter
 * than a vector is handled with masks.
 *
 * <p>One loop per activation, not one loop with a switch inside: the loop calls into
 * {@link VectorMath} must be inlined by C2 (else every vector is boxed on the heap), and a shared
 * loop would mix the call profiles of all activations and make each call look rare.
 */
final class VectorActivations {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);
    private static final float GELU_A = 0.044715f;

    private VectorActivations() {
    }

    /** Per-thread scratch for tails: x, y, dy, dx of one vector each. */
    private static final ThreadLocal<float[][]> TAIL = ThreadLocal.withInitial(
            () -> new float[][] {new float[L], new float[L], new float[L], new float[L]});

    /*
     * The loops below run unmasked over whole vectors: masked accesses are not intrinsified when
     * the full width passes the end of the array. The last n mod L elements go through a
     * one-vector scratch (zero-padded), so every element is computed by the same vector code.
     */

    static void activate(Activation f, int n, float[] x, int xOff, float[] y, int yOff) {
        int full = n - n % L;
        activateFull(f, full, x, xOff, y, yOff);
        int rest = n - full;
        if (rest > 0) {
            float[][] t = TAIL.get();
            java.util.Arrays.fill(t[0], 0f);
            System.arraycopy(x, xOff + full, t[0], 0, rest);
            activateFull(f, L, t[0], 0, t[1], 0);
            System.arraycopy(t[1], 0, y, yOff + full, rest);
        }
    }

    static void backward(Activation f, int n, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        int full = n - n % L;
        backwardFull(f, full, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
        int rest = n - full;
        if (rest > 0) {
            float[][] t = TAIL.get();
            for (float[] a : t) {
                java.util.Arrays.fill(a, 0f);
            }
            System.arraycopy(x, xOff + full, t[0], 0, rest);
            System.arraycopy(y, yOff + full, t[1], 0, rest);
            System.arraycopy(dy, dyOff + full, t[2], 0, rest);
            backwardFull(f, L, t[0], 0, t[1], 0, t[2], 0, t[3], 0);
            System.arraycopy(t[3], 0, dx, dxOff + full, rest);
        }
    }

    private static void activateFull(Activation f, int n, float[] x, int xOff, float[] y,
                                     int yOff) {
        switch (f) {
            case IDENTITY -> {
                if (x != y || xOff != yOff) {
                    System.arraycopy(x, xOff, y, yOff, n);
                }
            }
            case RELU -> relu(n, x, xOff, y, yOff);
            case TANH -> tanh(n, x, xOff, y, yOff);
            case ELU -> elu(n, x, xOff, y, yOff);
            case SILU -> silu(n, x, xOff, y, yOff);
            case GELU -> gelu(n, x, xOff, y, yOff);
            case SIGMOID -> sigmoid(n, x, xOff, y, yOff);
            case SOFTPLUS -> softplus(n, x, xOff, y, yOff);
        }
    }

    private static void backwardFull(Activation f, int n, float[] x, int xOff, float[] y,
                                     int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        switch (f) {
            case IDENTITY -> {
                if (dy != dx || dyOff != dxOff) {
                    System.arraycopy(dy, dyOff, dx, dxOff, n);
                }
            }
            case RELU -> reluBack(n, x, xOff, dy, dyOff, dx, dxOff);
            case TANH -> tanhBack(n, y, yOff, dy, dyOff, dx, dxOff);
            case ELU -> eluBack(n, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
            case SILU -> siluBack(n, x, xOff, dy, dyOff, dx, dxOff);
            case GELU -> geluBack(n, x, xOff, dy, dyOff, dx, dxOff);
            case SIGMOID -> sigmoidBack(n, y, yOff, dy, dyOff, dx, dxOff);
            case SOFTPLUS -> softplusBack(n, x, xOff, dy, dyOff, dx, dxOff);
        }
    }

    /** max(0, x), with NaN mapped to 0 as in {@link ScalarMath}. */
    private static void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            VectorMath.tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void elu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            VectorMath.expm1Neg(v).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void silu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(VectorMath.sigmoid(v)).intoArray(y, yOff + i);
        }
    }

    /** ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³). */
    private static void gelu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector u = v.mul(GELU_A).mul(v).mul(v).add(v).mul(GELU_C);
            v.mul(0.5f).mul(VectorMath.tanh(u).add(1f)).intoArray(y, yOff + i);
        }
    }

    private static void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            VectorMath.sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    /** max(x, 0) + log1p(e^−|x|). */
    private static void softplus(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.max(0f).add(VectorMath.log1pUnit(VectorMath.exp(v.abs().neg()))).intoArray(y, yOff + i);
        }
    }

    /** dy·σ(x). */
    private static void softplusBack(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx,
                                     int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector s = VectorMath.sigmoid(FloatVector.fromArray(S, x, xOff + i));
            FloatVector.fromArray(S, dy, dyOff + i).mul(s).intoArray(dx, dxOff + i);
        }
    }

    private static void reluBack(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            FloatVector.zero(S).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i);
        }
    }

    /** dy·(1 − y²). */
    private static void tanhBack(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector t = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(t.mul(t).neg().add(1f)).intoArray(dx, dxOff + i);
        }
    }

    /** dy for x &gt; 0, dy·(y + 1) otherwise. */
    private static void eluBack(int n, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            FloatVector d = FloatVector.fromArray(S, y, yOff + i).add(1f);
            g.mul(d).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i);
        }
    }

    /** dy·σ(x)(1 + x(1 − σ(x))). */
    private static void siluBack(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector s = VectorMath.sigmoid(v);
            FloatVector d = s.mul(v.mul(s.neg().add(1f)).add(1f));
            FloatVector.fromArray(S, dy, dyOff + i).mul(d).intoArray(dx, dxOff + i);
        }
    }

    /** dy·(½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)), t = tanh u. */
    private static void geluBack(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector t = VectorMath.tanh(v.mul(GELU_A).mul(v).mul(v).add(v).mul(GELU_C));
            FloatVector du = v.mul(v).mul(3f * GELU_A).add(1f).mul(GELU_C);
            FloatVector d = v.mul(0.5f).mul(t.mul(t).neg().add(1f)).mul(du).add(t.add(1f).mul(0.5f));
            FloatVector.fromArray(S, dy, dyOff + i).mul(d).intoArray(dx, dxOff + i);
        }
    }

    /** dy·y(1 − y). */
    private static void sigmoidBack(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i += L) {
            FloatVector s = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(s.mul(s.neg().add(1f))).intoArray(dx, dxOff + i);
        }
    }
}
