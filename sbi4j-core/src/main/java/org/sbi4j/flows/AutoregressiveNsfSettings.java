package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Settings of an autoregressive neural spline flow (Durkan et al. 2019), registered as
 * {@code maf_rqs} after sbi's name for it: {@link #transforms} layers of a rational-quadratic
 * spline whose bin widths, heights and derivatives for θ_i come from a MADE on (θ_&lt;i,
 * context), with a permutation between layers ({@link Flows#autoregressiveNsf}). Unlike the
 * coupling NSF it transforms every dimension in each layer and works for a 1-D θ without a
 * context.
 *
 * @param transforms         number of autoregressive layers (5)
 * @param bins               spline bins K (10)
 * @param tailBound          B: the spline acts on [−B, B], identity outside (3)
 * @param hiddenFeatures     MADE width (50)
 * @param blocks             MADE has blocks + 1 hidden layers, as nflows' MADE (2)
 * @param activation         MADE activation (ReLU)
 * @param randomPermutations random (seeded) instead of reverse permutations between layers
 *                           (false; sbi's maf_rqs permutes randomly)
 * @param nflowsConditioner  true (default): width and height logits divided by
 *                           √hiddenFeatures, as nflows' masked spline transform does
 */
public record AutoregressiveNsfSettings(int transforms, int bins, float tailBound,
                                        int hiddenFeatures, int blocks, Activation activation,
                                        boolean randomPermutations, boolean nflowsConditioner)
        implements EstimatorSettings {

    public AutoregressiveNsfSettings {
        Settings.positive("transforms", transforms);
        Settings.positive("bins", bins);
        if (!(tailBound > 0) || Float.isInfinite(tailBound)) {
            throw new IllegalArgumentException("tail bound must be positive and finite: "
                    + tailBound);
        }
        Settings.positive("hidden features", hiddenFeatures);
        if (blocks < 0) {
            throw new IllegalArgumentException("negative number of blocks: " + blocks);
        }
        Settings.notNull("activation", activation);
    }

    /** 5 layers, 10 bins, B = 3, MADE of 3 hidden layers of 50, ReLU, reverse permutations. */
    public static AutoregressiveNsfSettings defaults() {
        return new AutoregressiveNsfSettings(5, 10, 3f, 50, 2, Activation.RELU, false, true);
    }

    /**
     * The autoregressive flow {@link Flows#autoregressiveNsf(int, int, NsfSettings,
     * UniformRandomProvider)} builds from NSF settings (reverse permutations; LU ignored).
     */
    public static AutoregressiveNsfSettings of(NsfSettings s) {
        return new AutoregressiveNsfSettings(s.transforms(), s.bins(), s.tailBound(),
                s.hiddenFeatures(), s.blocks(), s.activation(), false, s.nflowsConditioner());
    }

    @Override
    public String kind() {
        return "maf_rqs";
    }

    @Override
    public ConditionalFlow build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        return Flows.autoregressiveNsf(thetaDim, contextDim, this, rng);
    }

    public AutoregressiveNsfSettings withTransforms(int v) {
        return new AutoregressiveNsfSettings(v, bins, tailBound, hiddenFeatures, blocks,
                activation, randomPermutations, nflowsConditioner);
    }

    public AutoregressiveNsfSettings withBins(int v) {
        return new AutoregressiveNsfSettings(transforms, v, tailBound, hiddenFeatures, blocks,
                activation, randomPermutations, nflowsConditioner);
    }

    public AutoregressiveNsfSettings withHiddenFeatures(int v) {
        return new AutoregressiveNsfSettings(transforms, bins, tailBound, v, blocks, activation,
                randomPermutations, nflowsConditioner);
    }

    public AutoregressiveNsfSettings withRandomPermutations(boolean v) {
        return new AutoregressiveNsfSettings(transforms, bins, tailBound, hiddenFeatures, blocks,
                activation, v, nflowsConditioner);
    }
}
