package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;

class ResidualNetTest {

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        ResidualNet net = ResidualNet.of("res", 4, 6, 2, 3, Activation.TANH, rng);
        // the zero-initialised second layers would hide their input gradients: randomise all
        for (Param p : net.params()) {
            p.value().copyFrom(LayerGradientCheck.random(p.value().rows(), p.value().cols(), 0.5,
                    rng));
        }
        LayerGradientCheck.check(net, LayerGradientCheck.random(5, 4, 1.0, rng), rng);
    }

    @Test
    void blocksStartAsIdentitySoTheNetIsAffineAtInit() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        ResidualNet net = ResidualNet.of("res", 2, 5, 3, 1, Activation.RELU, rng);
        assertThat(net.params()).extracting(Param::name).contains("res.in.weight",
                "res.block2.1.bias", "res.out.weight");
        Layer.Workspace ws = net.workspace(3);
        Matrix x = Matrix.fromRows(new float[][] {{0, 0}, {1, 0}, {2, 0}});
        Matrix y = net.forward(x, ws);
        // zero second layers: y = W_out·(W_in·x) is linear in x, so y1 − y0 = y2 − y1
        assertThat(y.get(1, 0) - y.get(0, 0)).isCloseTo(y.get(2, 0) - y.get(1, 0),
                org.assertj.core.api.Assertions.within(1e-5f));
    }
}
