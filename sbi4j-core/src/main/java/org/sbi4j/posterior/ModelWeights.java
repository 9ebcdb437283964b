package org.sbi4j.posterior;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;

/**
 * The weights of an estimator in a model file. Format 2: one array per parameter, named
 * {@value #PREFIX} + the parameter's name (unique across the estimator), of the parameter's
 * shape. Format 1: one row "weights" holding every value in parameter order.
 */
public final class ModelWeights {

    /** Prefix of the array of each parameter in format 2. */
    static final String PREFIX = "param.";
    /** The flat array of format 1. */
    static final String FLAT = "weights";

    private ModelWeights() {
    }

    /** One array per parameter (format 2); refused if two parameters share a name. */
    public static Map<String, float[][]> arrays(List<Param> params) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (Param p : params) {
            Matrix v = p.value();
            float[][] rows = new float[v.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = v.row(i);
            }
            if (out.put(PREFIX + p.name(), rows) != null) {
                throw new IllegalStateException("two parameters of the estimator are named '"
                        + p.name() + "': a model file keys weights by name");
            }
        }
        return out;
    }

    /**
     * Sets params from the arrays of a model file of the given format version; every
     * parameter must be present with its shape, and no unknown parameter may be stored.
     */
    public static void load(List<Param> params, Map<String, float[][]> arrays, int version)
            throws IOException {
        if (version == 1) {
            float[][] w = arrays.get(FLAT);
            if (w == null || w.length != 1 || w[0].length != Params.count(params)) {
                throw new IOException("the file holds " + (w == null ? 0 : (long) w.length
                        * (w.length == 0 ? 0 : w[0].length)) + " weights, its architecture needs "
                        + Params.count(params));
            }
            Params.setValues(params, w[0]);
            return;
        }
        Set<String> expected = new HashSet<>();
        for (Param p : params) {
            expected.add(PREFIX + p.name());
            float[][] a = arrays.get(PREFIX + p.name());
            Matrix v = p.value();
            if (a == null) {
                throw new IOException("the file lacks the weights of parameter '" + p.name()
                        + "' (" + v.rows() + "×" + v.cols() + ")");
            }
            int cols = a.length == 0 ? 0 : a[0].length;
            if (a.length != v.rows() || cols != v.cols()) {
                throw new IOException("parameter '" + p.name() + "' is stored as " + a.length
                        + "×" + cols + ", the architecture needs " + v.rows() + "×" + v.cols());
            }
            for (int i = 0; i < a.length; i++) {
                System.arraycopy(a[i], 0, v.data(), v.rowOffset(i), cols);
            }
        }
        for (String name : arrays.keySet()) {
            if (name.startsWith(PREFIX) && !expected.contains(name)) {
                throw new IOException("the file holds weights of parameter '"
                        + name.substring(PREFIX.length()) + "', which its architecture lacks");
            }
        }
    }
}
