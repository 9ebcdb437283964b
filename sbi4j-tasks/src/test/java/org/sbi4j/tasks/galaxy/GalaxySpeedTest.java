package org.sbi4j.tasks.galaxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** The renderer is fast enough to be the simulator: 10,000 images in well under a minute. */
class GalaxySpeedTest {

    @Test
    void tenThousandImagesSimulateInUnderThirtySecondsOnOneThread() {
        GalaxyImage sim = new GalaxyImage();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        Matrix theta = GalaxyImage.prior().sample(10_000, rng);
        float[] x = new float[GalaxyImage.PIXELS];
        for (int i = 0; i < 500; i++) {
            sim.simulate(theta.data(), theta.rowOffset(i), rng, x, 0);
        }
        long t0 = System.nanoTime();
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            sim.simulate(theta.data(), theta.rowOffset(i), rng, x, 0);
            sum += x[2080];
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        float[] xo = GalaxyImageTask.simulateObservation(1);
        double[] th = {10.4, 3.0, 0.15, -0.1, 1.4};
        for (int i = 0; i < 2_000; i++) {
            th[0] = 10.4 + 1e-5 * i;
            sum += GalaxyImage.marginalLogLikelihood(xo, th);
        }
        double l = (System.nanoTime() - t1) / 1e9 / 2_000;
        System.out.printf("galaxy_image: 10,000 simulations in %.2f s on one thread; "
                + "marginal likelihood %.1f us per evaluation (%s)%n", s, l * 1e6, sum);
        assertThat(s).isLessThan(30);
    }
}
