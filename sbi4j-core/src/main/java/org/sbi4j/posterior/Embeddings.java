package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.List;

/** Validation and conversions shared by the embedding settings records. */
final class Embeddings {

    private Embeddings() {
    }

    /** An immutable copy of widths, each positive. */
    static List<Integer> widths(String what, List<Integer> widths) {
        if (widths == null) {
            throw new IllegalArgumentException(what + "s must not be null");
        }
        for (Integer v : widths) {
            if (v == null || v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
        }
        return List.copyOf(widths);
    }

    static List<Integer> list(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static void positiveOutputs(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("embedding output size must be positive, got "
                    + outputs);
        }
    }

    static void notNull(String what, Object v) {
        if (v == null) {
            throw new IllegalArgumentException("embedding " + what + " must not be null");
        }
    }

    /** Product of the shape: the flat length of x. */
    static int flatSize(int[] xShape) {
        int n = 1;
        for (int s : xShape) {
            n *= s;
        }
        return n;
    }
}
