package org.sbi4j.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * A stochastic simulator: draws data x given parameters θ.
 *
 * <p>Each simulation receives its own random generator (derived by the runner from the run seed
 * and the simulation index), so results do not depend on threads, batches, shards or resumes.
 * A simulator signals a failed simulation by throwing or by writing a non-finite value into x;
 * the runner counts and excludes such rows. Implementations must be safe to call from several
 * threads at once (keep no mutable state, or keep it per thread).
 *
 * <p>Shapes: θ has dθ = {@link #thetaDim()} values, x has dx = {@link #xDim()} values stored
 * flat (row-major in {@link #xShape()}). A simulator written as a function of one θ:
 * <pre>{@code
 * // x_t = μ + σ·ε_t, t < 10, θ = (μ, σ)
 * Simulator sim = Simulator.of(2, 10, (theta, rng) -> {
 *     var normal = ZigguratSampler.NormalizedGaussian.of(rng);
 *     float[] x = new float[10];
 *     for (int t = 0; t < 10; t++) {
 *         x[t] = (float) (theta[0] + theta[1] * normal.sample());
 *     }
 *     return x;
 * });
 * }</pre>
 */
public interface Simulator {

    /**
     * A simulator of flat x (dx = {@code xDim}) from a function of one θ row: {@code function}
     * receives a fresh copy of θ (dθ = {@code thetaDim} values) and the simulation's generator
     * and returns x. A result of another length (or null) fails that simulation with a message
     * saying so (it is counted and shown in {@link SimulationResult#failureExamples()}).
     *
     * @throws IllegalArgumentException if a dimension is below 1 or the function is null
     */
    static Simulator of(int thetaDim, int xDim, SimulatorFunction function) {
        return new FunctionSimulator(thetaDim, new int[] {xDim}, function);
    }

    /**
     * As {@link #of(int, int, SimulatorFunction)} with the logical shape of x, e.g.
     * {channels, length} for a time series (dx = the product of the entries, each ≥ 1); the
     * function returns x flat, row-major.
     */
    static Simulator of(int thetaDim, int[] xShape, SimulatorFunction function) {
        return new FunctionSimulator(thetaDim, xShape, function);
    }

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
     * True if NaN in x marks padding rather than failure, e.g. the missing trials of a set of
     * i.i.d. trials shorter than the maximum (for a DeepSets embedding); ±∞ still marks a
     * failed simulation. Default: false (any NaN fails the row).
     */
    default boolean nanPadding() {
        return false;
    }

    /**
     * Simulates one x for θ = {@code theta[thetaOff .. thetaOff+thetaDim)} into
     * {@code x[xOff .. xOff+xDim)}, drawing all randomness from {@code rng}.
     */
    void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff);

    /**
     * Simulates a batch: row r of {@code x} for θ = row r of {@code theta} (b rows each), drawing
     * its randomness from {@code rngs[r]}, or, for simulators with their own generator (e.g. an
     * external process), seeding it with {@code seeds[r]} = {@link SimulationStreams#seedFor}
     * of the row's simulation index. A row that fails is marked by a message in
     * {@code failures[r]} (initially all null) or by non-finite values in its x; an exception
     * thrown by this method marks every row of the batch as failed with its message.
     *
     * <p>The default loops over the rows, calling {@link #simulate} and recording the exception
     * of a failing row; override it when batching is cheaper (vectorised or remote simulators).
     */
    default void simulateBatch(Matrix theta, UniformRandomProvider[] rngs, long[] seeds, Matrix x,
            String[] failures) {
        for (int r = 0; r < theta.rows(); r++) {
            try {
                simulate(theta.data(), theta.rowOffset(r), rngs[r], x.data(), x.rowOffset(r));
            } catch (RuntimeException e) {
                failures[r] = describe(e);
            }
        }
    }

    /**
     * {@link #simulateBatch(Matrix, UniformRandomProvider[], long[], Matrix, String[])} for rows
     * that are the consecutive simulation indices {@code firstIndex}, {@code firstIndex + 1}, …
     * (the runner {@link Simulations} calls this one). The default ignores the indices; a
     * simulator that reports them (an external program's logs) overrides it. The indices must
     * not change the results: randomness comes from {@code rngs} or {@code seeds}.
     */
    default void simulateBatch(long firstIndex, Matrix theta, UniformRandomProvider[] rngs,
            long[] seeds, Matrix x, String[] failures) {
        simulateBatch(theta, rngs, seeds, x, failures);
    }

    /** "ExceptionClass: message", as recorded for failed simulations. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * The number of x values of logical shape {@code xShape} (the product of its entries), after
     * checking that it has at least one entry, every entry is at least 1 and the product fits
     * an int.
     */
    static int xDimOf(int[] xShape) {
        if (xShape == null || xShape.length == 0) {
            throw new IllegalArgumentException("the x shape needs at least one entry, got "
                    + java.util.Arrays.toString(xShape));
        }
        long size = 1;
        for (int s : xShape) {
            if (s < 1) {
                throw new IllegalArgumentException("every x shape entry must be >= 1, got "
                        + java.util.Arrays.toString(xShape));
            }
            size *= s;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the x shape " + java.util.Arrays.toString(xShape)
                        + " has more than " + Integer.MAX_VALUE + " values");
            }
        }
        return (int) size;
    }
}
