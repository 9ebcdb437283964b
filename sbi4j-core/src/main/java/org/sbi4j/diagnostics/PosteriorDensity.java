package org.sbi4j.diagnostics;

import org.sbi4j.tensor.Matrix;

/**
 * What the diagnostics need from a posterior to evaluate it: log q(θ | x) for a batch of θ.
 *
 * <p>Used for the joint (log-density) SBC rank and for highest-density-region coverage. Any
 * normalising constant may be dropped: only the order of the values within one x matters.
 */
@FunctionalInterface
public interface PosteriorDensity {

    /**
     * log q(θᵢ | x) for every row θᵢ of theta (n×dim θ); −∞ where θᵢ has no mass.
     *
     * @return n values
     */
    double[] logProb(Matrix theta, float[] x);
}
