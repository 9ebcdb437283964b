package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The settings of one kind of conditional density estimator, able to build a freshly
 * initialised estimator. Each kind is a record implementing this interface and registered once in
 * {@link EstimatorKinds} (its name, defaults and description), which lets job files, options
 * and model files name, bind and store it. Implementations are immutable values.
 */
public interface EstimatorSettings {

    /** The registered name of this kind (e.g. "nsf"), as {@link EstimatorKinds} knows it. */
    String kind();

    /**
     * A freshly initialised estimator of q(θ | context) for θ of dimension thetaDim and a
     * context of dimension contextDim; every weight, mask and permutation is drawn from rng.
     */
    ConditionalDensityEstimator build(int thetaDim, int contextDim, UniformRandomProvider rng);
}
