package org.sbi4j.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * The valid simulations of a run, in increasing index order, and an account of the invalid ones.
 *
 * <p>Row r of {@code theta} (n×dθ) and {@code x} (n×dx) is simulation {@code index[r]}.
 * {@code attempted} simulations were run; {@code invalid} of them failed (an exception, or a
 * non-finite value in θ or x) and were excluded; {@code failureExamples} holds the messages of
 * the first few failures, by index. The arrays are not copied: treat a result as read-only.
 *
 * @param theta           kept parameters, n × dθ
 * @param x               kept data, n × dx
 * @param index           simulation index of each kept row (length n)
 * @param attempted       number of simulations run
 * @param invalid         number excluded (attempted − n)
 * @param failureExamples up to a few messages "simulation i: reason", lowest indices first
 * @param xShape          logical shape of one x (product = dx), from the simulator
 */
public record SimulationResult(Matrix theta, Matrix x, long[] index, long attempted, long invalid,
        List<String> failureExamples, int[] xShape) {

    /** Checks that rows, indices and counts agree. */
    public SimulationResult {
        if (theta.rows() != x.rows() || index.length != theta.rows()) {
            throw new IllegalArgumentException("theta " + theta.shape() + ", x " + x.shape()
                    + " and " + index.length + " indices do not agree");
        }
        if (attempted - invalid != theta.rows() || invalid < 0) {
            throw new IllegalArgumentException(attempted + " attempted and " + invalid
                    + " invalid simulations do not leave " + theta.rows() + " rows");
        }
        if (Arrays.stream(xShape).asLongStream().reduce(1, (a, b) -> a * b) != x.cols()) {
            throw new IllegalArgumentException("xShape " + Arrays.toString(xShape)
                    + " does not have " + x.cols() + " elements");
        }
        failureExamples = List.copyOf(failureExamples);
    }

    /** Number of kept (valid) simulations. */
    public int size() {
        return theta.rows();
    }

    /** "kept 990 of 1000 simulations (10 invalid, e.g. simulation 7: ...)". */
    public String summary() {
        String s = "kept " + size() + " of " + attempted + " simulations";
        if (invalid == 0) {
            return s;
        }
        return s + " (" + invalid + " invalid, e.g. " + String.join("; ", failureExamples) + ")";
    }

    /**
     * Joins results of index ranges (shards, resumed runs) in the given order, e.g. [0, a) then
     * [a, b): the same rows as one run over [0, b) with the same seed.
     */
    public static SimulationResult concat(List<SimulationResult> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no results to concatenate");
        }
        SimulationResult first = parts.get(0);
        int rows = 0;
        long attempted = 0;
        long invalid = 0;
        List<String> examples = new ArrayList<>();
        for (SimulationResult p : parts) {
            if (p.theta.cols() != first.theta.cols() || !Arrays.equals(p.xShape, first.xShape)) {
                throw new IllegalArgumentException("cannot join results with theta " + p.theta.cols()
                        + " / x " + Arrays.toString(p.xShape) + " columns to theta "
                        + first.theta.cols() + " / x " + Arrays.toString(first.xShape));
            }
            rows = Math.addExact(rows, p.size());
            attempted += p.attempted;
            invalid += p.invalid;
            examples.addAll(p.failureExamples);
        }
        Matrix theta = Matrix.of(rows, first.theta.cols());
        Matrix x = Matrix.of(rows, first.x.cols());
        long[] index = new long[rows];
        int r = 0;
        for (SimulationResult p : parts) {
            System.arraycopy(p.theta.data(), p.theta.offset(), theta.data(), theta.rowOffset(r),
                    p.theta.size());
            System.arraycopy(p.x.data(), p.x.offset(), x.data(), x.rowOffset(r), p.x.size());
            System.arraycopy(p.index, 0, index, r, p.size());
            r += p.size();
        }
        int keep = Math.min(examples.size(), Simulations.MAX_EXAMPLES);
        return new SimulationResult(theta, x, index, attempted, invalid, examples.subList(0, keep),
                first.xShape);
    }
}
