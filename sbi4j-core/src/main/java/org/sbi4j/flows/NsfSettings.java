package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a neural spline flow (Durkan et al. 2019) as sbi's {@code build_nsf} makes it:
 * {@link #transforms} blocks of [rational-quadratic spline coupling (alternating masks, residual
 * conditioner on [identity half, context]), LU linear layer].
 *
 * @param transforms      number of coupling layers (sbi: 5)
 * @param bins            spline bins K (sbi: 10)
 * @param tailBound       B: the spline acts on [−B, B], identity outside (sbi: 3)
 * @param hiddenFeatures  width of the residual conditioner (sbi: 50)
 * @param blocks          residual blocks per conditioner (sbi: 2)
 * @param activation      conditioner activation (sbi: ReLU)
 * @param luLinear        an LU linear layer after each coupling (sbi: yes)
 * @param nflowsConditioner true (default): conditioners and splines as nflows makes them (the
 *                        context gates each residual block through a GLU, PyTorch's default
 *                        Linear init, width/height logits divided by √hiddenFeatures); false:
 *                        sbi4j's earlier variant (additive context, Glorot/He init, unscaled
 *                        logits), which learns two moons markedly worse (docs/benchmarks.md)
 */
public record NsfSettings(int transforms, int bins, float tailBound, int hiddenFeatures,
                          int blocks, Activation activation, boolean luLinear,
                          boolean nflowsConditioner)
        implements EstimatorSettings {

    public NsfSettings {
        Settings.positive("transforms", transforms);
        Settings.positive("bins", bins);
        if (!(tailBound > 0) || Float.isInfinite(tailBound)) {
            throw new IllegalArgumentException("tail bound must be positive and finite: "
                    + tailBound);
        }
        Settings.positive("hidden features", hiddenFeatures);
        if (blocks < 0) {
            throw new IllegalArgumentException("negative number of residual blocks: " + blocks);
        }
        Settings.notNull("activation", activation);
    }

    /** Settings with nflows' conditioner ({@code nflowsConditioner} true). */
    public NsfSettings(int transforms, int bins, float tailBound, int hiddenFeatures, int blocks,
                       Activation activation, boolean luLinear) {
        this(transforms, bins, tailBound, hiddenFeatures, blocks, activation, luLinear, true);
    }

    /**
     * sbi's defaults: 5 transforms, 10 bins, B = 3, 50 hidden × 2 blocks, ReLU, LU layers,
     * nflows' conditioner.
     */
    public static NsfSettings defaults() {
        return new NsfSettings(5, 10, 3f, 50, 2, Activation.RELU, true, true);
    }

    /** "nsf" in {@link EstimatorKinds}. */
    @Override
    public String kind() {
        return "nsf";
    }

    @Override
    public ConditionalFlow build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        return Flows.nsf(thetaDim, contextDim, this, rng);
    }

    public NsfSettings withTransforms(int v) {
        return new NsfSettings(v, bins, tailBound, hiddenFeatures, blocks, activation, luLinear,
                nflowsConditioner);
    }

    public NsfSettings withBins(int v) {
        return new NsfSettings(transforms, v, tailBound, hiddenFeatures, blocks, activation,
                luLinear, nflowsConditioner);
    }

    public NsfSettings withTailBound(float v) {
        return new NsfSettings(transforms, bins, v, hiddenFeatures, blocks, activation, luLinear,
                nflowsConditioner);
    }

    public NsfSettings withHiddenFeatures(int v) {
        return new NsfSettings(transforms, bins, tailBound, v, blocks, activation, luLinear,
                nflowsConditioner);
    }

    public NsfSettings withBlocks(int v) {
        return new NsfSettings(transforms, bins, tailBound, hiddenFeatures, v, activation,
                luLinear, nflowsConditioner);
    }

    public NsfSettings withActivation(Activation v) {
        return new NsfSettings(transforms, bins, tailBound, hiddenFeatures, blocks, v, luLinear,
                nflowsConditioner);
    }

    public NsfSettings withNflowsConditioner(boolean v) {
        return new NsfSettings(transforms, bins, tailBound, hiddenFeatures, blocks, activation,
                luLinear, v);
    }

    public NsfSettings withLuLinear(boolean v) {
        return new NsfSettings(transforms, bins, tailBound, hiddenFeatures, blocks, activation,
                v, nflowsConditioner);
    }
}
