package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.tensor.Matrix;

/**
 * The observed data x_o of a job, one row per observation: either inline rows or a file.
 * <pre>
 * observations: [[0.1, 0.2], [0.3, 0.1]]     # rows
 * observations: [0.1, 0.2]                   # a single row
 * observations: data/x_o.csv                 # a .csv or .npy file (relative to the job file)
 * observations: {rows: [[0.1, 0.2]]}         # or {file: data/x_o.npy}
 * observations: {task: [1, 2]}               # stored observations 1 and 2 of a built-in task
 * </pre>
 *
 * @param rows inline rows (all of one length, finite), or null
 * @param file path of a .csv (header row optional) or .npy file, or null
 * @param task numbers (1-based) of a built-in task's stored observations, or null
 */
public record ObservationsSpec(List<List<Double>> rows, String file, List<Integer> task) {

    public ObservationsSpec {
        int given = (rows != null ? 1 : 0) + (file != null ? 1 : 0) + (task != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("observations need exactly one of 'rows',"
                    + " 'file' or 'task'");
        }
        if (task != null) {
            if (task.isEmpty() || task.stream().anyMatch(k -> k == null || k < 1)) {
                throw new IllegalArgumentException("observations 'task' must list observation"
                        + " numbers from 1, got " + task);
            }
            task = List.copyOf(task);
        } else if (rows != null) {
            rows = checkRows(rows);
        } else {
            String lower = file.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".csv") && !lower.endsWith(".npy")) {
                throw new IllegalArgumentException("observations file must end in .csv or .npy,"
                        + " got '" + file + "'");
            }
        }
    }

    private static List<List<Double>> checkRows(List<List<Double>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("observations 'rows' is empty");
        }
        List<List<Double>> copy = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Double> row = rows.get(i);
            if (row == null || row.isEmpty() || row.size() != rows.getFirst().size()) {
                throw new IllegalArgumentException("observation row " + i + " has "
                        + (row == null ? 0 : row.size()) + " values, row 0 has "
                        + rows.getFirst().size());
            }
            for (Double v : row) {
                if (v == null || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("observation row " + i
                            + " holds the non-finite value " + v);
                }
            }
            copy.add(List.copyOf(row));
        }
        return List.copyOf(copy);
    }

    /** Reads any of the spellings above (used by Jackson). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ObservationsSpec fromJson(Object value) {
        if (value instanceof String s) {
            return new ObservationsSpec(null, s, null);
        }
        if (value instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(v -> v instanceof Number)) {
                return new ObservationsSpec(List.of(numbers(list, 0)), null, null);
            }
            List<List<Double>> rows = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof List<?> row)) {
                    throw new IllegalArgumentException("observation row " + i
                            + " is not a list of numbers: " + list.get(i));
                }
                rows.add(numbers(row, i));
            }
            return new ObservationsSpec(rows, null, null);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"rows".equals(key) && !"file".equals(key) && !"task".equals(key)) {
                    throw new IllegalArgumentException("unknown key '" + key + "' in"
                            + " 'observations'; allowed keys: file, rows, task");
                }
            }
            Object file = map.get("file");
            if (file != null && !(file instanceof String)) {
                throw new IllegalArgumentException("observations 'file' must be a path, got "
                        + file);
            }
            Object rows = map.get("rows");
            ObservationsSpec fromRows = rows == null ? null : fromJson(rows);
            if (fromRows != null && fromRows.file != null) {
                throw new IllegalArgumentException("observations 'rows' must be a list of rows");
            }
            return new ObservationsSpec(fromRows == null ? null : fromRows.rows,
                    (String) file, taskNumbers(map.get("task")));
        }
        throw new IllegalArgumentException("observations must be a list of rows, a .csv/.npy"
                + " file name, or a mapping with 'rows' or 'file'; got " + value);
    }

    private static List<Integer> taskNumbers(Object v) {
        if (v == null) {
            return null;
        }
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        List<Integer> out = new ArrayList<>();
        for (Object k : list) {
            if (!(k instanceof Integer i)) {
                throw new IllegalArgumentException("observations 'task' must list observation"
                        + " numbers, got " + v);
            }
            out.add(i);
        }
        return out;
    }

    private static List<Double> numbers(List<?> row, int i) {
        List<Double> out = new ArrayList<>();
        for (Object v : row) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("observation row " + i
                        + " holds a value that is not a number: " + v);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    /** Number of values per row (inline rows only; -1 for a file or a task). */
    public int xDim() {
        return rows == null ? -1 : rows.getFirst().size();
    }

    /** The inline rows as an n×xDim matrix. */
    public Matrix toMatrix() {
        if (rows == null) {
            throw new IllegalStateException("observations are not inline: see"
                    + " JobComponents.observations");
        }
        Matrix m = Matrix.of(rows.size(), xDim());
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < xDim(); j++) {
                m.data()[m.rowOffset(i) + j] = rows.get(i).get(j).floatValue();
            }
        }
        return m;
    }

    /** The same observations with a relative file resolved against {@code base}. */
    ObservationsSpec resolve(Path base) {
        return file == null ? this
                : new ObservationsSpec(null, base.resolve(file).toString(), null);
    }
}
