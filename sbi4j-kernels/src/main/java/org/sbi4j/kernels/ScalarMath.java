package org.sbi4j.kernels;

/** Scalar definitions of the activations and their derivatives (shared by every provider's tails). */
public final class ScalarMath {

    private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);

    private ScalarMath() {
    }

    /** f(x). */
    public static float apply(Activation f, float x) {
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> x > 0f ? x : 0f;
            case TANH -> (float) Math.tanh(x);
            case ELU -> x > 0f ? x : (float) Math.expm1(x);
            case SILU -> x * sigmoid(x);
            case GELU -> {
                float t = (float) Math.tanh(GELU_C * (x + 0.044715f * x * x * x));
                yield 0.5f * x * (1f + t);
            }
            case SIGMOID -> sigmoid(x);
            case SOFTPLUS -> softplus(x);
        };
    }

    /** f'(x), given x and y = f(x). */
    public static float derivative(Activation f, float x, float y) {
        return switch (f) {
            case IDENTITY -> 1f;
            case RELU -> x > 0f ? 1f : 0f;
            case TANH -> 1f - y * y;
            case ELU -> x > 0f ? 1f : y + 1f;
            case SILU -> {
                float s = sigmoid(x);
                yield s * (1f + x * (1f - s));
            }
            case GELU -> {
                float u = GELU_C * (x + 0.044715f * x * x * x);
                float t = (float) Math.tanh(u);
                float du = GELU_C * (1f + 3f * 0.044715f * x * x);
                yield 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
            }
            case SIGMOID -> y * (1f - y);
            case SOFTPLUS -> sigmoid(x);
        };
    }

    /** log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): no overflow, and relative accuracy for x ≪ 0. */
    public static float softplus(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs((double) x))));
    }

    /** σ(x) = 1 / (1 + e^−x), stable for large |x|. */
    public static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
