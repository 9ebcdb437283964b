package org.sbi4j.workflow.job;

import java.util.List;
import java.util.Locale;

/**
 * An embedding network that maps x to a summary before the density estimator, trained jointly.
 *
 * @param type           mlp (fully connected) or cnn (1-d convolutions over {@code xShape})
 * @param hiddenFeatures widths of the hidden layers (optional; builder default when unset)
 * @param outputFeatures size of the summary (optional; builder default when unset)
 */
public record EmbeddingSpec(String type, List<Integer> hiddenFeatures, Integer outputFeatures) {

    /** The embedding types a job file may name. */
    public static final List<String> TYPES = List.of("mlp", "cnn");

    public EmbeddingSpec {
        if (type == null) {
            throw new IllegalArgumentException("embedding needs a 'type': one of " + TYPES);
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown embedding type '" + type + "'; known: "
                    + String.join(", ", TYPES));
        }
        if (hiddenFeatures != null) {
            for (Integer h : hiddenFeatures) {
                if (h == null || h < 1) {
                    throw new IllegalArgumentException("embedding 'hidden_features' must be"
                            + " positive whole numbers, got " + hiddenFeatures);
                }
            }
            hiddenFeatures = List.copyOf(hiddenFeatures);
        }
        if (outputFeatures != null && outputFeatures < 1) {
            throw new IllegalArgumentException("embedding 'output_features' must be at least 1,"
                    + " got " + outputFeatures);
        }
    }
}
