package org.sbi4j.prob;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the priors; every failure names the offending value. */
final class Checks {

    private Checks() {
    }

    /** Checks that there are {@code dim} names, none blank, all distinct; returns an immutable copy. */
    static List<String> names(List<String> names, int dim, String what) {
        if (names == null) {
            throw new IllegalArgumentException(what + ": parameter names are missing");
        }
        if (names.size() != dim) {
            throw new IllegalArgumentException(what + ": " + names.size() + " parameter names "
                    + names + " given for " + dim + " parameters");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException(what + ": blank parameter name in " + names);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + ": parameter name '" + n
                        + "' appears twice in " + names);
            }
        }
        return List.copyOf(names);
    }

    /** Checks that an array has length {@code dim}. */
    static void length(double[] values, int dim, String what, String label) {
        if (values == null || values.length != dim) {
            throw new IllegalArgumentException(what + ": " + label + " has "
                    + (values == null ? "no" : values.length) + " values, expected " + dim);
        }
    }

    /** Checks that a value is finite. */
    static void finite(double v, String what, String label) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": " + label + " " + v + " must be finite");
        }
    }

    /** Checks that a value is finite and strictly positive. */
    static void positive(double v, String what, String label) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": " + label + " " + v
                    + " must be positive and finite");
        }
    }

    /** Checks that low &lt; high (either may be infinite if {@code allowInfinite}). */
    static void interval(double low, double high, String what, boolean allowInfinite) {
        if (Double.isNaN(low) || Double.isNaN(high)
                || !allowInfinite && (Double.isInfinite(low) || Double.isInfinite(high))) {
            throw new IllegalArgumentException(what + ": bounds [" + low + ", " + high
                    + "] must be " + (allowInfinite ? "numbers" : "finite"));
        }
        if (!(low < high)) {
            throw new IllegalArgumentException(what + ": low " + low + " must be below high " + high);
        }
    }

    /** "kind prior for parameter 'name'", the prefix of every message. */
    static String what(String kind, String name) {
        return kind + " prior for parameter '" + name + "'";
    }
}
