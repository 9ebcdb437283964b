package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a masked autoregressive flow (Papamakarios et al. 2017) as sbi's
 * {@code build_maf} makes it: {@link #transforms} affine MADE layers with permutations between.
 * nflows' MADE with 2 blocks has 3 hidden layers (initial layer + 2 blocks).
 *
 * @param transforms     number of autoregressive layers (sbi: 5)
 * @param hiddenFeatures MADE width (sbi: 50)
 * @param hiddenLayers   MADE hidden layers (sbi/nflows: 3)
 * @param activation     MADE activation (sbi: tanh)
 * @param randomPermutations random (seeded) instead of reverse permutations between layers
 */
public record MafSettings(int transforms, int hiddenFeatures, int hiddenLayers,
                          Activation activation, boolean randomPermutations)
        implements EstimatorSettings {

    public MafSettings {
        Settings.positive("transforms", transforms);
        Settings.positive("hidden features", hiddenFeatures);
        Settings.positive("hidden layers", hiddenLayers);
        Settings.notNull("activation", activation);
    }

    /** sbi's defaults: 5 transforms, 50 hidden units in 3 layers, tanh, reverse permutations. */
    public static MafSettings defaults() {
        return new MafSettings(5, 50, 3, Activation.TANH, false);
    }

    /** "maf" in {@link EstimatorKinds}. */
    @Override
    public String kind() {
        return "maf";
    }

    @Override
    public ConditionalFlow build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        return Flows.maf(thetaDim, contextDim, this, rng);
    }

    public MafSettings withTransforms(int v) {
        return new MafSettings(v, hiddenFeatures, hiddenLayers, activation, randomPermutations);
    }

    public MafSettings withHiddenFeatures(int v) {
        return new MafSettings(transforms, v, hiddenLayers, activation, randomPermutations);
    }

    public MafSettings withHiddenLayers(int v) {
        return new MafSettings(transforms, hiddenFeatures, v, activation, randomPermutations);
    }

    public MafSettings withActivation(Activation v) {
        return new MafSettings(transforms, hiddenFeatures, hiddenLayers, v, randomPermutations);
    }

    public MafSettings withRandomPermutations(boolean v) {
        return new MafSettings(transforms, hiddenFeatures, hiddenLayers, activation, v);
    }
}
