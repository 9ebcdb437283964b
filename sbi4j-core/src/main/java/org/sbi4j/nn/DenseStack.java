package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/** As {@link Mlp#of}, with parameter names prefix.dense<i>k</i> so that heads can be combined. */
final class DenseStack {

    private DenseStack() {
    }

    /** in → widths → out, activation f after each hidden layer (none after the last). */
    static Sequential of(String prefix, int in, int[] widths, int out, Activation f,
                         UniformRandomProvider rng) {
        List<Layer> layers = new ArrayList<>();
        int prev = in;
        for (int k = 0; k < widths.length; k++) {
            Shapes.checkPositive(prefix + ": hidden width " + k, widths[k]);
            layers.add(Dense.of(prefix + ".dense" + k, prev, widths[k], Init.forActivation(f),
                    rng));
            layers.add(ActivationLayer.of(f, widths[k]));
            prev = widths[k];
        }
        layers.add(Dense.of(prefix + ".dense" + widths.length, prev, out, Init.GLOROT_UNIFORM,
                rng));
        return Sequential.of(layers);
    }
}
