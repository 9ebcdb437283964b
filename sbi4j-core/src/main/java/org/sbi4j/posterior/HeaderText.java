package org.sbi4j.posterior;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sbi4j.flows.SettingsBinder;

/** Helpers for the text properties of model-file headers. */
final class HeaderText {

    private HeaderText() {
    }

    /**
     * The entries under prefix, keyed by the rest of their key in snake_case (format 1 wrote
     * record component names, {@code hiddenFeatures}; format 2 writes {@code hidden_features}).
     */
    static Map<String, String> section(Map<String, String> p, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(SettingsBinder.snakeCase(k.substring(prefix.length())), v);
            }
        });
        return out;
    }

    /** The entry of key; refused when missing. */
    static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing entry '" + key + "'");
        }
        return v;
    }
}
