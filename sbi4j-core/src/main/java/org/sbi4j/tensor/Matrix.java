package org.sbi4j.tensor;

import java.util.Arrays;

/**
 * A dense row-major float32 matrix: rows are the batch, columns the features.
 *
 * <p>Element (i, j) lives at {@code data()[offset() + i*cols() + j]}. The backing array may be
 * larger than rows×cols: a buffer is allocated once for the largest batch ({@link #capacityRows()})
 * and {@link #setRows(int)} shrinks or regrows the logical row count without allocating, so a
 * smaller final batch reuses the same memory. Views ({@link #rowView}) share the array.
 */
public final class Matrix {

    private final float[] data;
    private final int offset;
    private final int cols;
    private final int capacityRows;
    private int rows;

    private Matrix(float[] data, int offset, int rows, int cols, int capacityRows) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.capacityRows = capacityRows;
    }

    /** A new zero matrix of the given shape. */
    public static Matrix of(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(new float[Math.multiplyExact(rows, cols)], 0, rows, cols, rows);
    }

    /** Wraps (does not copy) {@code data}, which must hold exactly rows×cols values. */
    public static Matrix wrap(float[] data, int rows, int cols) {
        checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("array of length " + data.length
                    + " does not hold a " + rows + "x" + cols + " matrix");
        }
        return new Matrix(data, 0, rows, cols, rows);
    }

    /** A matrix holding a copy of the given rows (all of the same length). */
    public static Matrix fromRows(float[][] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no rows given");
        }
        Matrix m = of(values.length, values[0].length);
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != m.cols) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length
                        + " values, row 0 has " + m.cols);
            }
            System.arraycopy(values[i], 0, m.data, i * m.cols, m.cols);
        }
        return m;
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
    }

    /** The backing array (shared, not a copy). */
    public float[] data() {
        return data;
    }

    /** Index of element (0, 0) in {@link #data()}. */
    public int offset() {
        return offset;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of rows rows×cols values the backing storage has room for. */
    public int capacityRows() {
        return capacityRows;
    }

    /** rows × cols. */
    public int size() {
        return rows * cols;
    }

    /** Index in {@link #data()} of element (i, 0). */
    public int rowOffset(int i) {
        return offset + i * cols;
    }

    /**
     * Sets the logical number of rows (0 ≤ rows ≤ {@link #capacityRows()}); contents are kept.
     *
     * @return this matrix
     */
    public Matrix setRows(int rows) {
        if (rows < 0 || rows > capacityRows) {
            throw new IllegalArgumentException("cannot set " + rows + " rows on a buffer of "
                    + capacityRows + "x" + cols);
        }
        this.rows = rows;
        return this;
    }

    /** A view of rows [from, from + count) sharing this matrix's storage. */
    public Matrix rowView(int from, int count) {
        if (from < 0 || count < 0 || from + count > rows) {
            throw new IllegalArgumentException("rows [" + from + ", " + (from + count)
                    + ") outside a " + shape() + " matrix");
        }
        return new Matrix(data, offset + from * cols, count, cols, count);
    }

    public float get(int i, int j) {
        return data[index(i, j)];
    }

    public void set(int i, int j, float v) {
        data[index(i, j)] = v;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + shape());
        }
        return offset + i * cols + j;
    }

    /** Copies row i into a new array. */
    public float[] row(int i) {
        float[] r = new float[cols];
        System.arraycopy(data, rowOffset(i), r, 0, cols);
        return r;
    }

    /** Sets every element of the logical rows to v. */
    public Matrix fill(float v) {
        Arrays.fill(data, offset, offset + size(), v);
        return this;
    }

    /** Copies src (same shape) into this matrix. */
    public Matrix copyFrom(Matrix src) {
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("cannot copy a " + src.shape() + " matrix into a "
                    + shape() + " matrix");
        }
        System.arraycopy(src.data, src.offset, data, offset, size());
        return this;
    }

    /** A compact copy of the logical rows. */
    public Matrix copy() {
        Matrix m = of(rows, cols);
        System.arraycopy(data, offset, m.data, 0, size());
        return m;
    }

    /** A compact copy of the logical rows as a fresh array. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size());
    }

    /** "rows x cols", as used in error messages. */
    public String shape() {
        return rows + "x" + cols;
    }

    /** True if the stored ranges of this matrix and other overlap. */
    public boolean overlaps(Matrix other) {
        if (data != other.data || size() == 0 || other.size() == 0) {
            return false;
        }
        return offset < other.offset + other.size() && other.offset < offset + size();
    }

    @Override
    public String toString() {
        return "Matrix[" + shape() + "]";
    }
}
