package org.sbi4j.posterior;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a posterior came from: nothing that depends on the run (no wall-clock times, dates or
 * thread counts), so the same seed and settings give the same model file bytes.
 *
 * @param libraryVersion sbi4j version that trained it
 * @param seed           the run seed
 * @param settings       estimator and training settings as sorted key → value text
 */
public record Provenance(String libraryVersion, long seed, Map<String, String> settings) {

    /** This library's version. */
    public static final String LIBRARY_VERSION = "0.1.0";

    public Provenance {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Provenance for this library version. */
    public static Provenance of(long seed, Map<String, String> settings) {
        return new Provenance(LIBRARY_VERSION, seed, settings);
    }
}
