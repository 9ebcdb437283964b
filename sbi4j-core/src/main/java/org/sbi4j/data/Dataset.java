package org.sbi4j.data;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.tensor.Matrix;

/**
 * An immutable training set of n pairs (θ_i, x_i): θ is n×dθ, x is n×dx (float32; θ finite, x
 * finite or NaN, where NaN marks padding, e.g. the missing trials of a set embedding's input:
 * {@link Standardizer#fit} still rejects it, {@link Standardizer#fitTrials} skips it), and {@code index[i]} is the simulation index of row i (kept through shuffles and splits, so a
 * row can always be traced back to its random stream).
 *
 * <p>The factories copy their inputs and the accessors return copies; {@link #batches(int)}
 * iterates without copying the whole set.
 */
public final class Dataset {

    private final Matrix theta;
    private final Matrix x;
    private final long[] index;
    private final int[] xShape;

    private Dataset(Matrix theta, Matrix x, long[] index, int[] xShape) {
        this.theta = theta;
        this.x = x;
        this.index = index;
        this.xShape = xShape;
    }

    /** A dataset with indices 0 .. n−1 and flat x. */
    public static Dataset of(Matrix theta, Matrix x) {
        long[] index = new long[theta.rows()];
        Arrays.setAll(index, i -> i);
        return of(theta, x, index);
    }

    /** A dataset with the given simulation indices and flat x. */
    public static Dataset of(Matrix theta, Matrix x, long[] index) {
        return of(theta, x, index, new int[] {x.cols()});
    }

    /**
     * A validated copy of (θ, x, index) with the logical shape of one x (product = x.cols()).
     *
     * @throws IllegalArgumentException naming the problem: row counts or index length that differ,
     *         an empty dataset (no rows or no columns), a bad xShape, or a non-finite θ or an
     *         infinite x (with its row, simulation index and column)
     */
    public static Dataset of(Matrix theta, Matrix x, long[] index, int[] xShape) {
        if (theta.rows() != x.rows()) {
            throw new IllegalArgumentException("theta has " + theta.rows() + " rows but x has "
                    + x.rows());
        }
        if (index.length != theta.rows()) {
            throw new IllegalArgumentException(index.length + " indices for " + theta.rows()
                    + " rows");
        }
        if (theta.rows() == 0 || theta.cols() == 0 || x.cols() == 0) {
            throw new IllegalArgumentException("empty dataset: theta " + theta.shape() + ", x "
                    + x.shape());
        }
        long size = 1;
        for (int s : xShape) {
            size *= s;
        }
        if (size != x.cols() || xShape.length == 0) {
            throw new IllegalArgumentException("xShape " + Arrays.toString(xShape)
                    + " does not describe " + x.cols() + " values");
        }
        checkFinite("theta", theta, index, false);
        checkFinite("x", x, index, true);
        return new Dataset(theta.copy(), x.copy(), index.clone(), xShape.clone());
    }

    /** The valid rows of a simulation run. */
    public static Dataset from(SimulationResult r) {
        if (r.size() == 0) {
            throw new IllegalArgumentException("empty dataset: " + r.summary());
        }
        return of(r.theta(), r.x(), r.index(), r.xShape());
    }

    private static void checkFinite(String name, Matrix m, long[] index, boolean nanPadding) {
        float[] d = m.data();
        for (int i = 0; i < m.rows(); i++) {
            int off = m.rowOffset(i);
            for (int j = 0; j < m.cols(); j++) {
                if (!Float.isFinite(d[off + j]) && !(nanPadding && Float.isNaN(d[off + j]))) {
                    throw new IllegalArgumentException(name + " row " + i + " (simulation "
                            + index[i] + "), column " + j + " is " + d[off + j]);
                }
            }
        }
    }

    /** Number of rows n. */
    public int size() {
        return theta.rows();
    }

    public int thetaDim() {
        return theta.cols();
    }

    public int xDim() {
        return x.cols();
    }

    /** Logical shape of one x (a copy). */
    public int[] xShape() {
        return xShape.clone();
    }

    /** θ, n×dθ (a copy). */
    public Matrix theta() {
        return theta.copy();
    }

    /** x, n×dx (a copy). */
    public Matrix x() {
        return x.copy();
    }

    /** Simulation index of each row (a copy). */
    public long[] index() {
        return index.clone();
    }

    /** The rows {@code rows[0], rows[1], ...} as a new dataset (repeats allowed). */
    public Dataset subset(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty dataset: no rows selected");
        }
        Matrix t = Matrix.of(rows.length, thetaDim());
        Matrix xs = Matrix.of(rows.length, xDim());
        long[] idx = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            if (r < 0 || r >= size()) {
                throw new IllegalArgumentException("row " + r + " outside a dataset of " + size());
            }
            copyRow(r, t, xs, k);
            idx[k] = index[r];
        }
        return new Dataset(t, xs, idx, xShape);
    }

    /** Copies row r into row k of the (compatible) buffers. */
    void copyRow(int r, Matrix thetaOut, Matrix xOut, int k) {
        System.arraycopy(theta.data(), theta.rowOffset(r), thetaOut.data(), thetaOut.rowOffset(k),
                theta.cols());
        System.arraycopy(x.data(), x.rowOffset(r), xOut.data(), xOut.rowOffset(k), x.cols());
    }

    long indexOf(int r) {
        return index[r];
    }

    /** The rows in a uniformly random order (Fisher–Yates with {@code rng}). */
    public Dataset shuffle(UniformRandomProvider rng) {
        return subset(permutation(size(), rng));
    }

    /**
     * The validation rows {@link #split} takes from {@code n} rows: ⌊fraction · n⌋, at least 1
     * and at most n − 1.
     */
    public static long validationRows(long n, double validationFraction) {
        return Math.min(n - 1, Math.max(1, (long) Math.floor(validationFraction * n)));
    }

    /**
     * A random split into training and validation rows: n_val = ⌊f·n⌋ clamped to [1, n−1] rows
     * chosen uniformly (Fisher–Yates with {@code rng}) go to validation, the rest to training; each
     * part keeps the original row order.
     *
     * @param validationFraction f, in (0, 1)
     */
    public Split split(double validationFraction, UniformRandomProvider rng) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got "
                    + validationFraction);
        }
        if (size() < 2) {
            throw new IllegalArgumentException("cannot split a dataset of " + size() + " row");
        }
        int nVal = (int) validationRows(size(), validationFraction);
        int[] perm = permutation(size(), rng);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, size());
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(subset(train), subset(val));
    }

    static int[] permutation(int n, UniformRandomProvider rng) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        return ArraySampler.shuffle(rng, p);
    }

    /** Mini-batches of at most {@code batchSize} rows; see {@link BatchIterator}. */
    public BatchIterator batches(int batchSize) {
        return new BatchIterator(this, batchSize);
    }

    @Override
    public String toString() {
        return "Dataset[n=" + size() + ", theta " + thetaDim() + ", x " + Arrays.toString(xShape)
                + "]";
    }

    /** A training / validation pair. */
    public record Split(Dataset train, Dataset validation) {
    }
}
