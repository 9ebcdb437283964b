package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * The density estimator of a job: {@code estimator: nsf} or a mapping with {@code type} and
 * optional sizes; unset sizes take the flow builders' defaults.
 *
 * @param type           nsf (neural spline flow), maf (masked autoregressive flow) or mdn
 *                       (mixture density network)
 * @param hiddenFeatures width of the hidden layers (nsf, maf, mdn)
 * @param transforms     number of flow transforms (nsf, maf)
 * @param bins           spline bins per dimension (nsf only)
 * @param components     mixture components (mdn only)
 * @param ensemble       number of independently trained estimators averaged (default 1)
 * @param embedding      optional embedding network for x
 */
public record EstimatorSpec(String type, Integer hiddenFeatures, Integer transforms,
                            Integer bins, Integer components, Integer ensemble,
                            EmbeddingSpec embedding) {

    /** The estimator types a job file may name. */
    public static final List<String> TYPES = List.of("nsf", "maf", "mdn");

    /** nsf with every size at its default. */
    public static final EstimatorSpec DEFAULT =
            new EstimatorSpec("nsf", null, null, null, null, null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public EstimatorSpec(@JsonProperty("type") String type,
                         @JsonProperty("hidden_features") Integer hiddenFeatures,
                         @JsonProperty("transforms") Integer transforms,
                         @JsonProperty("bins") Integer bins,
                         @JsonProperty("components") Integer components,
                         @JsonProperty("ensemble") Integer ensemble,
                         @JsonProperty("embedding") EmbeddingSpec embedding) {
        if (type == null) {
            throw new IllegalArgumentException("estimator needs a 'type': one of " + TYPES);
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown estimator type '" + type + "'; known: "
                    + String.join(", ", TYPES));
        }
        positive("hidden_features", hiddenFeatures);
        positive("transforms", transforms);
        positive("bins", bins);
        positive("components", components);
        positive("ensemble", ensemble);
        if (bins != null && !type.equals("nsf")) {
            throw new IllegalArgumentException("estimator 'bins' applies only to nsf, not to "
                    + type);
        }
        if (components != null && !type.equals("mdn")) {
            throw new IllegalArgumentException("estimator 'components' applies only to mdn, not"
                    + " to " + type);
        }
        if (transforms != null && type.equals("mdn")) {
            throw new IllegalArgumentException("estimator 'transforms' applies to nsf and maf,"
                    + " not to mdn");
        }
        this.type = type;
        this.hiddenFeatures = hiddenFeatures;
        this.transforms = transforms;
        this.bins = bins;
        this.components = components;
        this.ensemble = ensemble;
        this.embedding = embedding;
    }

    /** The short form {@code estimator: nsf}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EstimatorSpec ofType(String type) {
        return new EstimatorSpec(type, null, null, null, null, null, null);
    }

    /** Ensemble size, 1 when unset. */
    public int ensembleSize() {
        return ensemble == null ? 1 : ensemble;
    }

    static void positive(String key, Integer v) {
        if (v != null && v < 1) {
            throw new IllegalArgumentException("estimator '" + key + "' must be at least 1, got "
                    + v);
        }
    }
}
