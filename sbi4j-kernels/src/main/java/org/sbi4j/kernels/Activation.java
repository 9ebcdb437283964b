package org.sbi4j.kernels;

/**
 * Element-wise activation functions known to the kernels.
 *
 * <p>Each has a forward map y = f(x) and a derivative f'(x), which the backward kernel multiplies
 * into the incoming gradient. Where the derivative is cheaper from the output (tanh: 1 − y²) the
 * kernel uses y; it therefore receives both x and y.
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY,
    /** f(x) = max(0, x); f'(0) is taken as 0. */
    RELU,
    /** f(x) = tanh(x); f' = 1 − y². */
    TANH,
    /** f(x) = x for x &gt; 0, exp(x) − 1 otherwise (α = 1); f' = 1 or y + 1. */
    ELU,
    /** SiLU (swish): f(x) = x·σ(x); f' = σ(x)·(1 + x·(1 − σ(x))). */
    SILU,
    /**
     * GELU, tanh approximation (Hendrycks &amp; Gimpel 2016):
     * f(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
     */
    GELU,
    /** Logistic sigmoid σ(x) = 1 / (1 + e^−x); f' = y(1 − y). */
    SIGMOID,
    /** Softplus f(x) = log(1 + eˣ) (a smooth ReLU; the spline flows' knot derivatives); f' = σ(x). */
    SOFTPLUS
}
