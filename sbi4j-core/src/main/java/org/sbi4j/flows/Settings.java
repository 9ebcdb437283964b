package org.sbi4j.flows;

/** Validation shared by the settings records. */
final class Settings {

    private Settings() {
    }

    static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
    }

    static void notNull(String what, Object v) {
        if (v == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
