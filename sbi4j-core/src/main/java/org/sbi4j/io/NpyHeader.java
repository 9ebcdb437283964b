package org.sbi4j.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of an {@code .npy} file: a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} (NEP 1, "format.py" in
 * numpy). Parsed with a tiny literal parser (strings, integers, booleans, tuples, lists, dicts),
 * formatted exactly as numpy writes it, padded with spaces and a final newline so that the data
 * start at a multiple of 64 bytes.
 */
record NpyHeader(DType dtype, int[] shape) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int ALIGN = 64;

    /** The bytes of the complete preamble: magic, version, header length, header text. */
    byte[] encode() {
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
        }
        return encode(dtype, dims);
    }

    /** The preamble numpy writes for a C-order array of this dtype and shape (any size). */
    static byte[] encode(DType dtype, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        sb.append(shape.length == 1 ? ",), }" : "), }");
        int prefix = 10;
        int total = pad(prefix + sb.length() + 1);
        if (total - prefix > 0xFFFF) {
            prefix = 12;
            total = pad(prefix + sb.length() + 1);
        }
        while (sb.length() < total - prefix - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = (byte) (prefix == 10 ? 1 : 2);
        out[7] = 0;
        int len = text.length;
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        if (prefix == 12) {
            out[10] = (byte) (len >>> 16);
            out[11] = (byte) (len >>> 24);
        }
        System.arraycopy(text, 0, out, prefix, len);
        return out;
    }

    private static int pad(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Parses and validates the header dict text of {@code source}. */
    static NpyHeader parse(String text, String source) throws FileFormatException {
        Object v;
        try {
            Parser p = new Parser(text.strip());
            v = p.value();
            p.skipSpace();
            if (p.pos != p.s.length()) {
                throw p.error("unexpected text after the header dict");
            }
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source, "malformed .npy header " + quote(text) + ": "
                    + e.getMessage());
        }
        if (!(v instanceof Map<?, ?> dict)) {
            throw new FileFormatException(source, "the .npy header is not a dict: " + quote(text));
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new FileFormatException(source, "the .npy header lacks 'descr', 'fortran_order'"
                    + " or 'shape': " + quote(text));
        }
        return new NpyHeader(checkDescr(descr, source), checkShape(shape, fortran, source));
    }

    private static DType checkDescr(Object descr, String source) throws FileFormatException {
        if (!(descr instanceof String d)) {
            throw new FileFormatException(source, "structured dtype " + descr
                    + " is not supported (supported: <f4, <f8, <i8)");
        }
        DType t = DType.fromDescr(d);
        if (t != null) {
            return t;
        }
        if (d.startsWith(">") && d.length() > 2 && !d.endsWith("1")) {
            throw new FileFormatException(source, "big-endian data ('" + d + "') is not supported;"
                    + " convert with arr.astype('<" + d.substring(1) + "')");
        }
        throw new FileFormatException(source, "unsupported dtype '" + d
                + "' (supported: <f4 float32, <f8 float64, <i8 int64)");
    }

    private static int[] checkShape(Object shape, Object fortran, String source)
            throws FileFormatException {
        if (!(fortran instanceof Boolean f)) {
            throw new FileFormatException(source, "'fortran_order' is not True or False: " + fortran);
        }
        if (!(shape instanceof List<?> dims)) {
            throw new FileFormatException(source, "'shape' is not a tuple: " + shape);
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(dims.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new FileFormatException(source, "bad extent in shape " + dims);
            }
            out[i] = (int) (long) l;
        }
        try {
            NpyArray.checkedSize(out);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source, e.getMessage());
        }
        if (f && nonUnitDims(out) > 1) {
            throw new FileFormatException(source, "Fortran-order (column-major) data of shape "
                    + Arrays.toString(out) + " is not supported; save np.ascontiguousarray(arr)");
        }
        return out;
    }

    private static int nonUnitDims(int[] shape) {
        int n = 0;
        for (int s : shape) {
            n += s > 1 ? 1 : 0;
        }
        return n;
    }

    private static String quote(String text) {
        String t = text.strip();
        return "\"" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "\"";
    }

    /** Recursive-descent parser for the Python literals that appear in .npy headers. */
    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> dict();
                case '(' -> sequence(')');
                case '[' -> sequence(']');
                case '\'', '"' -> string(c);
                default -> word();
            };
        }

        Map<Object, Object> dict() {
            Map<Object, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                Object key = value();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= s.length() || s.charAt(pos) != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        List<Object> sequence(char close) {
            List<Object> list = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                    return list;
                }
                list.add(value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= s.length() || s.charAt(pos) != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        String string(char q) {
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        Object word() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos))
                    || s.charAt(pos) == '-' || s.charAt(pos) == '_')) {
                pos++;
            }
            String w = s.substring(start, pos);
            if (w.equals("True") || w.equals("False")) {
                return w.equals("True");
            }
            try {
                return Long.parseLong(w.endsWith("L") ? w.substring(0, w.length() - 1) : w);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("unexpected token '" + w + "'");
            }
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }
    }
}
