package org.sbi4j.diagnostics;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * What the diagnostics need from a posterior to draw from it: n samples θ ~ q(θ | x).
 *
 * <p>A minimal functional interface so that any posterior (a trained estimator, an exact
 * closed-form posterior in a test, a reference sampler) can be plugged in with a lambda.
 */
@FunctionalInterface
public interface PosteriorSampler {

    /**
     * Draws n samples from q(θ | x).
     *
     * @param x   one observation (length = dim x)
     * @param n   number of samples
     * @param rng the source of every random draw
     * @return an n×dim θ matrix (a fresh matrix the caller may keep)
     */
    Matrix sample(float[] x, int n, UniformRandomProvider rng);

    /** Samples (n×dim θ) with log q(θ | x) of each row, up to a constant per x. */
    record Scored(Matrix theta, double[] logProb) {
    }

    /**
     * n samples with their log-densities. The default samples, then evaluates {@code density};
     * a posterior that yields log q while sampling (a flow's inverse pass) overrides this to
     * save the second pass.
     */
    default Scored sampleAndLogProb(float[] x, int n, UniformRandomProvider rng,
                                    PosteriorDensity density) {
        Matrix s = sample(x, n, rng);
        return new Scored(s, density.logProb(s, x));
    }
}
