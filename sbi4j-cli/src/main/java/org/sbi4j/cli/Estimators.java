package org.sbi4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.EstimatorSettings;
import org.sbi4j.posterior.EmbeddingSpec;
import org.sbi4j.posterior.EstimatorSpec;

/** Builds the library's {@link EstimatorSpec} from command-line options or a job's estimator. */
final class Estimators {

    /** Default embedding sizes (sbi's FCEmbedding: two hidden layers of 50, 20 outputs). */
    static final int[] DEFAULT_EMBEDDING_HIDDEN = {50, 50};
    static final int DEFAULT_EMBEDDING_OUTPUTS = 20;

    private Estimators() {
    }

    /**
     * The spec of kind {@code type} with the given sizes (null: the kind's default; a size the
     * kind has no setting for is refused with the kind's keys), an MLP embedding when
     * {@code embedding} is "mlp", and {@code ensemble} members.
     */
    static EstimatorSpec spec(String type, Integer hidden, Integer transforms, Integer bins,
                              Integer components, String embedding, int[] embHidden,
                              Integer embOutputs, int ensemble) {
        Map<String, Object> given = new LinkedHashMap<>();
        put(given, "hidden_features", hidden);
        put(given, "transforms", transforms);
        put(given, "bins", bins);
        put(given, "components", components);
        EstimatorSettings settings = EstimatorKinds.bind(type, given);
        EmbeddingSpec emb = embedding(embedding, embHidden, embOutputs);
        return new EstimatorSpec(settings, emb, ensemble);
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    static EmbeddingSpec embedding(String type, int[] hidden, Integer outputs) {
        String t = type == null ? "none" : type.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "none" -> EmbeddingSpec.none();
            case "mlp" -> EmbeddingSpec.mlp(hidden == null ? DEFAULT_EMBEDDING_HIDDEN : hidden,
                    outputs == null ? DEFAULT_EMBEDDING_OUTPUTS : outputs);
            default -> throw new IllegalArgumentException("unknown embedding '" + type
                    + "'; choose none or mlp");
        };
    }

    /** The spec of a job file's estimator section. */
    static EstimatorSpec fromJob(org.sbi4j.cli.job.EstimatorSpec e) {
        var emb = e.embedding();
        int[] hidden = emb == null || emb.hiddenFeatures() == null ? null
                : emb.hiddenFeatures().stream().mapToInt(Integer::intValue).toArray();
        return spec(e.type(), e.hiddenFeatures(), e.transforms(), e.bins(), e.components(),
                emb == null ? "none" : emb.type(), hidden,
                emb == null ? null : emb.outputFeatures(), e.ensembleSize());
    }

    static int[] ints(List<Integer> v) {
        return v == null ? null : v.stream().mapToInt(Integer::intValue).toArray();
    }
}
