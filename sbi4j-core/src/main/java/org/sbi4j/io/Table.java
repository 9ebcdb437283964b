package org.sbi4j.io;

import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * Named columns of float32 values, as read from a CSV file: column j of {@code values} is called
 * {@code names.get(j)}.
 *
 * @param names  column names, one per column (an unmodifiable copy)
 * @param values n × names.size() values
 */
public record Table(List<String> names, Matrix values) {

    /** Validates that there is one name per column. */
    public Table {
        names = List.copyOf(names);
        if (names.size() != values.cols()) {
            throw new IllegalArgumentException(names.size() + " column names for a "
                    + values.shape() + " matrix");
        }
    }

    /** The index of the column called {@code name}, or −1. */
    public int column(String name) {
        return names.indexOf(name);
    }
}
