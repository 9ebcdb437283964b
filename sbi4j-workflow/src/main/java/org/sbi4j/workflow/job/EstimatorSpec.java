package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.EstimatorSettings;

/**
 * The density estimator of a job: {@code estimator: nsf} or a mapping with {@code type} (any
 * registered estimator kind, {@link EstimatorKinds#names()}), optional {@code ensemble} and
 * {@code embedding}, and any of that kind's settings by their snake_case names (e.g. nsf's
 * {@code transforms, bins, tail_bound, hidden_features, blocks, activation, lu_linear,
 * nflows_conditioner}); settings not given keep the kind's defaults. The settings are bound
 * (and checked) when the job is read, so a misspelled key or a bad value is reported before any
 * simulation, naming the kind's valid keys.
 *
 * @param type      the registered kind (lower case)
 * @param settings  the kind's settings given in the job (snake_case key → value)
 * @param ensemble  number of independently trained estimators averaged (null: 1)
 * @param embedding optional embedding network for x
 */
public record EstimatorSpec(String type, Map<String, Object> settings, Integer ensemble,
                            EmbeddingSpec embedding) {

    /** Keys of the mapping that are not the kind's own settings. */
    static final List<String> OWN_KEYS = List.of("type", "ensemble", "embedding");

    /** nsf with every setting at its default. */
    public static final EstimatorSpec DEFAULT = new EstimatorSpec("nsf", Map.of(), null, null);

    /** The method's default kind ({@code nsf}; {@code maf} for nle, snle) at its defaults. */
    public static EstimatorSpec defaultFor(org.sbi4j.npe.MethodSettings method) {
        String kind = method.defaultEstimator();
        return kind.equals(DEFAULT.type()) ? DEFAULT : new EstimatorSpec(kind, Map.of(), null, null);
    }

    public EstimatorSpec {
        if (type == null) {
            throw new IllegalArgumentException("estimator needs a 'type': one of "
                    + String.join(", ", EstimatorKinds.names()));
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        settings = settings == null ? Map.of() : Map.copyOf(checkValues("estimator", settings));
        if (ensemble != null && ensemble < 1) {
            throw new IllegalArgumentException("estimator 'ensemble' must be at least 1, got "
                    + ensemble);
        }
        EstimatorKinds.bind(type, settings); // refuses unknown kinds, keys and values now
    }

    /** The settings, refusing a key given without a value (e.g. {@code bins:} in YAML). */
    static Map<String, Object> checkValues(String what, Map<String, Object> settings) {
        settings.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException(what + " setting '" + k + "' has no value");
            }
        });
        return settings;
    }

    /** {@code estimator: nsf} (a kind name) or the mapping described above. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EstimatorSpec fromJson(Object value) {
        if (value instanceof String s) {
            return new EstimatorSpec(s, Map.of(), null, null);
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'estimator' must be a kind name or a mapping, got "
                    + value);
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        m.forEach((k, v) -> rest.put(String.valueOf(k), v));
        Object type = rest.remove("type");
        Object ensemble = rest.remove("ensemble");
        Object embedding = rest.remove("embedding");
        if (ensemble != null && !(ensemble instanceof Integer)) {
            throw new IllegalArgumentException("estimator 'ensemble' must be a whole number, got "
                    + ensemble);
        }
        return new EstimatorSpec(type == null ? null : String.valueOf(type), rest,
                (Integer) ensemble, embedding == null ? null : EmbeddingSpec.fromJson(embedding));
    }

    /** The kind's settings record: its defaults with the job's settings applied. */
    public EstimatorSettings toSettings() {
        return EstimatorKinds.bind(type, settings);
    }

    /** Ensemble size, 1 when unset. */
    public int ensembleSize() {
        return ensemble == null ? 1 : ensemble;
    }
}
