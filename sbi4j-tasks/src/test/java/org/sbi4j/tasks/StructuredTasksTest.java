package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** Bernoulli GLM summary vs raw, slcp_distractors assembly, galaxy_clustering reference. */
class StructuredTasksTest {

    @Test
    void bernoulliSummaryIsDesignTransposeTimesTheRawSpikes() {
        BernoulliGlm summary = new BernoulliGlm(false);
        BernoulliGlm raw = new BernoulliGlm(true);
        float[] theta = Tasks.byName("bernoulli_glm").trueParameters(3);
        for (long seed = 1; seed <= 20; seed++) {
            float[] y = new float[100];
            float[] x = new float[10];
            // both variants draw one uniform per bin in the same order, so one seed gives one spike train
            raw.simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), y, 0);
            summary.simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), x, 0);
            assertThat(x).containsExactly(designTransposeTimes(summary, y), within(1e-4f));
        }
    }

    @Test
    void storedBernoulliObservationsAreConsistent() {
        BernoulliGlm glm = new BernoulliGlm(false);
        Task summary = Tasks.byName("bernoulli_glm");
        Task raw = Tasks.byName("bernoulli_glm_raw");
        for (int k = 1; k <= 10; k++) {
            float[] y = raw.observation(k);
            for (float v : y) {
                assertThat(v).isIn(0f, 1f);
            }
            // TASKS.md: X^T y reproduces the summary observation to < 1e-4
            assertThat(summary.observation(k)).as("obs %d", k)
                    .containsExactly(designTransposeTimes(glm, y), within(1e-4f));
            assertThat(raw.trueParameters(k)).containsExactly(summary.trueParameters(k));
        }
        // design matrix: offset column, then the stimulus delayed by 0..8 bins
        assertThat(glm.design(5, 0)).isEqualTo(1.0);
        assertThat(glm.design(5, 3)).isEqualTo(glm.design(3, 1));
        assertThat(glm.design(2, 4)).isZero();
    }

    private static float[] designTransposeTimes(BernoulliGlm glm, float[] y) {
        float[] x = new float[10];
        for (int j = 0; j < 10; j++) {
            double s = 0;
            for (int t = 0; t < 100; t++) {
                s += glm.design(t, j) * y[t];
            }
            x[j] = (float) s;
        }
        return x;
    }

    @Test
    void bernoulliPriorHasTheStoredPrecision() {
        // offset variance 2 (precision 0.5), independent of the filter block
        org.sbi4j.prob.MultivariateNormal p = BernoulliGlm.prior();
        assertThat(p.covariance()[0][0]).isCloseTo(2.0, within(1e-9));
        assertThat(p.covariance()[0][5]).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void distractorObservationsHoldTheSlcpValuesAtTheInformativePositions() {
        SlcpDistractors sim = new SlcpDistractors();
        int[] expected = {22, 33, 23, 67, 42, 21, 16, 90};   // TASKS.md
        for (int j = 0; j < 8; j++) {
            assertThat(sim.outputPositionOf(j)).isEqualTo(expected[j]);
        }
        Task slcp = Tasks.byName("slcp");
        Task distractors = Tasks.byName("slcp_distractors");
        for (int k = 1; k <= 10; k++) {
            float[] xs = slcp.observation(k);
            float[] xd = distractors.observation(k);
            for (int j = 0; j < 8; j++) {
                assertThat(xd[expected[j]]).as("obs %d value %d", k, j).isEqualTo(xs[j]);
            }
        }
    }

    @Test
    void simulatedDistractorsKeepTheSlcpValuesAndAreHeavyTailedNoise() {
        SlcpDistractors sim = new SlcpDistractors();
        Slcp slcp = new Slcp();
        float[] theta = {0.5f, -1f, 1.1f, -0.8f, 0.7f};
        float[] xd = new float[100];
        float[] xs = new float[8];
        for (long seed = 1; seed <= 5; seed++) {
            // the slcp values are drawn first from the same stream
            sim.simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), xd, 0);
            slcp.simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), xs, 0);
            for (int j = 0; j < 8; j++) {
                assertThat(xd[sim.outputPositionOf(j)]).isEqualTo(xs[j]);
            }
        }
        // the distractors do not depend on θ: same seed, other θ → same noise positions
        float[] other = new float[100];
        sim.simulate(new float[] {-2f, 2f, 0.3f, 1.5f, -1f}, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(5), other, 0);
        int same = 0;
        for (int i = 0; i < 100; i++) {
            same += other[i] == xd[i] ? 1 : 0;
        }
        assertThat(same).isEqualTo(92);
    }

    @Test
    void galaxyReferenceMatchesImportanceSamplingFromThePrior() {
        GalaxyClusteringTask task = (GalaxyClusteringTask) Tasks.byName("galaxy_clustering");
        GalaxyClustering sim = (GalaxyClustering) task.simulator();
        float[] xo = task.observation(2);
        Matrix ref = task.referenceSamples(2);
        // self-normalised importance sampling with prior proposals and the Gaussian likelihood in log P
        int n = 400_000;
        Matrix prop = task.prior().sample(n, RandomSource.XO_RO_SHI_RO_128_PP.create(77));
        double[] logw = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double u = Math.log((double) prop.data()[2 * i] * prop.data()[2 * i + 1] * prop.data()[2 * i + 1]);
            double q = 0;
            for (int b = 0; b < xo.length; b++) {
                double r = (xo[b] - sim.logLinearPower(b) - u) / GalaxyClustering.NOISE_SD;
                q += r * r;
            }
            logw[i] = -0.5 * q;
            max = Math.max(max, logw[i]);
        }
        double sw = 0;
        double sw2 = 0;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            double w = Math.exp(logw[i] - max);
            sw += w;
            sw2 += w * w;
            ma += w * Math.log(prop.data()[2 * i]);
            mb += w * Math.log(prop.data()[2 * i + 1]);
        }
        ma /= sw;
        mb /= sw;
        double ess = sw * sw / sw2;
        double ra = 0;
        double rb = 0;
        for (int i = 0; i < ref.rows(); i++) {
            ra += Math.log(ref.data()[2 * i]) / ref.rows();
            rb += Math.log(ref.data()[2 * i + 1]) / ref.rows();
        }
        double[] post = task.logPosterior(xo);
        // 5 standard errors of the importance-sampling estimate (posterior sd / √ESS) plus the
        // reference mean's own standard error (posterior sd / √10,000)
        double tolA = 5 * Math.sqrt(post[2]) * (1 / Math.sqrt(ess) + 0.01);
        double tolB = 5 * Math.sqrt(post[4]) * (1 / Math.sqrt(ess) + 0.01);
        assertThat(ess).isGreaterThan(1000);
        assertThat(ra).isCloseTo(ma, within(tolA));
        assertThat(rb).isCloseTo(mb, within(tolB));
        // the ridge: ln A + 2 ln b is pinned down to about σ/√16 = 0.0125
        double ru = 0;
        for (int i = 0; i < ref.rows(); i++) {
            ru += Math.log(ref.data()[2 * i] * (double) ref.data()[2 * i + 1] * ref.data()[2 * i + 1]) / ref.rows();
        }
        assertThat(ru).isCloseTo(ma + 2 * mb, within(0.02));
    }
}
