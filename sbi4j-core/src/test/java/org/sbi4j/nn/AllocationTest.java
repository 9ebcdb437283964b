package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.tensor.Matrix;

/** A training step (zero grads, forward, backward, clip, Adam) allocates nothing. */
class AllocationTest {

    @Test
    void trainingStepsAllocateNothingOnceWarm() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(40L);
        Layer[] nets = {
            Mlp.of(4, new int[] {8, 8}, 3, Activation.RELU, rng),
            Made.builder(3).context(2).hidden(8, 8).paramsPerDim(2).build(rng),
            ResidualNet.builder(3, 2).context(2).hidden(8).blocks(2).build(rng),
        };
        for (Layer net : nets) {
            List<Param> params = net.params();
            Adam adam = Adam.of(params, AdamConfig.defaults()
                    .withWeightDecay(1e-4, AdamConfig.WeightDecay.DECOUPLED));
            Layer.Workspace ws = net.workspace(8);
            Matrix x = LayerGradientCheck.random(8, net.inputSize(), 1, rng);
            Matrix small = x.rowView(0, 5);
            Matrix g = LayerGradientCheck.random(8, net.outputSize(), 1, rng);
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
            for (int i = 0; i < 4_000; i++) { // let the JIT compile (and scalar-replace)
                step.run();
            }
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                step.run();
            }
            long bytes = mx.getCurrentThreadAllocatedBytes() - before;
            // 200 steps: even one 16-byte object per step would be 3,200 bytes; the
            // allowance covers the measuring call itself
            assertThat(bytes).as("bytes allocated by 200 steps of %s", net).isLessThan(1024);
        }
    }

}
