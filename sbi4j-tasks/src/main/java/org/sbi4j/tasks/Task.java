package org.sbi4j.tasks;

import java.util.List;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * A benchmark task: a prior, a simulator and a set of fixed observations x_o(k), k = 1..
 * {@link #numObservations()}, each with the θ that generated it and samples from its reference
 * posterior p(θ | x_o(k)).
 *
 * <p>The sbibm tasks follow Lueckmann et al., "Benchmarking Simulation-Based Inference",
 * AISTATS 2021 (arXiv:2101.04653), with the observations and reference samples of the sbibm
 * repository. Implementations are immutable; every call returns fresh arrays.
 */
public interface Task {

    /** Registry name, e.g. "two_moons". */
    String name();

    /** The prior over θ (names in θ order). */
    Prior prior();

    /** The simulator x ~ p(x | θ); thread-safe, randomness only from the rng passed in. */
    Simulator simulator();

    /** Parameter names in θ order. */
    default List<String> thetaNames() {
        return prior().names();
    }

    /** dim θ. */
    default int thetaDim() {
        return prior().dim();
    }

    /** dim x. */
    default int xDim() {
        return simulator().xDim();
    }

    /** Number of stored observations (10 for the sbibm tasks). */
    default int numObservations() {
        return 10;
    }

    /** Observation x_o(k), k = 1..{@link #numObservations()}, length {@link #xDim()}. */
    float[] observation(int k);

    /** The θ that generated observation k, length {@link #thetaDim()}. */
    float[] trueParameters(int k);

    /** Reference posterior samples for observation k as an n×dim θ matrix (n = 10,000 for sbibm). */
    Matrix referenceSamples(int k);

    /** Checks 1 ≤ k ≤ numObservations. */
    default void checkObservation(int k) {
        if (k < 1 || k > numObservations()) {
            throw new IllegalArgumentException("task " + name() + ": observation " + k
                    + " does not exist; use 1.." + numObservations());
        }
    }
}
