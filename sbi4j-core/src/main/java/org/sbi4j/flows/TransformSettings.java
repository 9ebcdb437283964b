package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The settings of one transform of a composed flow ({@link FlowStackSettings}): a record
 * registered in {@link TransformKinds} that builds its {@link ConditionalTransform}.
 */
public interface TransformSettings {

    /** Where a transform sits in its stack. */
    record Slot(int thetaDim, int contextDim, String name, int couplingIndex) {
        /**
         * @param thetaDim      D, the features transformed
         * @param contextDim    C, the context size
         * @param name          prefix of its parameter names, unique in the flow (e.g. "t3")
         * @param couplingIndex number of coupling transforms before it (alternates the masks)
         */
        public Slot {
            if (thetaDim < 1 || contextDim < 0) {
                throw new IllegalArgumentException("need theta size >= 1 and context size >= 0: "
                        + thetaDim + ", " + contextDim);
            }
        }
    }

    /** The registered name of this transform kind (e.g. "spline_coupling"). */
    String kind();

    /** True for couplings: their masks alternate along the stack. */
    default boolean coupling() {
        return false;
    }

    /** A freshly initialised transform at slot, weights and permutations drawn from rng. */
    ConditionalTransform build(Slot slot, UniformRandomProvider rng);
}
