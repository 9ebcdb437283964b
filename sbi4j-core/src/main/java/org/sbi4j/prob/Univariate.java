package org.sbi4j.prob;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A one-parameter prior backed by a commons-statistics {@link ContinuousDistribution}:
 * log p(θ) = {@code distribution.logDensity(θ)}, draws from {@code distribution.createSampler}.
 * The support is the distribution's support [{@code getSupportLowerBound}, {@code getSupportUpperBound}].
 *
 * <p>Usually built through {@link Priors} (uniform, normal, logNormal, gamma, beta,
 * truncatedNormal); any other commons distribution can be wrapped with {@link #of}.
 * Immutable and thread-safe.
 */
public final class Univariate implements Prior {

    private final String name;
    private final String kind;
    private final ContinuousDistribution distribution;

    private Univariate(String name, String kind, ContinuousDistribution distribution) {
        this.name = name;
        this.kind = kind;
        this.distribution = distribution;
    }

    /**
     * Wraps a distribution as the prior of one named parameter.
     *
     * @param name parameter name
     * @param kind short description used in {@link #toString()}, e.g. "normal(0, 1)"
     * @param distribution the distribution (commons-statistics distributions are immutable)
     */
    public static Univariate of(String name, String kind, ContinuousDistribution distribution) {
        Checks.names(java.util.Collections.singletonList(name), 1, "univariate prior");
        if (distribution == null) {
            throw new IllegalArgumentException(Checks.what("univariate", name)
                    + ": distribution is missing");
        }
        return new Univariate(name, kind, distribution);
    }

    /** The underlying distribution. */
    public ContinuousDistribution distribution() {
        return distribution;
    }

    @Override
    public int dim() {
        return 1;
    }

    @Override
    public List<String> names() {
        return List.of(name);
    }

    @Override
    public void sample(UniformRandomProvider rng, float[] out, int off) {
        out[off] = (float) distribution.createSampler(rng).sample();
    }

    @Override
    public Sampler sampler(UniformRandomProvider rng) {
        ContinuousDistribution.Sampler s = distribution.createSampler(rng);
        return (out, off) -> out[off] = (float) s.sample();
    }

    @Override
    public double logProb(float[] theta, int off) {
        return distribution.logDensity(theta[off]);
    }

    @Override
    public double[] lower() {
        return new double[] {distribution.getSupportLowerBound()};
    }

    @Override
    public double[] upper() {
        return new double[] {distribution.getSupportUpperBound()};
    }

    @Override
    public String toString() {
        return name + " ~ " + kind;
    }
}
