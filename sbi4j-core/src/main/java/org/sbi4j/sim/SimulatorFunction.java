package org.sbi4j.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One simulation as a function: x = f(θ, rng), for {@link Simulator#of}. θ is a fresh array of
 * the simulator's dθ values (the function may keep or modify it); the result must hold exactly
 * dx values (a new array, or one the function does not touch again). All randomness must come
 * from {@code rng}, the simulation's own stream, so results do not depend on threads. Called
 * from several threads at once: keep no shared mutable state.
 *
 * <p>A simulation that fails throws, or returns non-finite values; the runner counts and
 * excludes it.
 */
@FunctionalInterface
public interface SimulatorFunction {

    /** x for parameters θ (length dθ), drawing randomness from {@code rng}; length dx. */
    float[] simulate(float[] theta, UniformRandomProvider rng);
}
