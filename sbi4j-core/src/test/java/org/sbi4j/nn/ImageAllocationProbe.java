package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Cnn2dConfig.Pooling;
import org.sbi4j.nn.Cnn2dConfig.Readout;
import org.sbi4j.tensor.Matrix;

/**
 * Measures the bytes allocated by warm forward/backward passes of the image and attention
 * layers: a residual CNN with max pooling, one with average pooling and global readout, and
 * LayerNorm, a Set Transformer on NaN-padded sets. Run by {@link ImageAllocationTest} in a child JVM; prints
 * "ALLOC &lt;network&gt; &lt;bytes&gt;" (batches of 8 and 5 rows, as
 * {@link EmbeddingAllocationProbe#measure}).
 */
public final class ImageAllocationProbe {

    private ImageAllocationProbe() {
    }

    public static void main(String[] args) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(47L);
        ImageShape img = ImageShape.of(2, 9, 8);
        Layer maxNet = Cnn2d.of(new Cnn2dConfig(img, new int[] {3, 4}, 3, Pooling.MAX2, true,
                Activation.RELU, Readout.FLATTEN, new int[] {6}, 3), rng);
        Matrix x = LayerGradientCheck.random(8, img.size(), 1, rng);
        System.out.println("ALLOC cnn-max " + EmbeddingAllocationProbe.measure(maxNet, x, rng));
        Layer avgNet = Cnn2d.of(new Cnn2dConfig(img, new int[] {3}, 5, Pooling.AVERAGE2, false,
                Activation.TANH, Readout.GLOBAL_AVERAGE, new int[0], 2), rng);
        System.out.println("ALLOC cnn-avg " + EmbeddingAllocationProbe.measure(avgNet, x, rng));
        Conv2d strided = Conv2d.of("s", new Conv2dSpec(img, 3, 3, 2, 2, Conv1d.Padding.VALID),
                Init.HE_UNIFORM, rng);
        System.out.println("ALLOC conv-strided "
                + EmbeddingAllocationProbe.measure(strided, x, rng));
        Layer norm = Sequential.of(LayerNorm.of("ln", img.size()),
                Dense.of("d", img.size(), 4, Init.GLOROT_UNIFORM, rng));
        System.out.println("ALLOC layernorm " + EmbeddingAllocationProbe.measure(norm, x, rng));
        SetTransformer st = SetTransformer.of(new SetTransformerConfig(5, 2, 8, 2, 3, 2, 2,
                Activation.RELU, new int[] {6}, 3), rng);
        Matrix s = LayerGradientCheck.random(8, 10, 1, rng);
        for (int i = 0; i < 8; i++) {
            for (int j = 2 + 2 * (i % 4); j < 10; j++) {
                s.set(i, j, Float.NaN); // 1 to 4 valid trials of 5
            }
        }
        System.out.println("ALLOC settransformer " + EmbeddingAllocationProbe.measure(st, s, rng));
    }
}
