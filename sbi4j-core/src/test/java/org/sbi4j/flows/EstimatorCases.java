package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.kernels.Activation;

/** The estimators the contract tests loop over. */
final class EstimatorCases {

    private EstimatorCases() {
    }

    static List<EstimatorContractTest.Case> all() {
        RationalQuadraticSpline spline = RationalQuadraticSpline.of(5, 3f);
        NsfSettings nsf = NsfSettings.defaults().withTransforms(2).withBins(4)
                .withHiddenFeatures(8).withBlocks(1).withActivation(Activation.TANH);
        MafSettings maf = MafSettings.defaults().withTransforms(2).withHiddenFeatures(8)
                .withHiddenLayers(2);
        MdnSettings mdn = MdnSettings.defaults().withComponents(3).withHiddenFeatures(8)
                .withActivation(Activation.TANH);
        FlowStackSettings stack = FlowStackTest.MIXED;
        return List.of(
                new EstimatorContractTest.Case("flow_stack of every transform kind 3-D", 3, 2,
                        r -> stack.build(3, 2, r)),
                new EstimatorContractTest.Case("Flows.nsf 2-D", 2, 3,
                        r -> Flows.nsf(2, 3, nsf, r)),
                new EstimatorContractTest.Case("Flows.nsf 1-D", 1, 2,
                        r -> Flows.nsf(1, 2, nsf, r)),
                new EstimatorContractTest.Case("Flows.autoregressiveNsf 3-D", 3, 2,
                        r -> Flows.autoregressiveNsf(3, 2, nsf, r)),
                new EstimatorContractTest.Case("Flows.maf 2-D", 2, 2,
                        r -> Flows.maf(2, 2, maf, r)),
                new EstimatorContractTest.Case("Flows.maf random permutations 3-D", 3, 1,
                        r -> Flows.maf(3, 1, maf.withRandomPermutations(true), r)),
                new EstimatorContractTest.Case("Flows.mdn 2-D", 2, 2,
                        r -> Flows.mdn(2, 2, mdn, r)),
                new EstimatorContractTest.Case("MDN 1-D, 3 components", 1, 2,
                        r -> Mdn.of(TinyConditioner.dense(2, 8, Mdn.outputSize(3, 1)), 3, 1)),
                new EstimatorContractTest.Case("MDN 3-D, 2 components", 3, 2,
                        r -> Mdn.of(TinyConditioner.dense(2, 8, Mdn.outputSize(2, 3)), 2, 3)),
                new EstimatorContractTest.Case("flow: coupling spline, LU, tiny nets", 2, 2,
                        r -> ConditionalFlow.of(ComposedTransform.of(List.of(
                                CouplingTransform.of(spline, CouplingTransform.alternatingMask(2, 0),
                                        TinyConditioner.dense(3, 8, spline.paramsPerDim()), 2),
                                LuLinear.identity(2, 2),
                                CouplingTransform.of(spline, CouplingTransform.alternatingMask(2, 1),
                                        TinyConditioner.dense(3, 8, spline.paramsPerDim()), 2))))),
                new EstimatorContractTest.Case("flow: MAF, reverse, 1-D context spline", 1, 2,
                        r -> ConditionalFlow.of(ComposedTransform.of(List.of(
                                MaskedAutoregressiveTransform.of(AffineBijection.standard(),
                                        TinyConditioner.made(1, 2, 6, 2), 1),
                                CouplingTransform.of(spline, CouplingTransform.alternatingMask(1, 0),
                                        TinyConditioner.dense(2, 8, spline.paramsPerDim()), 2))))),
                new EstimatorContractTest.Case("flow: MAF 3-D", 3, 2,
                        r -> ConditionalFlow.of(ComposedTransform.of(List.of(
                                MaskedAutoregressiveTransform.of(AffineBijection.standard(),
                                        TinyConditioner.made(3, 2, 9, 2), 3),
                                Permutation.reverse(3, 2),
                                MaskedAutoregressiveTransform.of(spline,
                                        TinyConditioner.made(3, 2, 9, spline.paramsPerDim()), 3))))));
    }
}
