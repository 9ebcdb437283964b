package org.sbi4j.diagnostics;

/**
 * The shape of a rank histogram, as named by {@link RankCheck} (Talts et al. 2018, Fig. 4–7).
 */
public enum RankShape {
    /** No test rejects uniformity. */
    UNIFORM,
    /** Too many ranks at both ends: the posterior is over-confident (too narrow). */
    U_SHAPED,
    /** Too few ranks at both ends: the posterior is under-confident (too wide). */
    CAP_SHAPED,
    /** Ranks pile up at high values: the truth tends to lie above the samples (biased low). */
    SKEWED_HIGH,
    /** Ranks pile up at low values: the truth tends to lie below the samples (biased high). */
    SKEWED_LOW,
    /** Not uniform, but neither the mean nor the tail fraction explains it. */
    IRREGULAR
}
