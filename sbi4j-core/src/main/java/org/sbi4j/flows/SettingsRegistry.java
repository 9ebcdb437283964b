package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An immutable table of named kinds of settings (estimators, embeddings): for each kind its
 * name, settings record type, defaults and a one-line description. Settings are bound by name
 * and snake_case keys ({@link SettingsBinder}), written as text and read back, so that job files,
 * command-line options and model files share one vocabulary.
 *
 * @param <S> the settings interface (e.g. {@link EstimatorSettings}); every kind is a record
 *            implementing it
 */
public final class SettingsRegistry<S> {

    /**
     * One registered kind.
     *
     * @param name        the kind's name (lower-case snake_case, e.g. "nsf")
     * @param type        its settings record
     * @param defaults    the settings a kind takes when nothing is given
     * @param description one line for documentation and --help
     */
    public record Entry<S>(String name, Class<? extends S> type, S defaults, String description) {
    }

    private final String family;
    private final Map<String, Entry<S>> kinds;

    private SettingsRegistry(String family, Map<String, Entry<S>> kinds) {
        this.family = family;
        this.kinds = kinds;
    }

    /** A builder for the registry of a family of settings (e.g. "estimator"). */
    public static <S> Builder<S> builder(String family, Function<? super S, String> kindOf) {
        return new Builder<>(family, kindOf);
    }

    /** Collects kinds in order; each name and record type once. */
    public static final class Builder<S> {
        private final String family;
        private final Function<? super S, String> kindOf;
        private final Map<String, Entry<S>> kinds = new LinkedHashMap<>();

        private Builder(String family, Function<? super S, String> kindOf) {
            this.family = family;
            this.kindOf = kindOf;
        }

        /** Registers the kind of {@code defaults} (its name is {@code defaults}' kind). */
        @SuppressWarnings("unchecked")
        public Builder<S> add(S defaults, String description) {
            String name = kindOf.apply(defaults);
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(family + " kind name must be lower-case "
                        + "snake_case, got '" + name + "'");
            }
            if (!(defaults instanceof Record r)) {
                throw new IllegalArgumentException(family + " kind '" + name
                        + "' must have a record of settings, got " + defaults.getClass());
            }
            SettingsBinder.checkSupported(r.getClass());
            Class<? extends S> type = (Class<? extends S>) defaults.getClass();
            for (Entry<S> e : kinds.values()) {
                if (e.name().equals(name) || e.type() == type) {
                    throw new IllegalArgumentException(family + " kind '" + name + "' ("
                            + type.getSimpleName() + ") is registered twice");
                }
            }
            kinds.put(name, new Entry<>(name, type, defaults, description));
            return this;
        }

        public SettingsRegistry<S> build() {
            return new SettingsRegistry<>(family, new LinkedHashMap<>(kinds));
        }
    }

    /** The registered kinds, in registration order. */
    public List<Entry<S>> entries() {
        return List.copyOf(kinds.values());
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return List.copyOf(kinds.keySet());
    }

    /** The kind of that name (trimmed, any case); unknown names are refused with the list. */
    public Entry<S> get(String name) {
        Entry<S> e = name == null ? null : kinds.get(name.strip().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown " + family + " kind '" + name
                    + "'; known: " + String.join(", ", kinds.keySet()));
        }
        return e;
    }

    /** The entry of settings s; refused when its record type is not registered. */
    public Entry<S> entryOf(S settings) {
        for (Entry<S> e : kinds.values()) {
            if (e.type() == settings.getClass()) {
                return e;
            }
        }
        throw new IllegalArgumentException(family + " settings of type "
                + settings.getClass().getName() + " are not registered (known kinds: "
                + String.join(", ", kinds.keySet()) + "), so they cannot be named or saved");
    }

    /** The defaults of a kind. */
    public S defaults(String kind) {
        return get(kind).defaults();
    }

    /**
     * The kind's defaults with the given snake_case keys overridden; see
     * {@link SettingsBinder#bind} for the values accepted and the errors.
     */
    public S bind(String kind, Map<String, ?> partial) {
        Entry<S> e = get(kind);
        return e.type().cast(SettingsBinder.bind(label(e), (Record) e.defaults(), partial));
    }

    /** Every key of a kind with its default, as text, in declaration order. */
    public Map<String, String> describe(String kind) {
        return SettingsBinder.describe((Record) get(kind).defaults());
    }

    /** Every key of s with its value as text (registered kinds only). */
    public Map<String, String> toText(S settings) {
        entryOf(settings);
        return SettingsBinder.describe((Record) settings);
    }

    /** Settings of a kind from the text of every key ({@link #toText}); none may be missing. */
    public S fromText(String kind, Map<String, String> text) {
        Entry<S> e = get(kind);
        @SuppressWarnings("unchecked")
        Class<? extends Record> type = (Class<? extends Record>) e.type();
        return e.type().cast(SettingsBinder.fromText(label(e), type, text));
    }

    private String label(Entry<S> e) {
        return family + " '" + e.name() + "'";
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        kinds.values().forEach(e -> lines.add(e.name() + ": " + e.description()));
        return family + " kinds " + lines;
    }
}
