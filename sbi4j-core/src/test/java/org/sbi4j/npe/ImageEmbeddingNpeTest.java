package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.flows.MdnSettings;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Cnn2dConfig;
import org.sbi4j.posterior.Cnn2dEmbedding;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * The cnn2d embedding end to end through {@link Npe#run} on a tiny image task: an 8×8 image of
 * a Gaussian blob at the centre whose brightness is θ ~ N(0, 1), plus pixel noise N(0, 0.1²).
 */
class ImageEmbeddingNpeTest {

    private static final int SIDE = 8;
    private static final double NOISE = 0.1;

    /** The blob's profile at pixel (i, j): exp(−r²/(2·1.5²)) about the centre 3.5, 3.5. */
    private static double blob(int i, int j) {
        double di = i - 3.5;
        double dj = j - 3.5;
        return Math.exp(-(di * di + dj * dj) / (2 * 1.5 * 1.5));
    }

    private static final Simulator IMAGES = new Simulator() {
        @Override
        public int thetaDim() {
            return 1;
        }

        @Override
        public int xDim() {
            return SIDE * SIDE;
        }

        @Override
        public int[] xShape() {
            return new int[] {SIDE, SIDE};
        }

        @Override
        public void simulate(float[] theta, int off, UniformRandomProvider rng, float[] x,
                             int xOff) {
            var g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    x[xOff + i * SIDE + j] = (float) (theta[off] * blob(i, j)
                            + NOISE * g.sample());
                }
            }
        }
    };

    /** The noise-free image of brightness theta. */
    private static float[] image(double theta) {
        float[] x = new float[SIDE * SIDE];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                x[i * SIDE + j] = (float) (theta * blob(i, j));
            }
        }
        return x;
    }

    @Test
    void cnn2dEmbeddingTrainsAndSamplesOnTinyImages() {
        Prior prior = NpeTestModels.standardNormal("brightness");
        Cnn2dEmbedding cnn = new Cnn2dEmbedding(List.of(4, 8), 3, Cnn2dConfig.Pooling.MAX2,
                false, Activation.RELU, Cnn2dConfig.Readout.FLATTEN, List.of(16), 4);
        MdnSettings mdn = MdnSettings.defaults().withComponents(2).withHiddenFeatures(16);
        NpeSettings settings = NpeSettings.defaults()
                .withEstimator(new EstimatorSpec(mdn, cnn, 1))
                .withTraining(NpeSettings.defaults().training().withLearningRate(3e-3)
                        .withStopAfterEpochs(8).withMaxEpochs(25));
        NpeResult r = Npe.builder(prior, IMAGES).simulations(1500).seed(3L).settings(settings)
                .threads(2).run();
        assertThat(r.posterior().spec().embedding()).isEqualTo(cnn);
        var report = r.report();
        assertThat(report.bestValidationLoss())
                .isLessThan(report.epochs().get(0).validationLoss());
        double[] means = new double[3];
        double[] thetas = {-1.5, 0.0, 1.5};
        for (int k = 0; k < thetas.length; k++) {
            Matrix s = r.posterior().at(image(thetas[k]))
                    .sample(2000, RandomSource.XO_RO_SHI_RO_128_PP.create(9L + k));
            assertThat(s.rows()).isEqualTo(2000);
            float[] v = s.toArray();
            assertThat(java.util.stream.IntStream.range(0, v.length)
                    .filter(i -> !Float.isFinite(v[i])).count())
                    .as("non-finite samples at θ = %s", thetas[k]).isZero();
            means[k] = Intervals.mean(s)[0];
        }
        // the exact posterior sd is 1/√(1 + Σ blob²/0.1²) ≈ 0.04 (Σ blob² ≈ 7.1); at most 25
        // epochs of a small network are far from it (seen: within 0.21-0.24 of the truth), so
        // require the means in the order of the brightnesses and each within
        // 0.5 (a sixth of the prior's ±1.5 range) of the truth
        assertThat(means[0]).isLessThan(means[1]);
        assertThat(means[1]).isLessThan(means[2]);
        for (int k = 0; k < thetas.length; k++) {
            assertThat(means[k]).as("posterior mean at θ = %s", thetas[k])
                    .isBetween(thetas[k] - 0.5, thetas[k] + 0.5);
        }
    }
}
