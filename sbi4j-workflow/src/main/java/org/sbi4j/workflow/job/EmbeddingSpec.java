package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.posterior.EmbeddingSettings;

/**
 * An embedding network that maps x to a summary before the density estimator, trained jointly:
 * {@code embedding: mlp} or a mapping with {@code type} (any registered embedding kind,
 * {@link EmbeddingKinds#names()}; {@code cnn} names {@code conv1d}) and any of that kind's
 * settings by their snake_case names. The 0.1.0 keys {@code hidden_features} and
 * {@code output_features} still name an embedding's {@code hidden} and {@code outputs}.
 *
 * @param type     the registered kind (lower case)
 * @param settings the kind's settings given in the job
 */
public record EmbeddingSpec(String type, Map<String, Object> settings) {

    /** Older names of kinds and settings, still read. */
    private static final Map<String, String> KIND_ALIASES = Map.of("cnn", "conv1d");
    private static final Map<String, String> KEY_ALIASES = Map.of("hidden_features", "hidden",
            "output_features", "outputs");

    public EmbeddingSpec {
        if (type == null) {
            throw new IllegalArgumentException("embedding needs a 'type': one of "
                    + String.join(", ", EmbeddingKinds.names()));
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        type = KIND_ALIASES.getOrDefault(type, type);
        Map<String, Object> s = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> s.put(KEY_ALIASES.getOrDefault(k, k), v));
        }
        settings = Map.copyOf(EstimatorSpec.checkValues("embedding", s));
        EmbeddingKinds.bind(type, settings); // refuses unknown kinds, keys and values now
    }

    /** The keys a mapping of this kind may hold besides {@code type} (the older names too). */
    static java.util.List<String> settingKeys(String kind) {
        String k = KIND_ALIASES.getOrDefault(kind, kind);
        java.util.List<String> keys = new java.util.ArrayList<>(EmbeddingKinds.describe(k).keySet());
        KEY_ALIASES.forEach((old, now) -> {
            if (keys.contains(now)) {
                keys.add(old);
            }
        });
        return keys;
    }

    /** {@code embedding: mlp} or a mapping with {@code type} and settings. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EmbeddingSpec fromJson(Object value) {
        if (value instanceof String s) {
            return new EmbeddingSpec(s, Map.of());
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'embedding' must be a kind name or a mapping, got "
                    + value);
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        m.forEach((k, v) -> rest.put(String.valueOf(k), v));
        Object type = rest.remove("type");
        return new EmbeddingSpec(type == null ? null : String.valueOf(type), rest);
    }

    /** The kind's settings record: its defaults with the job's settings applied. */
    public EmbeddingSettings toSettings() {
        return EmbeddingKinds.bind(type, settings);
    }
}
