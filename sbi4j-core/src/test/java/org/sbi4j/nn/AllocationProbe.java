package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.Allocations;

/**
 * Measures the bytes allocated by warm training steps (zero grads, forward, backward, clip,
 * AdamW, then a smaller batch) of an MLP, a MADE and a ResidualNet. Run by
 * {@link AllocationTest} in a child JVM; prints one line "ALLOC &lt;network&gt; &lt;bytes&gt;" each.
 */
public final class AllocationProbe {

    static final int WARM_STEPS = 4_000;
    static final int MEASURED_STEPS = 200;

    private AllocationProbe() {
    }

    public static void main(String[] args) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(40L);
        Layer[] nets = {
            Mlp.of(4, new int[] {8, 8}, 3, Activation.RELU, rng),
            Made.builder(3).context(2).hidden(8, 8).paramsPerDim(2).build(rng),
            ResidualNet.builder(3, 2).context(2).hidden(8).blocks(2).build(rng),
        };
        String[] names = {"mlp", "made", "resnet"};
        for (int i = 0; i < nets.length; i++) {
            System.out.println("ALLOC " + names[i] + " " + measure(nets[i], rng));
        }
    }

    static long measure(Layer net, UniformRandomProvider rng) {
        List<Param> params = net.params();
        Adam adam = Adam.of(params, AdamConfig.defaults()
                .withWeightDecay(1e-4, AdamConfig.WeightDecay.DECOUPLED));
        Layer.Workspace ws = net.workspace(8);
        Matrix x = LayerGradientCheck.random(8, net.inputSize(), 1, rng);
        Matrix g = LayerGradientCheck.random(8, net.outputSize(), 1, rng);
        Matrix small = x.rowView(0, 5);
        Matrix gSmall = g.rowView(0, 5);
        Runnable step = () -> {
            Params.zeroGrad(params);
            net.forward(x, ws);
            net.backward(g, ws);
            GradientClipping.clipGlobalNorm(params, 0.5);
            adam.step(1e-3);
            net.forward(small, ws); // a smaller last batch reuses the buffers
            net.backward(gSmall, ws);
        };
        return Allocations.bytesOnceWarm(step, WARM_STEPS, MEASURED_STEPS, 1024);
    }
}
