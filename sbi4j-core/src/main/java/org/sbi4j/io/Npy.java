package org.sbi4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sbi4j.tensor.Matrix;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0, NEP 1:
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 *
 * <p>Supported: little-endian float32 ({@code <f4}), float64 ({@code <f8}) and int64 ({@code <i8})
 * in C (row-major) order. Files are written as version 1.0 (2.0 only when the header exceeds
 * 65535 bytes), exactly as {@code numpy.save} writes them, so {@code numpy.load} reads them.
 * Big-endian, Fortran-order and other dtypes are refused with a {@link FileFormatException} that
 * names the source and says how to convert the array in numpy; so is a truncated file.
 * Data are streamed in 64 KiB chunks, so files need not fit in memory twice.
 */
public final class Npy {

    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /** Writes {@code m} as a 2-D float32 array of shape (rows, cols). */
    public static void write(Path path, Matrix m) throws IOException {
        boolean compact = m.offset() == 0 && m.data().length == m.size();
        write(path, compact ? NpyArray.ofFloat(m.data(), m.rows(), m.cols()) : NpyArray.of(m));
    }

    /** Writes {@code values} as a 1-D int64 array (e.g. simulation indices). */
    public static void writeLong(Path path, long[] values) throws IOException {
        write(path, NpyArray.of(values));
    }

    /** Writes {@code array} to a file, replacing it. */
    public static void write(Path path, NpyArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), CHUNK)) {
            write(out, array);
        }
    }

    /** The complete {@code .npy} encoding of {@code array}. */
    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the encoding of {@code array} to {@code out} (which is not closed). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(new NpyHeader(array.dtype(), array.shape()).encode());
        int n = array.size();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK / array.dtype().itemSize();
        for (int from = 0; from < n; from += per) {
            int k = Math.min(per, n - from);
            buf.clear();
            switch (array.dtype()) {
                case FLOAT32 -> buf.asFloatBuffer().put(array.floats(), from, k);
                case FLOAT64 -> buf.asDoubleBuffer().put(array.doubles(), from, k);
                case INT64 -> buf.asLongBuffer().put(array.longs(), from, k);
            }
            out.write(buf.array(), 0, k * array.dtype().itemSize());
        }
    }

    /** Reads an {@code .npy} file. */
    public static NpyArray read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
            return read(in, path.toString());
        }
    }

    /** Reads an {@code .npy} file as a float32 matrix (see {@link NpyArray#toMatrix()}). */
    public static Matrix readMatrix(Path path) throws IOException {
        NpyArray a = read(path);
        try {
            return a.toMatrix();
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path.toString(), e.getMessage());
        }
    }

    /** Decodes a complete {@code .npy} encoding; {@code source} names it in error messages. */
    public static NpyArray fromBytes(byte[] bytes, String source) throws IOException {
        return read(new ByteArrayInputStream(bytes), source);
    }

    /**
     * Reads one array from {@code in} (not closed; bytes after the data are not consumed).
     *
     * @param source names the stream in error messages, e.g. the file path
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        byte[] pre = new byte[8];
        if (in.readNBytes(pre, 0, 8) < 8 || !Arrays.equals(pre, 0, 6, NpyHeader.MAGIC, 0, 6)) {
            throw new FileFormatException(source, "not an .npy file (it does not start with"
                    + " the magic string \\x93NUMPY)");
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        if (major < 1 || major > 3) {
            throw new FileFormatException(source, "unsupported .npy format version " + major + "."
                    + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = readFully(in, lenBytes, source, "header length");
        long len = (lb[0] & 0xFF) | (lb[1] & 0xFF) << 8;
        if (lenBytes == 4) {
            len |= (long) (lb[2] & 0xFF) << 16 | (long) (lb[3] & 0xFF) << 24;
        }
        if (len > 1 << 24) {
            throw new FileFormatException(source, "implausible .npy header length " + len);
        }
        byte[] text = readFully(in, (int) len, source, "header");
        String header = new String(text, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        NpyHeader h = NpyHeader.parse(header, source);
        return readData(in, h, source);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what)
            throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new FileFormatException(source, "truncated .npy file: the " + what + " needs "
                    + n + " bytes, only " + b.length + " remain");
        }
        return b;
    }

    /**
     * Reads the data the header declares. The array grows with the data read (from
     * {@value #FIRST_ELEMENTS} elements, doubling), so a header declaring more data than the
     * stream holds is reported as truncated without first allocating what it declares.
     */
    private static NpyArray readData(InputStream in, NpyHeader h, String source)
            throws IOException {
        int[] shape = h.shape();
        int n = (int) NpyArray.checkedSize(shape);
        int item = h.dtype().itemSize();
        Object data = allocate(h.dtype(), Math.min(n, FIRST_ELEMENTS));
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK / item;
        for (int from = 0; from < n; from += per) {
            int k = Math.min(per, n - from);
            int got = in.readNBytes(chunk, 0, k * item);
            if (got < k * item) {
                throw new FileFormatException(source, "truncated .npy file: shape "
                        + Arrays.toString(shape) + " of " + h.dtype().descr() + " needs "
                        + (long) n * item + " data bytes, the file has only "
                        + ((long) from * item + got));
            }
            if (from + k > java.lang.reflect.Array.getLength(data)) {
                data = grow(data, (int) Math.min(n, Math.max(from + k,
                        2L * java.lang.reflect.Array.getLength(data))));
            }
            buf.clear();
            switch (data) {
                case float[] f -> buf.asFloatBuffer().get(f, from, k);
                case double[] d -> buf.asDoubleBuffer().get(d, from, k);
                case long[] l -> buf.asLongBuffer().get(l, from, k);
                default -> throw new AssertionError(data);
            }
        }
        return switch (data) {
            case float[] f -> NpyArray.ofFloat(f, shape);
            case double[] d -> NpyArray.ofDouble(d, shape);
            case long[] l -> NpyArray.ofLong(l, shape);
            default -> throw new AssertionError(data);
        };
    }

    /** Elements allocated before any data is read (4 MiB of float32). */
    private static final int FIRST_ELEMENTS = 1 << 20;

    private static Object allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
        };
    }

    private static Object grow(Object data, int n) {
        return switch (data) {
            case float[] f -> Arrays.copyOf(f, n);
            case double[] d -> Arrays.copyOf(d, n);
            case long[] l -> Arrays.copyOf(l, n);
            default -> throw new AssertionError(data);
        };
    }

    /**
     * The header bytes (magic, version, length, padded dict) numpy writes before the data of a
     * C-order array, for writers that stream arrays too large for one Java array.
     */
    public static byte[] header(DType dtype, long... shape) {
        return NpyHeader.encode(dtype, shape);
    }
}
