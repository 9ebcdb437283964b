package org.sbi4j.tasks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sbi4j.tensor.Matrix;

/**
 * Reads the numeric CSV files (one header row, then rows of numbers; gzip if the name ends in
 * ".gz") that ship as classpath resources under {@code /sbibm/}.
 *
 * <p>A small reader until org.sbi4j.io has a CSV reader that the tasks can use instead; public
 * so that the task packages below org.sbi4j.tasks (e.g. realism) can read their resources.
 * "NaN" reads as NaN (the padding of sets of trials).
 */
public final class TaskResources {

    private TaskResources() {
    }

    /** All data rows of a resource CSV (header skipped), parsed as doubles. */
    public static double[][] readCsv(String resource) {
        try (InputStream raw = TaskResources.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing task resource " + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String header = r.readLine();
            if (header == null) {
                throw new IllegalStateException("empty task resource " + resource);
            }
            int cols = header.split(",", -1).length;
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                rows.add(parse(line, cols, resource, rows.size() + 2));
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task resource " + resource, e);
        }
    }

    private static double[] parse(String line, int cols, String resource, int lineNo) {
        double[] v = new double[cols];
        int start = 0;
        for (int j = 0; j < cols; j++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
                if (j != cols - 1) {
                    throw new IllegalStateException(resource + " line " + lineNo + ": " + (j + 1)
                            + " values, header has " + cols);
                }
            }
            v[j] = Double.parseDouble(line.substring(start, end));
            start = end + 1;
        }
        if (start <= line.length()) {
            throw new IllegalStateException(resource + " line " + lineNo + ": more values than the "
                    + cols + " header columns");
        }
        return v;
    }

    /** The single data row of a resource CSV, as float32. */
    public static float[] readRow(String resource) {
        double[][] rows = readCsv(resource);
        if (rows.length != 1) {
            throw new IllegalStateException(resource + ": expected 1 data row, found " + rows.length);
        }
        return toFloat(rows[0]);
    }

    /** A resource CSV as an n×d float32 matrix. */
    public static Matrix readMatrix(String resource) {
        double[][] rows = readCsv(resource);
        int d = rows.length == 0 ? 0 : rows[0].length;
        Matrix m = Matrix.of(rows.length, d);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                m.data()[i * d + j] = (float) rows[i][j];
            }
        }
        return m;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            f[j] = (float) v[j];
        }
        return f;
    }
}
