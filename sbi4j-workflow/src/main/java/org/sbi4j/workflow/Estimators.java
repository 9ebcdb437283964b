package org.sbi4j.workflow;

import java.util.Map;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;

/** Builds the library's {@link EstimatorSpec} from command-line options or a job's estimator. */
public final class Estimators {

    private Estimators() {
    }

    /**
     * The spec of estimator kind {@code kind} with the given settings (snake_case key → value,
     * e.g. from options; unset keys keep the kind's defaults), the embedding of kind
     * {@code embedding} (null: none; {@code cnn} names {@code conv1d}) with its settings, and
     * {@code ensemble} members. Unknown kinds, keys and values are refused naming the valid ones.
     */
    public static EstimatorSpec spec(String kind, Map<String, ?> settings, String embedding,
                                     Map<String, ?> embeddingSettings, int ensemble) {
        EmbeddingSettings emb = new org.sbi4j.workflow.job.EmbeddingSpec(
                embedding == null ? "none" : embedding, Map.copyOf(embeddingSettings)).toSettings();
        return new EstimatorSpec(EstimatorKinds.bind(kind, settings), emb, ensemble);
    }

    /** The spec of a job file's estimator section (its settings bound onto the kind's defaults). */
    public static EstimatorSpec fromJob(org.sbi4j.workflow.job.EstimatorSpec e) {
        EmbeddingSettings emb = e.embedding() == null ? EmbeddingKinds.defaults("none")
                : e.embedding().toSettings();
        return new EstimatorSpec(e.toSettings(), emb, e.ensembleSize());
    }
}
