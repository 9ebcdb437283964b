package org.sbi4j.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A stochastic simulator: draws data x given parameters θ.
 *
 * <p>Each simulation receives its own random generator (derived by the runner from the run seed
 * and the simulation index), so results do not depend on threads, batches, shards or resumes.
 * A simulator signals a failed simulation by throwing or by writing a non-finite value into x;
 * the runner counts and excludes such rows. Implementations must be safe to call from several
 * threads at once (keep no mutable state, or keep it per thread).
 */
public interface Simulator {

    /** Dimension of θ the simulator expects. */
    int thetaDim();

    /** Length of the flat x vector it produces. */
    int xDim();

    /**
     * The logical shape of x (product = {@link #xDim()}), e.g. {channels, length} for a time
     * series; embedding networks use it. Default: a flat vector.
     */
    default int[] xShape() {
        return new int[] {xDim()};
    }

    /**
     * Simulates one x for θ = {@code theta[thetaOff .. thetaOff+thetaDim)} into
     * {@code x[xOff .. xOff+xDim)}, drawing all randomness from {@code rng}.
     */
    void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff);
}
