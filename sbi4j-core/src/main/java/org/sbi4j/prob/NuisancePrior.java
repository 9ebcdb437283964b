package org.sbi4j.prob;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/** A prior with some parameters declared nuisance; everything else delegates. */
final class NuisancePrior implements Prior {

    private final Prior prior;
    private final boolean[] nuisance;

    NuisancePrior(Prior prior, boolean[] nuisance) {
        this.prior = prior;
        this.nuisance = nuisance;
    }

    @Override
    public int dim() {
        return prior.dim();
    }

    @Override
    public List<String> names() {
        return prior.names();
    }

    @Override
    public void sample(UniformRandomProvider rng, float[] out, int off) {
        prior.sample(rng, out, off);
    }

    @Override
    public Sampler sampler(UniformRandomProvider rng) {
        return prior.sampler(rng);
    }

    @Override
    public double logProb(float[] theta, int off) {
        return prior.logProb(theta, off);
    }

    @Override
    public double[] lower() {
        return prior.lower();
    }

    @Override
    public double[] upper() {
        return prior.upper();
    }

    @Override
    public boolean inSupport(float[] theta, int off) {
        return prior.inSupport(theta, off);
    }

    @Override
    public boolean[] nuisance() {
        return nuisance.clone();
    }

    @Override
    public String toString() {
        List<String> nu = new java.util.ArrayList<>();
        for (int j = 0; j < nuisance.length; j++) {
            if (nuisance[j]) {
                nu.add(prior.names().get(j));
            }
        }
        return prior + " with nuisance " + nu;
    }
}
