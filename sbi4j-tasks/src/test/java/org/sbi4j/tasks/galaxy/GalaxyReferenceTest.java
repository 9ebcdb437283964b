package org.sbi4j.tasks.galaxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.tensor.Matrix;

/**
 * The reference sampler is right: (1) simulation-based calibration of the chain itself on 30
 * prior-predictive pairs, all five sampled parameters (shorter chains: burn-in 5,000, thinning
 * 10, L = 99; Sbc's rank tests at a family-wise level of 1 %); (2) the stored reference against
 * an independent chain (another seed, burn-in 20,000, thinning 20, 5,000 states) for
 * observations 1 and 3: means within 0.1 posterior sd and sds within 10 % for log_mass and size.
 */
class GalaxyReferenceTest {

    private static final List<String> NAMES = List.of("log_mass", "size", "e1", "e2", "psf_width");

    @Test
    void theReferenceChainIsCalibratedOnThePriorPredictive() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(400);
        int pairs = 30;
        Matrix all = GalaxyImage.prior().sample(pairs, rng);
        Matrix theta = Matrix.of(pairs, GalaxyReference.DIM);
        Matrix x = Matrix.of(pairs, GalaxyImage.PIXELS);
        GalaxyImage sim = new GalaxyImage();
        for (int i = 0; i < pairs; i++) {
            sim.simulate(all.data(), all.rowOffset(i), rng, x.data(), x.rowOffset(i));
            for (int j = 0; j < GalaxyReference.DIM; j++) {
                theta.set(i, j, all.get(i, j));
            }
        }
        GalaxyReference.Chain chain = new GalaxyReference.Chain(5_000, 10, 200);
        SbcResult r = Sbc.run(theta, x, (xo, n, g) -> GalaxyReference.joint(xo, n, chain, g), null,
                99, NAMES, 0.01, rng);
        assertThat(r.calibrated()).as(r.verdict()).isTrue();
    }

    private static double[] meanSd(Matrix m, int j) {
        double s = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += m.get(i, j);
        }
        double mean = s / m.rows();
        double q = 0;
        for (int i = 0; i < m.rows(); i++) {
            q += (m.get(i, j) - mean) * (m.get(i, j) - mean);
        }
        return new double[] {mean, Math.sqrt(q / (m.rows() - 1))};
    }

    @Test
    void theStoredReferenceAgreesWithAnIndependentChain() {
        GalaxyImageTask task = GalaxyImageTask.task();
        for (int k : new int[] {1, 3}) {
            Matrix stored = task.referenceJoint(k);
            Matrix other = GalaxyReference.joint(task.observation(k), 5_000,
                    new GalaxyReference.Chain(20_000, 20, 400),
                    RandomSource.XO_RO_SHI_RO_128_PP.create(410 + k));
            for (int j = 0; j < 2; j++) {
                double[] a = meanSd(stored, j);
                double[] b = meanSd(other, j);
                String p = "obs " + k + " " + NAMES.get(j);
                assertThat(Math.abs(a[0] - b[0]) / a[1]).as("%s: |mean difference| / sd (stored %s, "
                        + "independent %s)", p, a[0], b[0]).isLessThan(0.1);
                assertThat(b[1] / a[1]).as("%s: sd ratio independent/stored", p).isBetween(0.9, 1.1);
            }
        }
    }
}
