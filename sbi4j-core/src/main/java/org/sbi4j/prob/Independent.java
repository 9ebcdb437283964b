package org.sbi4j.prob;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The product of independent priors over consecutive blocks of θ:
 * θ = (θ_(1), …, θ_(B)), p(θ) = ∏_b p_b(θ_(b)), so log p(θ) = Σ_b log p_b(θ_(b)).
 * Names, support bounds and nuisance flags are the blocks' concatenated in order; names must be
 * distinct across blocks. Immutable and thread-safe if the blocks are.
 */
public final class Independent implements Prior {

    private final List<Prior> blocks;
    private final int[] offsets;
    private final int dim;
    private final List<String> names;

    private Independent(List<Prior> blocks) {
        this.blocks = List.copyOf(blocks);
        this.offsets = new int[blocks.size()];
        List<String> all = new ArrayList<>();
        int d = 0;
        for (int b = 0; b < blocks.size(); b++) {
            offsets[b] = d;
            d += blocks.get(b).dim();
            all.addAll(blocks.get(b).names());
        }
        this.dim = d;
        this.names = Checks.names(all, d, "independent prior");
    }

    /** The product of the given blocks (at least one), in θ order. */
    public static Independent of(List<? extends Prior> blocks) {
        if (blocks == null || blocks.isEmpty()) {
            throw new IllegalArgumentException("independent prior: no blocks given");
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b) == null) {
                throw new IllegalArgumentException("independent prior: block " + b + " is null");
            }
        }
        return new Independent(new ArrayList<>(blocks));
    }

    /** The product of the given blocks (at least one), in θ order. */
    public static Independent of(Prior... blocks) {
        return of(List.of(blocks));
    }

    /** The blocks, in θ order. */
    public List<Prior> blocks() {
        return blocks;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public void sample(UniformRandomProvider rng, float[] out, int off) {
        for (int b = 0; b < blocks.size(); b++) {
            blocks.get(b).sample(rng, out, off + offsets[b]);
        }
    }

    @Override
    public Sampler sampler(UniformRandomProvider rng) {
        Sampler[] samplers = new Sampler[blocks.size()];
        for (int b = 0; b < samplers.length; b++) {
            samplers[b] = blocks.get(b).sampler(rng);
        }
        return (out, off) -> {
            for (int b = 0; b < samplers.length; b++) {
                samplers[b].sample(out, off + offsets[b]);
            }
        };
    }

    @Override
    public double logProb(float[] theta, int off) {
        double sum = 0;
        for (int b = 0; b < blocks.size(); b++) {
            sum += blocks.get(b).logProb(theta, off + offsets[b]);
        }
        return sum;
    }

    @Override
    public double[] lower() {
        double[] lo = new double[dim];
        for (int b = 0; b < blocks.size(); b++) {
            double[] bl = blocks.get(b).lower();
            System.arraycopy(bl, 0, lo, offsets[b], bl.length);
        }
        return lo;
    }

    @Override
    public double[] upper() {
        double[] hi = new double[dim];
        for (int b = 0; b < blocks.size(); b++) {
            double[] bh = blocks.get(b).upper();
            System.arraycopy(bh, 0, hi, offsets[b], bh.length);
        }
        return hi;
    }

    @Override
    public boolean[] nuisance() {
        boolean[] nu = new boolean[dim];
        for (int b = 0; b < blocks.size(); b++) {
            boolean[] bn = blocks.get(b).nuisance();
            System.arraycopy(bn, 0, nu, offsets[b], bn.length);
        }
        return nu;
    }

    @Override
    public String toString() {
        return "Independent" + blocks;
    }
}
