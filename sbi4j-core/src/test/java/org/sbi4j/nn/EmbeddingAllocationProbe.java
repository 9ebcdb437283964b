package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.Allocations;

/**
 * Measures the bytes allocated by warm forward/backward passes of a convolutional stack
 * (Conv1d, activation, pooling, Dense) and of a DeepSets layer on NaN-padded sets. Run by
 * {@link EmbeddingAllocationTest} in a child JVM; prints "ALLOC &lt;network&gt; &lt;bytes&gt;".
 */
public final class EmbeddingAllocationProbe {

    private EmbeddingAllocationProbe() {
    }

    public static void main(String[] args) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(41L);
        Conv1d conv = Conv1d.of("conv", 2, 16, 3, 3, 1, Conv1d.Padding.SAME, Init.HE_UNIFORM, rng);
        Layer convNet = Sequential.of(conv, ActivationLayer.of(Activation.RELU, 48),
                AvgPool1d.of(3, 16, 2), Dense.of("head", 24, 4, Init.GLOROT_UNIFORM, rng));
        Matrix x = LayerGradientCheck.random(8, 32, 1, rng);
        System.out.println("ALLOC conv " + measure(convNet, x, rng));

        Layer phi = Sequential.of(Dense.of("phi", 2, 6, Init.HE_UNIFORM, rng),
                ActivationLayer.of(Activation.RELU, 6));
        Layer sets = DeepSets.of(phi, Dense.of("rho", 7, 3, Init.GLOROT_UNIFORM, rng), 5);
        Matrix s = LayerGradientCheck.random(8, 10, 1, rng);
        for (int i = 0; i < 8; i++) {
            for (int j = 2 + 2 * (i % 4); j < 10; j++) {
                s.set(i, j, Float.NaN); // 1 to 4 valid trials of 5
            }
        }
        System.out.println("ALLOC deepsets " + measure(sets, s, rng));
    }

    static long measure(Layer net, Matrix x, UniformRandomProvider rng) {
        List<Param> params = net.params();
        Layer.Workspace ws = net.workspace(8);
        Matrix g = LayerGradientCheck.random(8, net.outputSize(), 1, rng);
        Matrix small = x.rowView(0, 5);
        Matrix gSmall = g.rowView(0, 5);
        Runnable step = () -> {
            Params.zeroGrad(params);
            net.forward(x, ws);
            net.backward(g, ws);
            net.forward(small, ws);
            net.backward(gSmall, ws);
        };
        return Allocations.bytesOnceWarm(step, AllocationProbe.WARM_STEPS,
                AllocationProbe.MEASURED_STEPS, 1024);
    }
}
