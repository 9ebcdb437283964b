package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Checks every key of a job file against the record model before any value is built, so a
 * misspelled key is reported as such (with its line) rather than as the missing key it was meant
 * to be. Records are walked through their components (snake_case names, or the
 * {@link JsonProperty} name); {@link PriorSpec} and {@link ObservationsSpec} check their own keys.
 */
final class KeyCheck {

    private static final Set<Class<?>> SELF_CHECKED = Set.of(PriorSpec.class,
            ObservationsSpec.class, MethodSpec.class);

    private final String source;

    private KeyCheck(String source) {
        this.source = source;
    }

    /** Walks the whole document from a fresh parser; throws on the first unknown key. */
    static void check(JsonParser p, Class<?> root, String source) {
        KeyCheck c = new KeyCheck(source);
        if (p.nextToken() != null) {
            c.value(p, root, "");
        }
    }

    private void value(JsonParser p, Type type, String path) {
        Class<?> raw = raw(type);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT && (raw == EstimatorSpec.class
                || raw == EmbeddingSpec.class)) {
            kindObject(p, raw == EmbeddingSpec.class, path);
        } else if (t == JsonToken.START_OBJECT && raw.isRecord() && !SELF_CHECKED.contains(raw)) {
            object(p, raw, path);
        } else if (t == JsonToken.START_ARRAY && List.class.isAssignableFrom(raw)
                && type instanceof ParameterizedType pt) {
            Type element = pt.getActualTypeArguments()[0];
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                value(p, element, path + "[" + i + "]");
            }
        } else {
            p.skipChildren();
        }
    }

    private void object(JsonParser p, Class<?> record, String path) {
        Map<String, Type> fields = fields(record);
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            TokenStreamLocation where = p.currentTokenLocation();
            if (!fields.containsKey(key)) {
                throw unknownKey(source, key, path, where == null ? -1 : where.getLineNr(),
                        new ArrayList<>(fields.keySet()), null);
            }
            p.nextToken();
            value(p, fields.get(key), path.isEmpty() ? key : path + "." + key);
        }
    }

    /**
     * An estimator or embedding mapping: its keys are {@code type} (and, for an estimator,
     * {@code ensemble} and {@code embedding}) plus the settings of the kind it names, known only
     * once {@code type} is read; an unknown kind is left to the record's own message.
     */
    private void kindObject(JsonParser p, boolean embedding, String path) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        String type = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            TokenStreamLocation where = p.currentTokenLocation();
            keys.put(key, where == null ? -1 : where.getLineNr());
            JsonToken v = p.nextToken();
            if (key.equals("type") && v == JsonToken.VALUE_STRING) {
                type = p.getString().strip().toLowerCase(java.util.Locale.ROOT);
            } else if (key.equals("embedding") && !embedding && v == JsonToken.START_OBJECT) {
                kindObject(p, true, path.isEmpty() ? key : path + "." + key);
            } else {
                p.skipChildren();
            }
        }
        List<String> allowed = new ArrayList<>(embedding ? List.of("type")
                : EstimatorSpec.OWN_KEYS);
        try {
            String kind = type == null ? (embedding ? null : "nsf") : type;
            if (kind == null) {
                return;
            }
            allowed.addAll(embedding ? EmbeddingSpec.settingKeys(kind)
                    : org.sbi4j.flows.EstimatorKinds.describe(kind).keySet());
        } catch (IllegalArgumentException unknownKind) {
            return;
        }
        for (Map.Entry<String, Integer> e : keys.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw unknownKey(source, e.getKey(), path, e.getValue(), allowed, null);
            }
        }
    }

    private static Map<String, Type> fields(Class<?> record) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = named != null ? named.value()
                    : org.sbi4j.flows.SettingsBinder.snakeCase(c.getName());
            out.put(name, c.getGenericType());
        }
        return out;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /** The message for an unknown key, with a "did you mean" when one key is close. */
    static JobFileException unknownKey(String source, String key, String section, int line,
                                       List<String> allowed, Throwable cause) {
        List<String> sorted = allowed.stream().sorted().toList();
        StringBuilder sb = new StringBuilder("unknown key '").append(key).append("'");
        if (!section.isEmpty()) {
            sb.append(" in '").append(section).append("'");
        }
        sb.append(" in job file ").append(source);
        if (line > 0) {
            sb.append(" at line ").append(line);
        }
        sorted.stream().filter(a -> distance(a, key) <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt(a -> distance(a, key)))
                .ifPresent(a -> sb.append("; did you mean '").append(a).append("'?"));
        sb.append("; allowed keys: ").append(String.join(", ", sorted));
        return new JobFileException(source, line, sb.toString(), cause);
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
