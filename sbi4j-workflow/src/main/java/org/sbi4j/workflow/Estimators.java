package org.sbi4j.workflow;

import java.util.List;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.flows.MdnSettings;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.posterior.EmbeddingSpec;
import org.sbi4j.posterior.EstimatorSpec;

/** Builds the library's {@link EstimatorSpec} from options by name or a job's estimator. */
public final class Estimators {

    /** Default embedding sizes (sbi's FCEmbedding: two hidden layers of 50, 20 outputs). */
    private static final int[] DEFAULT_EMBEDDING_HIDDEN = {50, 50};
    private static final int DEFAULT_EMBEDDING_OUTPUTS = 20;

    private Estimators() {
    }

    /**
     * The spec of kind {@code type} with the given sizes (null: the builder's default), an MLP
     * embedding when {@code embedding} is "mlp", and {@code ensemble} members.
     */
    public static EstimatorSpec spec(String type, Integer hidden, Integer transforms, Integer bins,
                              Integer components, String embedding, int[] embHidden,
                              Integer embOutputs, int ensemble) {
        EstimatorSpec.Kind kind = EstimatorSpec.Kind.parse(type);
        Record settings = switch (kind) {
            case NSF -> {
                NsfSettings s = NsfSettings.defaults();
                s = hidden == null ? s : s.withHiddenFeatures(hidden);
                s = transforms == null ? s : s.withTransforms(transforms);
                yield bins == null ? s : s.withBins(bins);
            }
            case MAF -> {
                MafSettings s = MafSettings.defaults();
                s = hidden == null ? s : s.withHiddenFeatures(hidden);
                yield transforms == null ? s : s.withTransforms(transforms);
            }
            case MDN -> {
                MdnSettings s = MdnSettings.defaults();
                s = hidden == null ? s : s.withHiddenFeatures(hidden);
                yield components == null ? s : s.withComponents(components);
            }
        };
        if (bins != null && kind != EstimatorSpec.Kind.NSF) {
            throw new IllegalArgumentException("bins apply only to nsf, not to " + type);
        }
        if (components != null && kind != EstimatorSpec.Kind.MDN) {
            throw new IllegalArgumentException("components apply only to mdn, not to " + type);
        }
        EmbeddingSpec emb = embedding(embedding, embHidden, embOutputs);
        return new EstimatorSpec(kind, settings, emb, ensemble);
    }

    /** The embedding of kind none or mlp (null sizes: the defaults). */
    public static EmbeddingSpec embedding(String type, int[] hidden, Integer outputs) {
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
    public static EstimatorSpec fromJob(org.sbi4j.workflow.job.EstimatorSpec e) {
        var emb = e.embedding();
        int[] hidden = emb == null || emb.hiddenFeatures() == null ? null
                : emb.hiddenFeatures().stream().mapToInt(Integer::intValue).toArray();
        return spec(e.type(), e.hiddenFeatures(), e.transforms(), e.bins(), e.components(),
                emb == null ? "none" : emb.type(), hidden,
                emb == null ? null : emb.outputFeatures(), e.ensembleSize());
    }

    /** The list as an array, or null. */
    public static int[] ints(List<Integer> v) {
        return v == null ? null : v.stream().mapToInt(Integer::intValue).toArray();
    }
}
