package org.sbi4j.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.EstimatorSettings;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;

/** Builds the library's {@link EstimatorSpec} from command-line options or a job's estimator. */
public final class Estimators {

    private Estimators() {
    }

    /**
     * The spec of kind {@code type} with the given sizes (null: the kind's default; a size the
     * kind has no setting for is refused with the kind's keys), the embedding of kind
     * {@code embedding} and {@code ensemble} members.
     */
    public static EstimatorSpec spec(String type, Integer hidden, Integer transforms, Integer bins,
                              Integer components, String embedding, int[] embHidden,
                              Integer embOutputs, int ensemble) {
        Map<String, Object> given = new LinkedHashMap<>();
        put(given, "hidden_features", hidden);
        put(given, "transforms", transforms);
        put(given, "bins", bins);
        put(given, "components", components);
        EstimatorSettings settings = EstimatorKinds.bind(type, given);
        EmbeddingSettings emb = embedding(embedding, embHidden, embOutputs);
        return new EstimatorSpec(settings, emb, ensemble);
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    /**
     * The embedding of kind {@code type} (null: none) with the given hidden widths and output
     * size (null: the kind's default, for mlp 50,50 and 20).
     */
    public static EmbeddingSettings embedding(String type, int[] hidden, Integer outputs) {
        Map<String, Object> given = new LinkedHashMap<>();
        put(given, "hidden", hidden);
        put(given, "outputs", outputs);
        return EmbeddingKinds.bind(type == null ? "none" : type, given);
    }

    /** The spec of a job file's estimator section (its settings bound onto the kind's defaults). */
    public static EstimatorSpec fromJob(org.sbi4j.workflow.job.EstimatorSpec e) {
        EmbeddingSettings emb = e.embedding() == null ? EmbeddingKinds.defaults("none")
                : e.embedding().toSettings();
        return new EstimatorSpec(e.toSettings(), emb, e.ensembleSize());
    }

    public static int[] ints(List<Integer> v) {
        return v == null ? null : v.stream().mapToInt(Integer::intValue).toArray();
    }
}
