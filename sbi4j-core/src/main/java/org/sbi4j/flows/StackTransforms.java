package org.sbi4j.flows;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Made;
import org.sbi4j.nn.ResidualNet;

/**
 * The transforms a composed flow ({@link FlowStackSettings}) is made of, each a record of its
 * sizes registered in {@link TransformKinds}; {@link Flows}' standard flows are built from them.
 */
public final class StackTransforms {

    private StackTransforms() {
    }

    private static ConditionalTransform couplingLayer(ElementwiseBijection b,
                                                      TransformSettings.Slot s, int hidden,
                                                      int blocks, Activation f, boolean nflows,
                                                      UniformRandomProvider rng) {
        if (s.thetaDim() == 1 && s.contextDim() == 0) {
            throw new IllegalArgumentException("a coupling on 1 feature needs a context: use an"
                    + " autoregressive transform for an unconditional 1-D flow");
        }
        boolean[] mask = CouplingTransform.alternatingMask(s.thetaDim(), s.couplingIndex());
        int transformed = 0;
        for (boolean m : mask) {
            transformed += m ? 1 : 0;
        }
        // input [identity half | context]; nflows-style: the context enters the initial layer
        // and gates every residual block
        ResidualNet net = ResidualNet.builder(s.thetaDim() - transformed,
                        transformed * b.paramsPerDim())
                .context(s.contextDim()).hidden(hidden).blocks(blocks).activation(f)
                .contextMode(nflows ? ResidualNet.ContextMode.GLU : ResidualNet.ContextMode.ADD)
                .torchInit(nflows).name(s.name() + ".net").build(rng);
        return CouplingTransform.of(b, mask, net, s.contextDim());
    }

    private static ConditionalTransform autoregressiveLayer(ElementwiseBijection b,
                                                            TransformSettings.Slot s,
                                                            int[] hidden, Activation f,
                                                            UniformRandomProvider rng) {
        Made made = Made.builder(s.thetaDim()).context(s.contextDim()).hidden(hidden)
                .paramsPerDim(b.paramsPerDim()).activation(f).name(s.name() + ".made")
                .build(rng);
        return MaskedAutoregressiveTransform.of(b, made, s.thetaDim());
    }

    private static int[] layers(int n, int width) {
        int[] h = new int[n];
        Arrays.fill(h, width);
        return h;
    }

    private static void check(int bins, float tailBound, int hidden, int blocks, Activation f) {
        Settings.positive("bins", bins);
        if (!(tailBound > 0) || Float.isInfinite(tailBound)) {
            throw new IllegalArgumentException("tail bound must be positive and finite: "
                    + tailBound);
        }
        check(hidden, blocks, f);
    }

    private static void check(int hidden, int blocks, Activation f) {
        Settings.positive("hidden features", hidden);
        if (blocks < 0) {
            throw new IllegalArgumentException("negative number of blocks: " + blocks);
        }
        Settings.notNull("activation", f);
    }

    /**
     * A rational-quadratic spline coupling with a residual conditioner on [identity half,
     * context], masks alternating along the stack: one layer of {@link Flows#nsf} (defaults:
     * sbi's, 10 bins, B = 3, 50 hidden × 2 blocks, ReLU, nflows' conditioner).
     */
    public record SplineCoupling(int bins, float tailBound, int hiddenFeatures, int blocks,
                                 Activation activation, boolean nflowsConditioner)
            implements TransformSettings {
        public SplineCoupling {
            check(bins, tailBound, hiddenFeatures, blocks, activation);
        }

        @Override
        public String kind() {
            return "spline_coupling";
        }

        @Override
        public boolean coupling() {
            return true;
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return couplingLayer(Flows.scaledSpline(bins, tailBound, nflowsConditioner,
                    hiddenFeatures), slot, hiddenFeatures, blocks, activation, nflowsConditioner,
                    rng);
        }
    }

    /** An affine coupling (RealNVP) with a residual conditioner (50 hidden × 2 blocks, ReLU). */
    public record AffineCoupling(int hiddenFeatures, int blocks, Activation activation,
                                 boolean nflowsConditioner) implements TransformSettings {
        public AffineCoupling {
            check(hiddenFeatures, blocks, activation);
        }

        @Override
        public String kind() {
            return "affine_coupling";
        }

        @Override
        public boolean coupling() {
            return true;
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return couplingLayer(AffineBijection.standard(), slot, hiddenFeatures, blocks,
                    activation, nflowsConditioner, rng);
        }
    }

    /**
     * A MADE-conditioned rational-quadratic spline: one layer of
     * {@link Flows#autoregressiveNsf} (MADE of blocks + 1 hidden layers; defaults as
     * {@link AutoregressiveNsfSettings#defaults()}).
     */
    public record SplineAutoregressive(int bins, float tailBound, int hiddenFeatures, int blocks,
                                       Activation activation, boolean nflowsConditioner)
            implements TransformSettings {
        public SplineAutoregressive {
            check(bins, tailBound, hiddenFeatures, blocks, activation);
        }

        @Override
        public String kind() {
            return "spline_autoregressive";
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return autoregressiveLayer(Flows.scaledSpline(bins, tailBound, nflowsConditioner,
                    hiddenFeatures), slot, layers(blocks + 1, hiddenFeatures), activation, rng);
        }
    }

    /** An affine MADE layer: one layer of {@link Flows#maf} (50 hidden × 3 layers, tanh). */
    public record AffineAutoregressive(int hiddenFeatures, int hiddenLayers, Activation activation)
            implements TransformSettings {
        public AffineAutoregressive {
            Settings.positive("hidden layers", hiddenLayers);
            check(hiddenFeatures, 0, activation);
        }

        @Override
        public String kind() {
            return "affine_autoregressive";
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return autoregressiveLayer(AffineBijection.standard(), slot,
                    layers(hiddenLayers, hiddenFeatures), activation, rng);
        }
    }

    /** An LU-decomposed linear layer starting at the identity ({@link LuLinear}). */
    public record Lu() implements TransformSettings {
        @Override
        public String kind() {
            return "lu";
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return LuLinear.identity(slot.name() + ".lu", slot.thetaDim(), slot.contextDim());
        }
    }

    /** Reverses the order of the features. */
    public record Reverse() implements TransformSettings {
        @Override
        public String kind() {
            return "reverse";
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return Permutation.reverse(slot.thetaDim(), slot.contextDim());
        }
    }

    /** A random (seeded, drawn from the build rng) permutation of the features. */
    public record RandomPermutation() implements TransformSettings {
        @Override
        public String kind() {
            return "random_permutation";
        }

        @Override
        public ConditionalTransform build(Slot slot, UniformRandomProvider rng) {
            return Permutation.random(slot.thetaDim(), slot.contextDim(), rng);
        }
    }
}
