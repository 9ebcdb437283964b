package org.sbi4j.io;

import java.util.Arrays;
import org.sbi4j.tensor.Matrix;

/**
 * An n-dimensional array as stored in an {@code .npy} file: a dtype, a shape (C order, last index
 * fastest) and the flat data in exactly one of {@code float[]}, {@code double[]} or {@code long[]}.
 *
 * <p>A 0-d array (numpy scalar) has shape {@code []} and one element. Arrays are not copied by the
 * factories or accessors: an NpyArray is a thin carrier between files and {@link Matrix}.
 */
public final class NpyArray {

    private final DType dtype;
    private final int[] shape;
    private final Object data;

    private NpyArray(DType dtype, int[] shape, Object data, int length) {
        long size = checkedSize(shape);
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values but the data array has " + length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /** Number of elements of a shape; rejects negative extents and more than 2^31−1 elements. */
    static long checkedSize(int[] shape) {
        long size = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            size *= s;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold");
            }
        }
        return size;
    }

    /** A float32 array wrapping {@code data} (not copied). */
    public static NpyArray ofFloat(float[] data, int... shape) {
        return new NpyArray(DType.FLOAT32, shape, data, data.length);
    }

    /** A float64 array wrapping {@code data} (not copied). */
    public static NpyArray ofDouble(double[] data, int... shape) {
        return new NpyArray(DType.FLOAT64, shape, data, data.length);
    }

    /** An int64 array wrapping {@code data} (not copied). */
    public static NpyArray ofLong(long[] data, int... shape) {
        return new NpyArray(DType.INT64, shape, data, data.length);
    }

    /** A 2-D float32 array holding a compact copy of the logical rows of {@code m}. */
    public static NpyArray of(Matrix m) {
        return ofFloat(m.toArray(), m.rows(), m.cols());
    }

    /** A 1-D int64 array wrapping {@code values}. */
    public static NpyArray of(long[] values) {
        return ofLong(values, values.length);
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements: the product of the shape. */
    public int size() {
        return (int) checkedSize(shape);
    }

    /** The float32 data (shared); fails unless the dtype is FLOAT32. */
    public float[] floats() {
        return (float[]) require(DType.FLOAT32);
    }

    /** The float64 data (shared); fails unless the dtype is FLOAT64. */
    public double[] doubles() {
        return (double[]) require(DType.FLOAT64);
    }

    /** The int64 data (shared); fails unless the dtype is INT64. */
    public long[] longs() {
        return (long[]) require(DType.INT64);
    }

    private Object require(DType t) {
        if (dtype != t) {
            throw new IllegalStateException("array has dtype " + dtype + ", not " + t);
        }
        return data;
    }

    /** The data converted to double (a new array for every dtype). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        switch (dtype) {
            case FLOAT32 -> {
                float[] f = (float[]) data;
                for (int i = 0; i < out.length; i++) {
                    out[i] = f[i];
                }
            }
            case FLOAT64 -> System.arraycopy(data, 0, out, 0, out.length);
            case INT64 -> {
                long[] l = (long[]) data;
                for (int i = 0; i < out.length; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /**
     * The array as a float32 matrix: shape (r, c) gives r×c, shape (n) gives n×1 (a column, as θ of
     * a one-parameter model). float64 and int64 values are rounded to the nearest float32.
     *
     * @throws IllegalArgumentException for 0-d or more than 2-d arrays
     */
    public Matrix toMatrix() {
        if (shape.length < 1 || shape.length > 2) {
            throw new IllegalArgumentException("a " + shape.length + "-d array of shape "
                    + Arrays.toString(shape) + " is not a matrix (need 1-d or 2-d)");
        }
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        float[] out;
        if (dtype == DType.FLOAT32) {
            out = ((float[]) data).clone();
        } else {
            double[] d = toDoubleArray();
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        }
        return Matrix.wrap(out, rows, cols);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + Arrays.toString(shape) + "]";
    }
}
