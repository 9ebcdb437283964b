package org.sbi4j.flows;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Made;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.ResidualNet;

/** The transforms every contract test loops over, with randomised parameters. */
final class TransformCases {

    private TransformCases() {
    }

    /**
     * A named transform factory (given an rng for parameters and masks); autoregressive says
     * whether ∂z_i/∂θ_j = 0 for j &gt; i in the transform's own feature order.
     */
    record Case(String name, int features, int context, boolean triangular, double scale,
                Function<UniformRandomProvider, ConditionalTransform> make) {

        Case(String name, int features, int context, boolean triangular,
             Function<UniformRandomProvider, ConditionalTransform> make) {
            this(name, features, context, triangular, 0.5, make);
        }

        /**
         * The transform with every parameter drawn from U(−scale, scale). Deep stacks get a
         * smaller scale: a random stack is ill-conditioned, and the float32 rounding of z
         * (relative 6e-8) is amplified by ‖∂θ/∂z‖ in a round trip.
         */
        ConditionalTransform build(long seed) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            ConditionalTransform t = make.apply(rng);
            randomise(t.params(), rng, scale);
            return t;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Sets every parameter value to U(−scale, scale). */
    static void randomise(List<Param> params, UniformRandomProvider rng, double scale) {
        for (Param p : params) {
            float[] v = p.value().data();
            for (int i = 0; i < p.size(); i++) {
                v[p.value().offset() + i] = (float) (scale * (2 * rng.nextDouble() - 1));
            }
        }
    }

    static List<Case> all() {
        return List.of(
                new Case("reverse", 3, 2, false, r -> Permutation.reverse(3, 2)),
                new Case("random permutation", 4, 0, false, r -> Permutation.random(4, 0, r)),
                new Case("LU linear", 3, 2, false, r -> LuLinear.identity(3, 2)),
                new Case("LU, reverse, LU", 3, 1, false, r -> ComposedTransform.of(List.of(
                        LuLinear.identity("lu0", 3, 1), Permutation.reverse(3, 1),
                        LuLinear.identity("lu1", 3, 1)))),
                new Case("MAF (affine, tiny MADE)", 3, 2, true, r ->
                        MaskedAutoregressiveTransform.of(AffineBijection.standard(),
                                TinyConditioner.made(3, 2, 8, 2), 3)),
                new Case("autoregressive spline (tiny MADE)", 3, 2, true, r ->
                        MaskedAutoregressiveTransform.of(SPLINE,
                                TinyConditioner.made(3, 2, 8, SPLINE.paramsPerDim()), 3)),
                new Case("spline coupling (tiny MLP)", 3, 2, false, r ->
                        CouplingTransform.of(SPLINE, CouplingTransform.alternatingMask(3, 0),
                                TinyConditioner.dense(1 + 2, 8, 2 * SPLINE.paramsPerDim()), 2)),
                new Case("MAF (affine, nn MADE)", 3, 2, true, r ->
                        MaskedAutoregressiveTransform.of(AffineBijection.standard(),
                                Made.builder(3).context(2).hidden(8, 8).paramsPerDim(2)
                                        .activation(Activation.TANH).build(r), 3)),
                new Case("autoregressive spline (nn MADE)", 2, 1, true, r ->
                        MaskedAutoregressiveTransform.of(SPLINE, Made.builder(2).context(1)
                                .hidden(8).paramsPerDim(SPLINE.paramsPerDim())
                                .activation(Activation.TANH).build(r), 2)),
                new Case("spline coupling (nn ResidualNet)", 3, 2, false, r ->
                        CouplingTransform.of(SPLINE, CouplingTransform.alternatingMask(3, 1),
                                ResidualNet.builder(2, SPLINE.paramsPerDim()).context(2)
                                        .hidden(8).blocks(1).activation(Activation.TANH)
                                        .build(r), 2)),
                new Case("Flows.nsf stack", 3, 2, false, 0.25, r -> Flows.nsf(3, 2,
                        NsfSettings.defaults().withTransforms(2).withBins(4)
                                .withHiddenFeatures(8).withBlocks(1)
                                .withActivation(Activation.TANH), r).transform()),
                new Case("Flows.maf stack", 3, 2, false, 0.25, r -> Flows.maf(3, 2,
                        MafSettings.defaults().withTransforms(2).withHiddenFeatures(8), r)
                        .transform()),
                new Case("1-D spline coupling on context", 1, 2, true, r ->
                        CouplingTransform.of(SPLINE, CouplingTransform.alternatingMask(1, 0),
                                TinyConditioner.dense(2, 8, SPLINE.paramsPerDim()), 2)));
    }

    static final RationalQuadraticSpline SPLINE = RationalQuadraticSpline.of(4, 3f);
}

