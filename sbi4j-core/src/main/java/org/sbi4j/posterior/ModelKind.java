package org.sbi4j.posterior;

import java.util.Locale;
import java.util.Map;

/**
 * What a model file holds (header key {@value #KEY}, format 5 on; files of formats 1–4 hold
 * posteriors): a posterior estimator q(θ | x), a likelihood estimator q(x | θ) or a ratio
 * estimator r(x, θ). The last two give the posterior only with a prior and by MCMC, so each
 * kind is loaded by its own reader and a reader given another kind refuses it by name.
 */
public enum ModelKind {

    /** q(θ | x): npe, tsnpe, apt ({@link PosteriorFiles}). */
    POSTERIOR("a posterior estimator q(θ | x)", "org.sbi4j.posterior.PosteriorFiles"),
    /** q(x | θ): nle, snle ({@code org.sbi4j.nle.LikelihoodFiles}), sampled by MCMC. */
    LIKELIHOOD("a likelihood estimator q(x | θ) (nle), sampled by MCMC",
            "org.sbi4j.nle.LikelihoodFiles"),
    /** log r(x, θ): nre, bnre, snre ({@code org.sbi4j.nre.RatioFiles}), sampled by MCMC. */
    RATIO("a ratio estimator r(x, θ) (nre, bnre), sampled by MCMC", "org.sbi4j.nre.RatioFiles");

    /** The header key of the kind. */
    public static final String KEY = "model.kind";

    private final String description;
    private final String reader;

    ModelKind(String description, String reader) {
        this.description = description;
        this.reader = reader;
    }

    /** The header value: "posterior", "likelihood", "ratio". */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the kind is, in words. */
    public String description() {
        return description;
    }

    /** The kind recorded in a header; a header without one (formats 1–4) holds a posterior. */
    static ModelKind of(Map<String, String> header) {
        String v = header.get(KEY);
        if (v == null) {
            return POSTERIOR;
        }
        for (ModelKind k : values()) {
            if (k.text().equals(v)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown " + KEY + " '" + v + "' (this build reads"
                + " posterior, likelihood and ratio)");
    }

    /** Refuses a file of another kind than this, saying what it holds and what reads it. */
    public void check(Object file, ModelKind found) throws java.io.IOException {
        if (found != this) {
            throw new java.io.IOException(file + " holds " + found.description + ", not "
                    + description + ": read it with " + found.reader
                    + ("; 'sbi4j sample' samples every kind"));
        }
    }
}
