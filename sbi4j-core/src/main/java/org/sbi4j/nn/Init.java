package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

/**
 * Weight initialisation schemes for a fan-in×fan-out weight matrix; biases start at zero.
 *
 * <ul>
 *   <li>{@link #GLOROT_UNIFORM}: U(−a, a), a = √(6 / (fanIn + fanOut)) (Glorot &amp; Bengio 2010),
 *       for tanh, sigmoid and linear layers;</li>
 *   <li>{@link #HE_UNIFORM}: U(−a, a), a = √(6 / fanIn) (He et al. 2015), for the ReLU family
 *       (ReLU, ELU, SiLU, GELU);</li>
 *   <li>{@link #ZERO}: all zeros (e.g. a flow's last layer, so the flow starts at the identity).</li>
 * </ul>
 * Draws come from the RNG passed in, in row-major order, so a seed fixes the weights.
 */
public enum Init {
    GLOROT_UNIFORM,
    HE_UNIFORM,
    ZERO;

    /** The scheme suited to a layer followed by activation f. */
    public static Init forActivation(Activation f) {
        return switch (f) {
            case RELU, ELU, SILU, GELU, SOFTPLUS -> HE_UNIFORM;
            case IDENTITY, TANH, SIGMOID -> GLOROT_UNIFORM;
        };
    }

    /** Half-width a of the uniform distribution (0 for {@link #ZERO}). */
    public double bound(int fanIn, int fanOut) {
        return switch (this) {
            case GLOROT_UNIFORM -> Math.sqrt(6.0 / (fanIn + fanOut));
            case HE_UNIFORM -> Math.sqrt(6.0 / fanIn);
            case ZERO -> 0.0;
        };
    }

    /** Fills w with independent U(−a, a) draws, row-major. */
    public static void fillUniform(Matrix w, double a, UniformRandomProvider rng) {
        for (int i = 0; i < w.rows(); i++) {
            for (int j = 0; j < w.cols(); j++) {
                w.set(i, j, (float) ((2.0 * rng.nextDouble() - 1.0) * a));
            }
        }
    }

    /** Fills w (fanIn×fanOut) with draws from this scheme. */
    public void fill(Matrix w, UniformRandomProvider rng) {
        double a = bound(w.rows(), w.cols());
        for (int i = 0; i < w.rows(); i++) {
            for (int j = 0; j < w.cols(); j++) {
                w.set(i, j, this == ZERO ? 0f : (float) ((2.0 * rng.nextDouble() - 1.0) * a));
            }
        }
    }
}
