package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Made;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.ResidualNet;
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
        RationalQuadraticSpline spline = scaledSpline(s);
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            boolean[] mask = CouplingTransform.alternatingMask(thetaSize, i);
            int transformed = 0;
            for (boolean m : mask) {
                transformed += m ? 1 : 0;
            }
            // input [identity half | context]; nflows-style: the context enters the initial layer
            // and gates every residual block
            ResidualNet net = ResidualNet.builder(thetaSize - transformed,
                            transformed * spline.paramsPerDim())
                    .context(contextSize).hidden(s.hiddenFeatures()).blocks(s.blocks())
                    .activation(s.activation())
                    .contextMode(s.nflowsConditioner() ? ResidualNet.ContextMode.GLU
                            : ResidualNet.ContextMode.ADD)
                    .torchInit(s.nflowsConditioner()).name("t" + i + ".net").build(rng);
            ts.add(CouplingTransform.of(spline, mask, net, contextSize));
            if (s.luLinear()) {
                ts.add(LuLinear.identity("t" + i + ".lu", thetaSize, contextSize));
            }
        }
        return ConditionalFlow.of(ComposedTransform.of(ts));
    }

    /** The spline of s; nflows divides the width/height logits by √hiddenFeatures. */
    static RationalQuadraticSpline scaledSpline(NsfSettings s) {
        return scaledSpline(s.bins(), s.tailBound(), s.nflowsConditioner(), s.hiddenFeatures());
    }

    private static RationalQuadraticSpline scaledSpline(int bins, float tailBound, boolean nflows,
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
        RationalQuadraticSpline spline = scaledSpline(s.bins(), s.tailBound(),
                s.nflowsConditioner(), s.hiddenFeatures());
        int[] hidden = new int[s.blocks() + 1];
        java.util.Arrays.fill(hidden, s.hiddenFeatures());
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            Made made = Made.builder(thetaSize).context(contextSize).hidden(hidden)
                    .paramsPerDim(spline.paramsPerDim()).activation(s.activation())
                    .name("t" + i + ".made").build(rng);
            ts.add(MaskedAutoregressiveTransform.of(spline, made, thetaSize));
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
        int[] hidden = new int[s.hiddenLayers()];
        java.util.Arrays.fill(hidden, s.hiddenFeatures());
        List<ConditionalTransform> ts = new ArrayList<>();
        for (int i = 0; i < s.transforms(); i++) {
            Made made = Made.builder(thetaSize).context(contextSize).hidden(hidden)
                    .paramsPerDim(2).activation(s.activation()).name("t" + i + ".made")
                    .build(rng);
            ts.add(MaskedAutoregressiveTransform.of(AffineBijection.standard(), made,
                    thetaSize));
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
