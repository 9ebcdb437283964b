package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Settings of a mixture density network as sbi's {@code build_mdn} makes it: an MLP on x with
 * two hidden layers, then the mixture parameters.
 *
 * @param components     K Gaussian components (sbi: 10)
 * @param hiddenFeatures MLP width (sbi: 50)
 * @param hiddenLayers   MLP hidden layers (sbi: 2)
 * @param activation     MLP activation (sbi: ReLU)
 */
public record MdnSettings(int components, int hiddenFeatures, int hiddenLayers,
                          Activation activation)
        implements EstimatorSettings {

    public MdnSettings {
        Settings.positive("components", components);
        Settings.positive("hidden features", hiddenFeatures);
        Settings.positive("hidden layers", hiddenLayers);
        Settings.notNull("activation", activation);
    }

    /** sbi's defaults: 10 components, 2 hidden layers of 50, ReLU. */
    public static MdnSettings defaults() {
        return new MdnSettings(10, 50, 2, Activation.RELU);
    }

    /** "mdn" in {@link EstimatorKinds}. */
    @Override
    public String kind() {
        return "mdn";
    }

    @Override
    public Mdn build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        return Flows.mdn(thetaDim, contextDim, this, rng);
    }

    public MdnSettings withComponents(int v) {
        return new MdnSettings(v, hiddenFeatures, hiddenLayers, activation);
    }

    public MdnSettings withHiddenFeatures(int v) {
        return new MdnSettings(components, v, hiddenLayers, activation);
    }

    public MdnSettings withHiddenLayers(int v) {
        return new MdnSettings(components, hiddenFeatures, v, activation);
    }

    public MdnSettings withActivation(Activation v) {
        return new MdnSettings(components, hiddenFeatures, hiddenLayers, v);
    }
}
