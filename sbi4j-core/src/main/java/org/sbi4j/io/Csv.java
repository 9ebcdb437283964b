package org.sbi4j.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sbi4j.tensor.Matrix;

/**
 * Comma-separated values with one header row of column names (RFC 4180 quoting in the header),
 * then one row of numbers per line, UTF-8.
 *
 * <p>Numbers are written with {@link Float#toString(float)}, the shortest decimal that reads
 * back to the same float32, so a write/read round trip is exact; non-finite values are written
 * {@code NaN}, {@code Infinity}, {@code -Infinity}. Reading accepts those and numpy/pandas'
 * {@code nan}, {@code inf}, {@code -inf} (any case); blank lines are skipped. A value that is not a
 * number fails with a {@link FileFormatException} naming the file, line, column and text.
 */
public final class Csv {

    private Csv() {
    }

    /** Writes a header row of {@code names} and the rows of {@code values}. */
    public static void write(Path path, List<String> names, Matrix values) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(w, names, values);
        }
    }

    /** Writes a {@link Table}. */
    public static void write(Path path, Table table) throws IOException {
        write(path, table.names(), table.values());
    }

    /** Writes the CSV text to {@code out} (flushed, not closed). */
    public static void write(Writer out, List<String> names, Matrix values) throws IOException {
        if (names.size() != values.cols()) {
            throw new IllegalArgumentException(names.size() + " column names for a "
                    + values.shape() + " matrix");
        }
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out);
        for (int j = 0; j < names.size(); j++) {
            w.write(j > 0 ? "," : "");
            w.write(quote(names.get(j)));
        }
        w.write('\n');
        float[] d = values.data();
        for (int i = 0; i < values.rows(); i++) {
            int off = values.rowOffset(i);
            for (int j = 0; j < values.cols(); j++) {
                if (j > 0) {
                    w.write(',');
                }
                w.write(Float.toString(d[off + j]));
            }
            w.write('\n');
        }
        w.flush();
    }

    private static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0
                && name.indexOf('\r') < 0 && name.strip().equals(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Reads a CSV file with a header row; a name ending in .gz is read through gzip. */
    public static Table read(Path path) throws IOException {
        boolean gz = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(path);
             Reader r = new BufferedReader(new InputStreamReader(
                     gz ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8.newDecoder()))) {
            return read(r, path.toString());
        } catch (CharacterCodingException e) {
            throw new FileFormatException(path.toString(), "not UTF-8 text"
                    + (gz ? "" : " (a compressed file? name it .csv.gz to read it through gzip)"));
        }
    }

    /**
     * Reads a CSV file whose header row is optional: when every value of the first row reads as
     * a number, that row is data (the columns are named c1, c2, …); otherwise it is the header.
     */
    public static Table readHeaderOptional(Path path) throws IOException {
        Table t = read(path);
        List<String> names = t.names();
        float[] first = new float[names.size()];
        for (int j = 0; j < first.length; j++) {
            try {
                first[j] = parseValue(names.get(j).strip(), 1, j, names, path.toString());
            } catch (FileFormatException e) {
                return t;
            }
        }
        List<String> generated = new ArrayList<>();
        for (int j = 1; j <= first.length; j++) {
            generated.add("c" + j);
        }
        Matrix v = t.values();
        float[] data = new float[first.length + v.rows() * v.cols()];
        System.arraycopy(first, 0, data, 0, first.length);
        for (int i = 0; i < v.rows(); i++) {
            for (int j = 0; j < v.cols(); j++) {
                data[first.length + i * v.cols() + j] = v.get(i, j);
            }
        }
        return new Table(generated, Matrix.wrap(data, v.rows() + 1, first.length));
    }

    /** Reads CSV text; {@code source} names it in error messages. */
    public static Table read(Reader in, String source) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String header = r.readLine();
        if (header == null) {
            throw new FileFormatException(source, "empty file: no header row");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = parseHeader(header, source);
        int cols = names.size();
        float[] data = new float[Math.max(16, cols * 64)];
        int n = 0;
        int lineNo = 1;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (n + cols > data.length) {
                data = Arrays.copyOf(data, Math.max(n + cols, data.length * 2));
            }
            parseRow(line, lineNo, names, data, n, source);
            n += cols;
        }
        int rows = cols == 0 ? 0 : n / cols;
        return new Table(names, Matrix.wrap(Arrays.copyOf(data, n), rows, cols));
    }

    private static void parseRow(String line, int lineNo, List<String> names, float[] out, int off,
            String source) throws FileFormatException {
        int cols = names.size();
        int start = 0;
        for (int j = 0; j < cols; j++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                if (j < cols - 1) {
                    throw new FileFormatException(source, "line " + lineNo + " has " + (j + 1)
                            + " values, the header has " + cols + " columns");
                }
                end = line.length();
            } else if (j == cols - 1) {
                throw new FileFormatException(source, "line " + lineNo + " has more than " + cols
                        + " values, the header has " + cols + " columns");
            }
            out[off + j] = parseValue(line.substring(start, end).strip(), lineNo, j, names, source);
            start = end + 1;
        }
    }

    private static float parseValue(String s, int lineNo, int col, List<String> names,
            String source) throws FileFormatException {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Float.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Float.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Float.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
        try {
            if (last == 'f' || last == 'd' || lower.contains("x") || s.isEmpty()) {
                throw new NumberFormatException();
            }
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new FileFormatException(source, "line " + lineNo + ", column " + (col + 1) + " ('"
                    + names.get(col) + "'): cannot read '" + s + "' as a number");
        }
    }

    /** Splits the header on commas outside double quotes; "" inside quotes is one quote. */
    static List<String> parseHeader(String line, String source) throws FileFormatException {
        List<String> names = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                names.add(wasQuoted ? cur.toString() : cur.toString().strip());
                cur.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new FileFormatException(source, "line 1 (header): unterminated quote");
        }
        names.add(wasQuoted ? cur.toString() : cur.toString().strip());
        if (names.size() == 1 && names.get(0).isEmpty()) {
            throw new FileFormatException(source, "line 1 (header) is empty");
        }
        return names;
    }
}
