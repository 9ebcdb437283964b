package org.sbi4j.cli.python;

import org.sbi4j.tensor.Matrix;

/** Flat arrays from Python to {@link Matrix} and back, with the shapes checked. */
public final class PyArrays {

    private PyArrays() {
    }

    /**
     * The rows × cols matrix over {@code flat} (row-major, no copy).
     *
     * @param what names the array in the error message
     */
    public static Matrix matrix(float[] flat, int rows, int cols, String what) {
        if (flat == null) {
            throw new IllegalArgumentException(what + " must not be None");
        }
        if (rows < 0 || cols < 1 || (long) rows * cols != flat.length) {
            throw new IllegalArgumentException(what + " has " + flat.length + " values, not "
                    + rows + " rows × " + cols + " columns");
        }
        return Matrix.wrap(flat, rows, cols);
    }

    /** The values of m, row-major (m's own array when it is exactly m). */
    public static float[] flat(Matrix m) {
        if (m.offset() == 0 && m.data().length == m.size()) {
            return m.data();
        }
        return m.toArray();
    }

    /** Refuses non-finite values of an observation, naming the first. */
    public static float[] finiteObservation(float[] x, int expectedLength) {
        if (x == null) {
            throw new IllegalArgumentException("the observation x must be given");
        }
        if (x.length != expectedLength) {
            throw new IllegalArgumentException("the observation has " + x.length
                    + " values, the posterior was trained on x of dimension " + expectedLength);
        }
        for (int j = 0; j < x.length; j++) {
            if (!Float.isFinite(x[j])) {
                throw new IllegalArgumentException("the observation holds " + x[j]
                        + " at position " + j + "; every value must be finite");
            }
        }
        return x;
    }
}
