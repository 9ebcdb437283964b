package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * A bijection θ ↦ z = f(θ | context) of R^D, conditioned on a context vector (the, possibly
 * embedded, observation x), with its log-determinant and gradients (zuko's {@code Transform},
 * nflows' {@code Transform}).
 *
 * <p>Shapes: θ and z are n×{@link #features()}, context is n×{@link #contextSize()} (one context
 * row per θ row; may be {@code null} when contextSize is 0), log-determinants are per row.
 *
 * <p>Contract (as {@link org.sbi4j.nn.Layer}): a transform holds only parameters. Buffers live in
 * a {@link Workspace} created once per maximum batch size; nothing is allocated per call.
 * {@code forward} returns z owned by ws and keeps references to θ and context, which the caller
 * must not modify before {@code backward}. {@code inverse} may reuse the same buffers and so
 * invalidates a pending backward.
 */
public interface ConditionalTransform {

    /** Marker for a transform's private per-batch buffers. */
    interface Workspace {
    }

    /** D, the dimension of θ and z. */
    int features();

    /** Number of context columns (0 for an unconditional transform). */
    int contextSize();

    /** The trainable parameters, in a fixed order. */
    List<Param> params();

    /** Buffers for batches of up to {@code maxRows} rows. */
    Workspace workspace(int maxRows);

    /**
     * z = f(θ | context); adds log|det ∂z/∂θ| of row i to {@code logAbsDet[i]}.
     *
     * @return z, n×D, owned by ws
     */
    Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace ws);

    /**
     * Reverse mode for the last forward with ws: given dL/dz (n×D) and dL/dlogAbsDet per row,
     * accumulates parameter gradients, adds dL/dcontext into {@code gradContext} when it is not
     * null, and returns dL/dθ (owned by ws). The inputs are not modified.
     */
    Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext, Workspace ws);

    /**
     * θ = f⁻¹(z | context). When {@code logAbsDet} is not null, adds the <em>forward</em>
     * log|det ∂z/∂θ| at the returned θ, so that log q(θ) = log N(z) + logAbsDet.
     *
     * @return θ, n×D, owned by ws
     */
    Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace ws);
}
