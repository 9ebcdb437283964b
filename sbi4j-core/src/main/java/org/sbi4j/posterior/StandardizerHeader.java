package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.Map;
import org.sbi4j.data.Standardizer;

/**
 * A {@link Standardizer} in a model-file header under a prefix p: {@code p.mean} and
 * {@code p.std} (comma-separated doubles) and, from format 3 on, {@code p.log}: the columns
 * mapped by v ↦ log(v − a) before z-scoring as comma-separated {@code j:a} pairs ("" for none).
 */
public final class StandardizerHeader {

    private StandardizerHeader() {
    }

    /** Puts z under prefix into the header h. */
    public static void put(Map<String, String> h, String prefix, Standardizer z) {
        h.put(prefix + ".mean", join(z.mean()));
        h.put(prefix + ".std", join(z.std()));
        h.put(prefix + ".log", logText(z.logShifts()));
    }

    /**
     * The standardizer under prefix in a header of the given format version, of dimension dim.
     *
     * @throws IllegalArgumentException naming a missing or malformed entry
     */
    public static Standardizer read(Map<String, String> h, String prefix, int version, int dim) {
        Standardizer z = Standardizer.of(doubles(HeaderText.need(h, prefix + ".mean")),
                doubles(HeaderText.need(h, prefix + ".std")));
        if (z.dim() != dim) {
            throw new IllegalArgumentException("'" + prefix + ".mean' has " + z.dim()
                    + " values, the model needs " + dim);
        }
        return z.withLog(logShifts(version >= 3 ? HeaderText.need(h, prefix + ".log") : "", dim));
    }

    /** The entry of key; refused naming it when missing. */
    public static String need(Map<String, String> h, String key) {
        return HeaderText.need(h, key);
    }

    private static String logText(double[] shift) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < shift.length; j++) {
            if (!Double.isNaN(shift[j])) {
                b.append(b.isEmpty() ? "" : ",").append(j).append(':').append(shift[j]);
            }
        }
        return b.toString();
    }

    private static double[] logShifts(String text, int d) {
        double[] a = new double[d];
        Arrays.fill(a, Double.NaN);
        for (String t : text.isBlank() ? new String[0] : text.split(",")) {
            int colon = t.indexOf(':');
            int j = Integer.parseInt(t.substring(0, colon).trim());
            if (j < 0 || j >= d) {
                throw new IllegalArgumentException("log-mapped column " + j + " outside "
                        + d + " columns");
            }
            a[j] = Double.parseDouble(t.substring(colon + 1).trim());
        }
        return a;
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
