package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * L-C2ST on the conjugate Gaussian model (θ ~ N(0, 1), x ~ N(θ, 1)) at x_o = 0.5, with 500
 * calibration pairs, 500 evaluation draws and 19 null classifiers (p-values in steps of 0.05).
 * A posterior half as wide as the true one is rejected at α = 0.05 (its statistic exceeds every
 * null one); the exact posterior is not (under the null p is uniform on {0.05, …, 1}, so this
 * assertion fails with probability 0.05 for a random seed; the seed is fixed).
 */
class LocalC2stTest {

    private static LocalC2st.Result run(GaussianModel.Posterior q, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix[] tx = GaussianModel.pairs(500, 1, rng);
        LocalC2st.Settings s = new LocalC2st.Settings(500, 19,
                C2st.Config.sbibm().withThreads(1));
        return LocalC2st.test(tx[0], tx[1], q, new float[] {0.5f}, s, 0.05, rng);
    }

    @Test
    void rejectsAnOverconfidentPosteriorLocally() {
        LocalC2st.Result r = run(GaussianModel.posterior(0.5, 0), 1L);
        System.out.println(r.verdict());
        assertThat(r.pValue()).isEqualTo(0.05);
        assertThat(r.verdict()).contains("NOT locally calibrated");
    }

    @Test
    void acceptsTheExactPosterior() {
        LocalC2st.Result r = run(GaussianModel.posterior(1, 0), 2L);
        System.out.println(r.verdict());
        assertThat(r.pValue()).isGreaterThan(0.05);
        assertThat(r.verdict()).contains("consistent with a calibrated posterior");
    }
}
