package org.sbi4j.cli.python;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * {@code sbi4j.simulate(prior, simulator, n, seed=…, workers=…)}: a Python function of a batch
 * of θ rows run by {@link Simulations}. The batches are consecutive simulation indices of a
 * fixed size (not depending on the workers), θ comes from the prior with stream i of the run
 * seed, and each batch's randomness from one seed, {@code SimulationStreams.seedFor(run seed,
 * first index of the batch)}: so the same seed gives the same θ and x for any number of
 * workers.
 */
public final class PySimulator implements Simulator {

    /** The Python side: x for a batch of θ. */
    public interface BatchFunction {
        /**
         * x (rows × dx, row-major) for θ (rows × dθ, row-major) of simulations
         * {@code firstIndex …}, drawing all randomness from {@code seed}.
         */
        float[] simulate(float[] theta, int rows, long firstIndex, long seed);
    }

    /** How to run: the run seed, workers (≥ 1) and simulations per batch (≥ 1). */
    public record Run(long seed, int workers, int batchSize) {
        public Run {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
            }
        }
    }

    private final BatchFunction function;
    private final int thetaDim;
    private final int[] xShape;
    private final int xDim;

    private PySimulator(BatchFunction function, int thetaDim, int[] xShape) {
        this.function = function;
        this.thetaDim = thetaDim;
        this.xDim = Simulator.xDimOf(xShape);
        this.xShape = xShape.clone();
    }

    /** A simulator of x with the given shape from θ of dimension {@code thetaDim}. */
    public static PySimulator of(BatchFunction function, int thetaDim, int[] xShape) {
        if (function == null) {
            throw new IllegalArgumentException("the simulator must not be None");
        }
        return new PySimulator(function, thetaDim, xShape);
    }

    /** Simulates pairs 0 … n−1. */
    public static SimulationResult run(Prior prior, PySimulator simulator, int n, Run run) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of simulations must be >= 1, got " + n);
        }
        return Simulations.builder(prior, simulator).seed(run.seed()).threads(run.workers())
                .chunkSize(run.batchSize()).run(n);
    }

    @Override
    public int thetaDim() {
        return thetaDim;
    }

    @Override
    public int xDim() {
        return xDim;
    }

    @Override
    public int[] xShape() {
        return xShape.clone();
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                         int xOff) {
        throw new UnsupportedOperationException("a Python simulator runs in batches");
    }

    @Override
    public void simulateBatch(Matrix theta, UniformRandomProvider[] rngs, long[] seeds, Matrix x,
                              String[] failures) {
        simulateBatch(0, theta, rngs, seeds, x, failures);
    }

    @Override
    public void simulateBatch(long firstIndex, Matrix theta, UniformRandomProvider[] rngs,
                              long[] seeds, Matrix x, String[] failures) {
        int rows = theta.rows();
        float[] out = function.simulate(PyArrays.flat(theta), rows, firstIndex, seeds[0]);
        if (out == null || out.length != rows * xDim) {
            throw new IllegalArgumentException("the simulator returned "
                    + (out == null ? "nothing" : out.length + " values") + " for " + rows
                    + " rows of θ; expected " + rows + " × " + xDim);
        }
        System.arraycopy(out, 0, x.data(), x.offset(), rows * xDim);
    }
}
