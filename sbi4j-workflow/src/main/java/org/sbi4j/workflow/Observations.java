package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.tensor.Matrix;

/**
 * Observation files (one row per observation: .csv, its header row optional — a first row of
 * numbers is data —, or .npy, 1-D for one observation) and the output files named after them: FILE for one row, FILE-k (k from 1)
 * before the extension for several.
 */
public final class Observations {

    private Observations() {
    }

    /** The observations in {@code file}, each checked for length {@code xDim} and finiteness. */
    public static List<float[]> read(Path file, int xDim) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Matrix m;
        if (lower(file).endsWith(".npy")) {
            NpyArray a = Npy.read(file);
            if (a.ndim() == 0 || a.ndim() > 2) {
                throw new IllegalArgumentException("observation file " + file + " holds a "
                        + a.ndim() + "-d array; give one observation per row (2-d) or one (1-d)");
            }
            m = a.toMatrix();
            if (a.ndim() == 1) {
                m = Matrix.wrap(m.data(), 1, m.rows());
            }
        } else if (lower(file).endsWith(".csv")) {
            m = Csv.readHeaderOptional(file).values();
        } else {
            throw new IllegalArgumentException("observation file " + file
                    + " must end in .csv or .npy");
        }
        return check(m, "observation file " + file, xDim);
    }

    /** The rows of m, checked: at least one, {@code xDim} values each, all finite. */
    public static List<float[]> check(Matrix m, String what, int xDim) {
        return check(m, what, xDim, false);
    }

    /**
     * The rows of m, checked: at least one, {@code xDim} values each, all finite, except NaN
     * when {@code nanPadding} (an embedding that masks NaN padding, e.g. deepsets).
     */
    public static List<float[]> check(Matrix m, String what, int xDim, boolean nanPadding) {
        if (m.rows() == 0) {
            throw new IllegalArgumentException(what + " holds no rows");
        }
        if (m.cols() != xDim) {
            throw new IllegalArgumentException(what + " has " + m.cols()
                    + " values per row but the model expects x of dimension " + xDim);
        }
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < m.rows(); i++) {
            float[] row = new float[xDim];
            for (int j = 0; j < xDim; j++) {
                row[j] = m.get(i, j);
                if (!Float.isFinite(row[j]) && !(nanPadding && Float.isNaN(row[j]))) {
                    throw new IllegalArgumentException("observation " + (i + 1) + " in " + what
                            + " has " + row[j] + " in column " + (j + 1)
                            + "; observations must be finite");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** FILE for a single output, else FILE with "-k" before the extension (k from 1). */
    public static Path numbered(Path file, int k, int count) {
        if (count == 1) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return file.resolveSibling(base + "-" + k + ext);
    }

    /** Writes samples as .csv (header = names) or .npy (float32, C order). */
    public static void writeSamples(Path file, List<String> names, Matrix samples) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (lower(file).endsWith(".npy")) {
            Npy.write(file, samples);
        } else {
            Csv.write(file, names, samples);
        }
    }

    /** Checks an output name ends in .csv or .npy. */
    public static void checkSampleFile(Path file) {
        String n = lower(file);
        if (!n.endsWith(".csv") && !n.endsWith(".npy")) {
            throw new IllegalArgumentException("output " + file + " must end in .csv or .npy");
        }
    }

    /** The file name in lower case (for extension checks). */
    public static String lower(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
