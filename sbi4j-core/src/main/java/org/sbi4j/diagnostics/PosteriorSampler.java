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
}
