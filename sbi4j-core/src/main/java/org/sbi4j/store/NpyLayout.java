package org.sbi4j.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sbi4j.io.DType;
import org.sbi4j.io.FileFormatException;

/**
 * Where the data of an {@code .npy} file lie, for files too large to read into one Java array:
 * the dtype, the shape (as longs) and the byte offset of the first element (NEP 1, numpy's
 * "format.py"). The data of a C-order array follow the header contiguously, so element k of a
 * float32 array is at {@code dataOffset + 4k}.
 *
 * <p>{@link #header} formats a header exactly as {@code numpy.save} (and
 * {@link org.sbi4j.io.Npy}) writes it, so that a file streamed in pieces is byte-for-byte the file
 * {@code Npy.write} would produce. {@link #read} accepts the headers numpy writes for
 * little-endian {@code <f4}, {@code <f8} and {@code <i8} C-order arrays.
 *
 * @param dtype      element type
 * @param shape      extents, C order
 * @param dataOffset bytes before the first element (a multiple of 64 for files numpy writes)
 */
public record NpyLayout(DType dtype, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Number of elements (product of the shape). */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** Rows: the first extent (1 for a 0-d array). */
    public long rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Elements per row: the product of all extents but the first. */
    public long rowSize() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The header bytes (magic, version, length, padded dict) numpy writes for this array. */
    public static byte[] header(DType dtype, long... shape) {
        return org.sbi4j.io.Npy.header(dtype, shape);
    }

    /** Reads the header of {@code path} and checks that the file holds all the data. */
    public static NpyLayout read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, path.toString());
        }
    }

    /** Reads the header at the start of {@code ch}; {@code source} names it in messages. */
    public static NpyLayout read(FileChannel ch, String source) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12);
        ch.read(pre, 0);
        byte[] p = pre.array();
        if (pre.position() < 10 || !Arrays.equals(p, 0, 6, MAGIC, 0, 6)) {
            throw new FileFormatException(source, "not an .npy file (it does not start with"
                    + " the magic string \\x93NUMPY)");
        }
        int major = p[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw new FileFormatException(source, "unsupported .npy format version " + major);
        }
        int prefix = major == 1 ? 10 : 12;
        long len = (p[8] & 0xFF) | (p[9] & 0xFF) << 8;
        if (major > 1) {
            len |= (long) (p[10] & 0xFF) << 16 | (long) (p[11] & 0xFF) << 24;
        }
        if (len > 1 << 24) {
            throw new FileFormatException(source, "implausible .npy header length " + len);
        }
        ByteBuffer text = ByteBuffer.allocate((int) len);
        ch.read(text, prefix);
        String h = new String(text.array(), 0, text.position(), major == 3
                ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyLayout layout = parse(h, source, prefix + len);
        long need = layout.dataOffset + layout.size() * layout.dtype.itemSize();
        if (ch.size() < need) {
            throw new FileFormatException(source, "truncated .npy file: shape "
                    + Arrays.toString(layout.shape) + " of " + layout.dtype.descr() + " needs "
                    + need + " bytes, the file has " + ch.size());
        }
        return layout;
    }

    private static NpyLayout parse(String h, String source, long offset)
            throws FileFormatException {
        Matcher d = DESCR.matcher(h);
        Matcher f = FORTRAN.matcher(h);
        Matcher s = SHAPE.matcher(h);
        if (!d.find() || !f.find() || !s.find()) {
            throw new FileFormatException(source, "the .npy header lacks 'descr', 'fortran_order'"
                    + " or 'shape': " + h.strip());
        }
        DType dtype = null;
        for (DType t : DType.values()) {
            if (t.descr().equals(d.group(1))) {
                dtype = t;
            }
        }
        if (dtype == null) {
            throw new FileFormatException(source, "unsupported dtype '" + d.group(1)
                    + "' (supported: <f4, <f8, <i8)");
        }
        String[] parts = s.group(1).split(",");
        long[] shape = Arrays.stream(parts).map(String::strip).filter(t -> !t.isEmpty())
                .mapToLong(t -> parseExtent(t, source, h)).toArray();
        if (f.group(1).equals("True") && Arrays.stream(shape).filter(e -> e > 1).count() > 1) {
            throw new FileFormatException(source, "Fortran-order data of shape "
                    + Arrays.toString(shape) + " is not supported; save np.ascontiguousarray(arr)");
        }
        return new NpyLayout(dtype, shape, offset);
    }

    private static long parseExtent(String t, String source, String h) {
        try {
            long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + ": bad extent '" + t + "' in .npy header "
                + h.strip());
    }
}
