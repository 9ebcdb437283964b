package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Multi-layer perceptron builder: Dense → f → Dense → f → … → Dense (no activation on the
 * output).
 *
 * <p>With hidden sizes h₁…h_L the network is in→h₁→…→h_L→out; layer k is named "dense<i>k</i>"
 * (parameters dense<i>k</i>.weight, dense<i>k</i>.bias). Hidden weights use
 * {@link Init#forActivation}, the output layer Glorot uniform, or zeros when asked (so that, say,
 * a flow's conditioner starts by outputting zero). Weights are drawn from rng in layer order.
 */
public final class Mlp {

    private Mlp() {
    }

    /** An MLP with a randomly initialised output layer. */
    public static Sequential of(int in, int[] hidden, int out, Activation f,
                                UniformRandomProvider rng) {
        return of(in, hidden, out, f, false, rng);
    }

    /**
     * An MLP in→hidden[0]→…→out with activation f after each hidden layer.
     *
     * @param zeroOutput if true the last layer's weights and biases start at zero
     */
    public static Sequential of(int in, int[] hidden, int out, Activation f, boolean zeroOutput,
                                UniformRandomProvider rng) {
        Shapes.checkPositive("MLP input size", in);
        Shapes.checkPositive("MLP output size", out);
        if (f == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        List<Layer> layers = new ArrayList<>();
        int prev = in;
        for (int k = 0; k < hidden.length; k++) {
            Shapes.checkPositive("MLP hidden size " + k, hidden[k]);
            layers.add(Dense.of("dense" + k, prev, hidden[k], Init.forActivation(f), rng));
            layers.add(ActivationLayer.of(f, hidden[k]));
            prev = hidden[k];
        }
        Init last = zeroOutput ? Init.ZERO : Init.GLOROT_UNIFORM;
        layers.add(Dense.of("dense" + hidden.length, prev, out, last, rng));
        return Sequential.of(layers);
    }
}
