package org.sbi4j.rounds;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * Where a round draws its parameters from: θ over every prior parameter, n × {@link #dim()}.
 * Implementations are immutable; all randomness comes from the generator passed in.
 */
public interface Proposal {

    /** The result of {@link #draw}: the rows and one line saying how they were drawn. */
    record Draw(Matrix theta, String note) {
    }

    /** Number of parameters of one θ (the prior's dimension). */
    int dim();

    /** Draws n parameter vectors (n × {@link #dim()}) from {@code rng}. */
    Draw draw(int n, UniformRandomProvider rng);

    /** The prior itself (the first round's proposal). */
    static Proposal of(Prior prior) {
        if (prior == null) {
            throw new IllegalArgumentException("the prior must not be null");
        }
        return new Proposal() {
            @Override
            public int dim() {
                return prior.dim();
            }

            @Override
            public Draw draw(int n, UniformRandomProvider rng) {
                return new Draw(prior.sample(n, rng), "the prior");
            }
        };
    }
}
