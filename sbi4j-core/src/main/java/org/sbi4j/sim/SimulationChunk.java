package org.sbi4j.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * The outcome of simulating consecutive indices start .. start+n−1: θ and x for all of them, which
 * rows are valid, and messages for the invalid ones (package-private worker of
 * {@link Simulations}).
 */
final class SimulationChunk {

    private final long start;
    private final Matrix theta;
    private final Matrix x;
    private final boolean[] valid;
    private final int kept;
    private final List<String> failures;

    private SimulationChunk(long start, Matrix theta, Matrix x, boolean[] valid, int kept,
            List<String> failures) {
        this.start = start;
        this.theta = theta;
        this.x = x;
        this.valid = valid;
        this.kept = kept;
        this.failures = failures;
    }

    /** Where θ of simulation i comes from: drawn from its stream, or given. */
    @FunctionalInterface
    interface ThetaSource {
        /** Writes θ of simulation {@code index} to {@code out[off ..)}, drawing from {@code rng}. */
        void fill(long index, UniformRandomProvider rng, float[] out, int off);
    }

    /** θ from {@code source} and x from the simulator for each index, one stream per index. */
    static SimulationChunk simulate(int thetaDim, ThetaSource source, Simulator simulator,
            long seed, long start, int n) {
        Matrix theta = Matrix.of(n, thetaDim);
        Matrix x = Matrix.of(n, simulator.xDim());
        UniformRandomProvider[] rngs = new UniformRandomProvider[n];
        long[] seeds = new long[n];
        for (int r = 0; r < n; r++) {
            rngs[r] = SimulationStreams.streamFor(seed, start + r);
            seeds[r] = SimulationStreams.seedFor(seed, start + r);
            source.fill(start + r, rngs[r], theta.data(), theta.rowOffset(r));
        }
        String[] reasons = new String[n];
        try {
            simulator.simulateBatch(start, theta, rngs, seeds, x, reasons);
        } catch (RuntimeException e) {
            java.util.Arrays.fill(reasons, "batch failed: " + Simulator.describe(e));
        }
        boolean[] valid = new boolean[n];
        int kept = 0;
        List<String> failures = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            String why = reasons[r] != null ? reasons[r]
                    : nonFinite(theta, x, r, simulator.nanPadding());
            if (why == null) {
                valid[r] = true;
                kept++;
            } else if (failures.size() < Simulations.MAX_EXAMPLES) {
                failures.add("simulation " + (start + r) + ": " + why);
            }
        }
        return new SimulationChunk(start, theta, x, valid, kept, failures);
    }

    private static String nonFinite(Matrix theta, Matrix x, int r, boolean nanPadding) {
        String t = firstNonFinite(theta, r, "theta", false);
        return t != null ? t : firstNonFinite(x, r, "x", nanPadding);
    }

    private static String firstNonFinite(Matrix m, int r, String name, boolean nanPadding) {
        float[] d = m.data();
        int off = m.rowOffset(r);
        for (int j = 0; j < m.cols(); j++) {
            if (!Float.isFinite(d[off + j]) && !(nanPadding && Float.isNaN(d[off + j]))) {
                return name + "[" + j + "] = " + d[off + j];
            }
        }
        return null;
    }

    /** Concatenates the valid rows of the chunks (in order) into one result. */
    static SimulationResult merge(SimulationChunk[] parts, long attempted, int thetaDim,
            Simulator simulator) {
        int rows = 0;
        List<String> examples = new ArrayList<>();
        for (SimulationChunk p : parts) {
            rows += p.kept;
            for (String f : p.failures) {
                if (examples.size() < Simulations.MAX_EXAMPLES) {
                    examples.add(f);
                }
            }
        }
        Matrix theta = Matrix.of(rows, thetaDim);
        Matrix x = Matrix.of(rows, simulator.xDim());
        long[] index = new long[rows];
        int out = 0;
        for (SimulationChunk p : parts) {
            for (int r = 0; r < p.valid.length; r++) {
                if (p.valid[r]) {
                    System.arraycopy(p.theta.data(), p.theta.rowOffset(r), theta.data(),
                            theta.rowOffset(out), thetaDim);
                    System.arraycopy(p.x.data(), p.x.rowOffset(r), x.data(), x.rowOffset(out),
                            x.cols());
                    index[out++] = p.start + r;
                }
            }
        }
        return new SimulationResult(theta, x, index, attempted, attempted - rows, examples,
                simulator.xShape().clone());
    }
}
