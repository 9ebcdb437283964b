package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A normalizing flow composed of a listed stack of transforms, registered as
 * {@code flow_stack}, so that a user-composed flow can be named, bound and saved like the
 * standard ones. Each entry is a transform in the text form of {@link TransformKinds}
 * ({@code spline_coupling(bins=8)}, {@code affine_coupling}, {@code spline_autoregressive},
 * {@code affine_autoregressive}, {@code lu}, {@code reverse}, {@code random_permutation}); the
 * entries are stored with every key written out. Transform i names its parameters "t<i>i</i>.";
 * the masks of couplings alternate along the stack; weights and permutations are drawn from the
 * build rng in stack order. q(θ | c) = N(T(θ; c)) · |det ∂T/∂θ| for the composed T.
 *
 * @param transforms the entries, first applied to θ first (at least one)
 */
public record FlowStackSettings(List<String> transforms) implements EstimatorSettings {

    public FlowStackSettings {
        if (transforms == null || transforms.isEmpty()) {
            throw new IllegalArgumentException("a flow stack needs at least one transform");
        }
        transforms = TransformKinds.canonical(transforms);
    }

    /** The stack of entries given as text ({@link TransformKinds#parse}). */
    public static FlowStackSettings of(String... transforms) {
        return new FlowStackSettings(List.of(transforms));
    }

    /** The layers of {@link NsfSettings#defaults()}: 5 × [spline_coupling, lu]. */
    public static FlowStackSettings defaults() {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            t.add("spline_coupling");
            t.add("lu");
        }
        return new FlowStackSettings(t);
    }

    @Override
    public String kind() {
        return "flow_stack";
    }

    @Override
    public ConditionalFlow build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        List<ConditionalTransform> ts = new ArrayList<>();
        int couplings = 0;
        for (int i = 0; i < transforms.size(); i++) {
            TransformSettings t = TransformKinds.parse(transforms.get(i));
            ts.add(t.build(new TransformSettings.Slot(thetaDim, contextDim, "t" + i, couplings),
                    rng));
            couplings += t.coupling() ? 1 : 0;
        }
        return ConditionalFlow.of(ComposedTransform.of(ts));
    }
}
