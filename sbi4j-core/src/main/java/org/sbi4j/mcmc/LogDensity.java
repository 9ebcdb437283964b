package org.sbi4j.mcmc;

/**
 * An unnormalised log-density log π(θ) + const over θ ∈ ℝ^{dim}, evaluated for a batch of
 * points at once (the slice sampler asks for every chain's next point in one call).
 *
 * <p>Shapes: {@code points} holds n points row-major, point i at
 * {@code points[i·dim .. i·dim + dim)} (the array may be longer); {@code out[i]} receives
 * log π of point i for i &lt; n. Outside the support the value is −∞; NaN is read as −∞ by
 * the samplers. Implementations may be called from one thread at a time and must not keep
 * the arrays.
 */
public interface LogDensity {

    /** Dimension of one point. */
    int dim();

    /** {@code out[i] = log π(points[i·dim .. i·dim + dim))} for i &lt; n. */
    void logDensity(double[] points, int n, double[] out);
}
