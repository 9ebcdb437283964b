package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;

/**
 * NPE on gaussian_linear (10-D), whose posterior is analytic: N(x_o / 2, 0.05·I).
 *
 * <p>Tolerances: with 10,000 simulations sbi's NSF reaches C2ST ≈ 0.55 here, i.e. small but
 * visible errors. We require every posterior mean within 0.1 of x_o/2 (the posterior sd is
 * 0.224, so 0.45 sd), every marginal variance within 35 % of 0.05, and off-diagonal
 * covariances below 0.015 in absolute value (correlation 0.3). A badly wrong posterior (e.g.
 * the prior, variance 0.1, or a mean shifted by one sd) fails all three.
 */
class GaussianLinearNpeTest {

    @Test
    void posteriorMomentsMatchTheAnalyticPosterior() {
        Task task = Tasks.byName("gaussian_linear");
        NpeResult r = Npe.builder(task.prior(), task.simulator()).simulations(10_000).seed(42L)
                .settings(NpeSettings.defaults()).threads(2).run();
        for (int k = 1; k <= 3; k++) {
            float[] xo = task.observation(k);
            ConditionedPosterior post = r.posterior().at(xo);
            Matrix s = post.sample(5000, RandomSource.XO_RO_SHI_RO_128_PP.create(k));
            double[] mean = Intervals.mean(s);
            double[][] cov = Intervals.covariance(s);
            for (int j = 0; j < 10; j++) {
                assertThat(mean[j]).as("obs %d mean %d", k, j).isCloseTo(xo[j] / 2.0,
                        org.assertj.core.api.Assertions.within(0.1));
                assertThat(cov[j][j]).as("obs %d variance %d", k, j).isBetween(0.05 * 0.65,
                        0.05 * 1.35);
                for (int i = 0; i < j; i++) {
                    assertThat(Math.abs(cov[i][j])).as("obs %d cov %d,%d", k, i, j)
                            .isLessThan(0.015);
                }
            }
        }
    }
}
