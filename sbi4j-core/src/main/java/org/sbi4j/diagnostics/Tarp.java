package org.sbi4j.diagnostics;

/**
 * TARP, tests of accuracy with random points (Lemos, Coogan, Hezaveh &amp; Perreault-Levasseur
 * 2023, arXiv:2302.03026).
 *
 * <p>For each test pair draw a random reference point θ_ref; fᵢ = share of posterior samples
 * closer to θ_ref than the truth θᵢ is (computed by {@link Sbc#ranks}). The expected coverage
 * probability ECP(α) = share of pairs with fᵢ &lt; α equals α for every α if and only if the
 * posterior is correct (Lemos et al., Theorem 3, for references drawn from a distribution with
 * full support). Unlike HPD coverage it needs only samples, no density.
 */
public final class Tarp {

    private Tarp() {
    }

    /** The TARP expected-coverage curve at the default levels 0.05, …, 0.95. */
    public static CoverageResult of(SbcRanks ranks, double alpha) {
        double[] f = ranks.tarpValues();
        if (f == null) {
            throw new IllegalArgumentException("these ranks carry no TARP values");
        }
        return Coverage.fromMass("TARP random-point region", f, Coverage.defaultLevels(), alpha);
    }
}
