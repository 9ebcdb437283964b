package org.sbi4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;

/**
 * {@code sample} and {@code map} work through the public API for images of 64×64 = 4,096 values
 * (galaxy_image) and of 100×100 = 10,000 values, with the 2-D CNN embedding: a short training
 * (300 simulations, 2 epochs), then 200 samples and the MAP, all finite and inside the prior's
 * support.
 */
class WideImageTest {

    private static NpeSettings cnnSettings() {
        NpeSettings d = NpeSettings.defaults();
        return d.withEstimator(d.estimator().withEmbedding(EmbeddingKinds.bind("cnn2d",
                java.util.Map.of("channels", "4,8")))).withTraining(d.training().withMaxEpochs(2));
    }

    private static void sampleAndMap(Prior prior, Simulator sim, float[] xo, double lo, double hi) {
        NpeResult r = Npe.builder(prior, sim).simulations(300).seed(1L).settings(cnnSettings())
                .threads(2).run();
        ConditionedPosterior post = r.posterior().at(xo);
        Matrix s = post.sample(200, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(s.rows()).isEqualTo(200);
        for (float v : s.data()) {
            assertThat(v).isFinite().isBetween((float) lo, (float) hi);
        }
        double map = post.map(RandomSource.XO_RO_SHI_RO_128_PP.create(3L))[0];
        assertThat(map).isBetween(lo, hi);
    }

    @Test
    void aGalaxyImageOf4096PixelsSamplesAndGivesAMap() {
        Task t = Tasks.byName("galaxy_image");
        assertThat(t.xDim()).isEqualTo(4096);
        sampleAndMap(t.prior(), t.simulator(), t.observation(1), 9.5, 11.0);
    }

    @Test
    void anImageOf10000PixelsSamplesAndGivesAMap() {
        int side = 100;
        Simulator sim = Simulator.of(1, new int[] {1, side, side}, (theta, rng) -> {
            float[] x = new float[side * side];
            var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    double d2 = (i - 49.5) * (i - 49.5) + (j - 49.5) * (j - 49.5);
                    x[i * side + j] = (float) (theta[0] * Math.exp(-d2 / 50) + g.sample());
                }
            }
            return x;
        });
        float[] xo = new float[side * side];
        sim.simulate(new float[] {2f}, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(4L), xo, 0);
        sampleAndMap(Priors.uniform("amplitude", 0, 5), sim, xo, 0, 5);
    }
}
