package org.sbi4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.store.IndexRange;
import org.sbi4j.tensor.Matrix;

/**
 * The simulations of one index range as shipped from an executor to the driver: compact θ and x
 * (kept rows × dθ, kept rows × dx, row-major), their indices and the first failure messages.
 *
 * @param from     first index
 * @param to       one past the last index
 * @param theta    kept θ rows, flattened
 * @param x        kept x rows, flattened
 * @param index    simulation index of each kept row
 * @param failures up to {@link Simulations#MAX_EXAMPLES} messages
 */
record ChunkData(long from, long to, float[] theta, float[] x, long[] index,
        ArrayList<String> failures) implements Serializable {

    /** Runs simulations [from, to) of the run {@code seed} on one thread (an executor core). */
    static ChunkData simulate(ModelSource model, long seed, long from, long to) {
        SimulationResult r = Simulations.builder(model.prior(), model.simulator()).seed(seed)
                .threads(1).run(from, to);
        return new ChunkData(from, to, r.theta().toArray(), r.x().toArray(), r.index(),
                new ArrayList<>(r.failureExamples()));
    }

    IndexRange range() {
        return new IndexRange(from, to);
    }

    /** Back to a result (as {@code Simulations.run(from, to)} gave it) for the store. */
    SimulationResult toResult(int thetaDim, int[] xShape) {
        int rows = index.length;
        int dx = 1;
        for (int s : xShape) {
            dx *= s;
        }
        Matrix t = Matrix.wrap(theta, rows, thetaDim);
        Matrix xs = Matrix.wrap(x, rows, dx);
        return new SimulationResult(t, xs, index, to - from, to - from - rows,
                List.copyOf(failures), xShape);
    }
}
