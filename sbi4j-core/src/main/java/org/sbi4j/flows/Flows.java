package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Sequential;

/**
 * Builders of the standard conditional density estimators with the field's defaults (sbi's
 * {@code posterior_nn(model=...)}); every setting is in the settings record. Weights, masks and
 * random permutations are drawn from the rng passed in.
 */
public final class Flows {

    private Flows() {
    }

    private static void sizes(int thetaSize, int contextSize) {
        if (thetaSize < 1 || contextSize < 0) {
            throw new IllegalArgumentException("need theta size >= 1 and context size >= 0: "
                    + thetaSize + ", " + contextSize);
        }
    }

    /** sbi's NSF with default settings. */
    public static ConditionalFlow nsf(int thetaSize, int contextSize, UniformRandomProvider rng) {
        return nsf(thetaSize, contextSize, NsfSettings.defaults(), rng);
    }

    /**
     * Neural spline flow: per layer i, a spline coupling with alternating mask i and a residual
     * conditioner on [θ_identity, context], then (optionally) an LU linear layer. As nflows'
     * PiecewiseRationalQuadraticCouplingTransform with ResidualNet (when
     * {@link NsfSettings#nflowsConditioner()}): the context enters the initial layer and gates
     * every block (GLU), layers start at PyTorch's default init, and the width and height logits
     * are divided by √hiddenFeatures.
     */
    public static ConditionalFlow nsf(int thetaSize, int contextSize, NsfSettings s,
                                      UniformRandomProvider rng) {
        sizes(thetaSize, contextSize);
        if (thetaSize == 1 && contextSize == 0) {
            throw new IllegalArgumentException("a coupling NSF on 1 feature needs a context: "
                    + "use autoregressiveNsf or maf for an unconditional 1-D flow");
        }
        StackTransforms.SplineCoupling coupling = new StackTransforms.SplineCoupling(s.bins(),
                s.tailBound(), s.hiddenFeatures(), s.blocks(), s.activation(),
                s.nflowsConditioner());
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            ts.add(coupling.build(new TransformSettings.Slot(thetaSize, contextSize, "t" + i, i),
                    rng));
            if (s.luLinear()) {
                ts.add(LuLinear.identity("t" + i + ".lu", thetaSize, contextSize));
            }
        }
        return ConditionalFlow.of(ComposedTransform.of(ts));
    }

    /** The spline; nflows divides the width/height logits by √hiddenFeatures. */
    static RationalQuadraticSpline scaledSpline(int bins, float tailBound, boolean nflows,
                                                        int hiddenFeatures) {
        RationalQuadraticSpline spline = RationalQuadraticSpline.of(bins, tailBound);
        return nflows ? spline.withLogitScale((float) (1.0 / Math.sqrt(hiddenFeatures)))
                : spline;
    }

    /**
     * Autoregressive NSF from NSF settings: as
     * {@code autoregressiveNsf(thetaSize, contextSize, AutoregressiveNsfSettings.of(s), rng)}
     * (reverse permutations; the LU setting is ignored).
     */
    public static ConditionalFlow autoregressiveNsf(int thetaSize, int contextSize,
                                                    NsfSettings s, UniformRandomProvider rng) {
        return autoregressiveNsf(thetaSize, contextSize, AutoregressiveNsfSettings.of(s), rng);
    }

    /**
     * Autoregressive NSF: per layer, a MADE-conditioned spline (hidden layers of
     * {@code hiddenFeatures}, {@code blocks + 1} of them, as nflows' MADE), then a reverse or
     * random permutation (none after the last layer).
     */
    public static ConditionalFlow autoregressiveNsf(int thetaSize, int contextSize,
                                                    AutoregressiveNsfSettings s,
                                                    UniformRandomProvider rng) {
        sizes(thetaSize, contextSize);
        StackTransforms.SplineAutoregressive layer = new StackTransforms.SplineAutoregressive(
                s.bins(), s.tailBound(), s.hiddenFeatures(), s.blocks(), s.activation(),
                s.nflowsConditioner());
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            ts.add(layer.build(new TransformSettings.Slot(thetaSize, contextSize, "t" + i, i),
                    rng));
            if (i < s.transforms() - 1) {
                ts.add(s.randomPermutations() ? Permutation.random(thetaSize, contextSize, rng)
                        : Permutation.reverse(thetaSize, contextSize));
            }
        }
        return ConditionalFlow.of(ComposedTransform.of(ts));
    }

    /** sbi's MAF with default settings. */
    public static ConditionalFlow maf(int thetaSize, int contextSize, UniformRandomProvider rng) {
        return maf(thetaSize, contextSize, MafSettings.defaults(), rng);
    }

    /** Masked autoregressive flow: affine MADE layers with permutations between them. */
    public static ConditionalFlow maf(int thetaSize, int contextSize, MafSettings s,
                                      UniformRandomProvider rng) {
        sizes(thetaSize, contextSize);
        StackTransforms.AffineAutoregressive layer = new StackTransforms.AffineAutoregressive(
                s.hiddenFeatures(), s.hiddenLayers(), s.activation());
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            ts.add(layer.build(new TransformSettings.Slot(thetaSize, contextSize, "t" + i, i),
                    rng));
            if (i < s.transforms() - 1) {
                ts.add(s.randomPermutations() ? Permutation.random(thetaSize, contextSize, rng)
                        : Permutation.reverse(thetaSize, contextSize));
            }
        }
        return ConditionalFlow.of(ComposedTransform.of(ts));
    }

    /** sbi's MDN with default settings. */
    public static Mdn mdn(int thetaSize, int contextSize, UniformRandomProvider rng) {
        return mdn(thetaSize, contextSize, MdnSettings.defaults(), rng);
    }

    /** Mixture density network: an MLP on the context outputs the K-component mixture. */
    public static Mdn mdn(int thetaSize, int contextSize, MdnSettings s,
                          UniformRandomProvider rng) {
        sizes(thetaSize, contextSize);
        if (contextSize == 0) {
            throw new IllegalArgumentException("an MDN needs a context (x) of size >= 1");
        }
        int[] hidden = new int[s.hiddenLayers()];
        java.util.Arrays.fill(hidden, s.hiddenFeatures());
        Sequential net = Mlp.of(contextSize, hidden, Mdn.outputSize(s.components(), thetaSize),
                s.activation(), rng);
        return Mdn.of(net, s.components(), thetaSize);
    }
}
