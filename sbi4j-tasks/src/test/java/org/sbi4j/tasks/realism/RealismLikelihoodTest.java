package org.sbi4j.tasks.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Each simulator draws from the distribution its log-likelihood describes. Generic checks at the
 * true θ of observation 1, over N simulations: the score has mean zero, E[∇ log p] = 0, and the
 * information identity E[(∂_j log p)²] = −E[∂²_j log p] holds for every parameter (derivatives
 * by central differences). Each is tested as |mean of the per-simulation quantity| ≤ 5 standard
 * errors (its sample sd/√N). Plus direct moment checks per model and the analytic marginal
 * likelihoods against numerical integration over the nuisance coefficients.
 */
class RealismLikelihoodTest {

    private static final int N = 1_500;

    /** Per simulation: the score s_j and s_j² + ∂²_j log p at θ (evaluated at θ + shift). */
    private static double[][][] scores(RealismTask.Definition def, double[] shift, long seed) {
        RealismTask task = RealismTask.of(def);
        double[] theta = def.trueParameters()[0];
        int d = theta.length;
        float[] thetaF = def.trueParameters(1);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][][] out = new double[2][N][d];
        float[] x = new float[task.xDim()];
        double[] at = theta.clone();
        for (int j = 0; j < d; j++) {
            at[j] += shift[j];
        }
        for (int i = 0; i < N; i++) {
            task.simulator().simulate(thetaF, 0, rng, x, 0);
            double f0 = task.logLikelihood(x, at);
            for (int j = 0; j < d; j++) {
                double h = 1e-3 * Math.max(Math.abs(at[j]), 0.1);
                double[] p = at.clone();
                double[] m = at.clone();
                p[j] += h;
                m[j] -= h;
                double fp = task.logLikelihood(x, p);
                double fm = task.logLikelihood(x, m);
                double s = (fp - fm) / (2 * h);
                out[0][i][j] = s;
                out[1][i][j] = s * s + (fp - 2 * f0 + fm) / (h * h);
            }
        }
        return out;
    }

    /** |mean| / (sd/√N) of column j. */
    private static double z(double[][] v, int j) {
        double mean = 0;
        for (double[] r : v) {
            mean += r[j] / v.length;
        }
        double var = 0;
        for (double[] r : v) {
            var += (r[j] - mean) * (r[j] - mean) / (v.length - 1);
        }
        return Math.abs(mean) / Math.sqrt(var / v.length);
    }

    @Test
    void scoreAndInformationIdentitiesHoldForEveryModel() {
        long seed = 11;
        for (RealismTask.Definition def : RealismTasks.definitions()) {
            double[][][] s = scores(def, new double[def.prior().dim()], seed++);
            for (int j = 0; j < def.prior().dim(); j++) {
                String p = def.name() + " " + def.prior().names().get(j);
                assertThat(z(s[0], j)).as("%s: mean score in standard errors", p).isLessThan(5);
                assertThat(z(s[1], j)).as("%s: information identity in standard errors", p).isLessThan(5);
            }
        }
    }

    @Test
    void theScoreTestNoticesAWrongParameter() {
        // negative control: evaluated 0.05 rad/time off the simulated frequency, the mean score is far from 0
        RealismTask.Definition def = DampedOscillation.definition();
        double[][][] s = scores(def, new double[] {0.05, 0, 0, 0}, 5);
        assertThat(z(s[0], 0)).isGreaterThan(10);
    }

    @Test
    void countsAreMeanEqualsVariancePoisson() {
        GrowthCounts sim = new GrowthCounts();
        float[] theta = {0.45f, 1.0f};
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21);
        int n = 4_000;
        double[] sum = new double[GrowthCounts.DAYS];
        double[] sq = new double[GrowthCounts.DAYS];
        float[] x = new float[GrowthCounts.DAYS];
        for (int i = 0; i < n; i++) {
            sim.simulate(theta, 0, rng, x, 0);
            for (int t = 0; t < x.length; t++) {
                assertThat(x[t]).isEqualTo((float) Math.rint(x[t])).isGreaterThanOrEqualTo(0f);
                sum[t] += x[t];
                sq[t] += (double) x[t] * x[t];
            }
        }
        for (int t : new int[] {0, 12, 24}) {
            double lam = GrowthCounts.rate(0.45f, 1.0f, t);
            double mean = sum[t] / n;
            double var = sq[t] / n - mean * mean;
            // se of the mean √(λ/n); of the variance ≈ λ √(2/n) (plus λ/√n·λ^-½ for small λ)
            assertThat(mean).as("day %d mean", t).isCloseTo(lam, within(5 * Math.sqrt(lam / n)));
            assertThat(var).as("day %d variance", t).isCloseTo(lam, within(5 * Math.sqrt((2 * lam * lam + lam) / n)));
        }
        assertThat(GrowthCounts.rate(0.45, 1.0, 24)).isGreaterThan(1e4);
    }

    @Test
    void binomialCountsHaveMeanNpAndVarianceNpq() {
        DoseResponse sim = new DoseResponse();
        float[] theta = {3.5f, 1.2f, 0.1f};
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22);
        int n = 4_000;
        double[] sum = new double[DoseResponse.DOSES];
        double[] sq = new double[DoseResponse.DOSES];
        float[] x = new float[DoseResponse.DOSES];
        for (int i = 0; i < n; i++) {
            sim.simulate(theta, 0, rng, x, 0);
            for (int j = 0; j < x.length; j++) {
                assertThat(x[j]).isEqualTo((float) Math.rint(x[j])).isBetween(0f, 20f);
                sum[j] += x[j];
                sq[j] += x[j] * x[j];
            }
        }
        for (int j = 0; j < DoseResponse.DOSES; j++) {
            double p = DoseResponse.probability(j, 3.5f, 1.2f, 0.1f);
            double var = 20 * p * (1 - p);
            double mean = sum[j] / n;
            assertThat(mean).as("dose %d", j).isCloseTo(20 * p, within(5 * Math.sqrt(var / n)));
            assertThat(sq[j] / n - mean * mean).as("dose %d variance", j)
                    .isCloseTo(var, within(5 * var * Math.sqrt(2.0 / n) + 0.05));
        }
    }

    @Test
    void trialSetsHaveUniformSizesAndWholeNanPaddingRows() {
        RegressionTrials sim = new RegressionTrials();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23);
        float[] x = new float[2 * RegressionTrials.MAX_TRIALS];
        int[] sizes = new int[RegressionTrials.MAX_TRIALS + 1];
        int n = 3_600;
        for (int i = 0; i < n; i++) {
            sim.simulate(new float[] {0.5f, -1f, 0.3f}, 0, rng, x, 0);
            int m = (int) RegressionTrials.statistics(x)[0];
            sizes[m]++;
            for (int t = 0; t < RegressionTrials.MAX_TRIALS; t++) {
                assertThat(Float.isNaN(x[2 * t])).isEqualTo(t >= m);
                assertThat(Float.isNaN(x[2 * t + 1])).isEqualTo(t >= m);
            }
        }
        // each of the 36 sizes 5..40 has expected count 100 (sd ≈ 10)
        for (int m = 0; m <= RegressionTrials.MAX_TRIALS; m++) {
            if (m < RegressionTrials.MIN_TRIALS) {
                assertThat(sizes[m]).isZero();
            } else {
                assertThat(sizes[m]).as("sets of %d trials", m).isBetween(55, 145);
            }
        }
    }

    @Test
    void imageTotalFluxIsTheFlux() {
        GaussianBlobImage sim = new GaussianBlobImage();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(24);
        float[] x = new float[48 * 48];
        int n = 400;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sim.simulate(new float[] {200f, 3f}, 0, rng, x, 0);
            for (float v : x) {
                sum += v;
            }
        }
        // Σ over pixel centres of a Gaussian of size 3 ≈ its integral (error ~ e^-2π²s²); noise sd of
        // the total 48 (2304 pixels of sd 1), so the mean over n has se 48/√n = 2.4
        assertThat(sum / n).isCloseTo(200, within(5 * 48 / Math.sqrt(n)));
    }

    @Test
    void oscillationMarginalLikelihoodIsTheIntegralOverAmplitudes() {
        float[] x = DampedOscillation.task().observation(1);
        double s2 = DampedOscillation.AMP_SD * DampedOscillation.AMP_SD;
        for (double[] wg : new double[][] {{1.2, 0.15}, {1.0, 0.4}}) {
            GridPosterior g = GridPosterior.of(ab -> DampedOscillation.logLikelihood(x, wg[0], wg[1], ab[0], ab[1])
                    - 0.5 * (ab[0] * ab[0] + ab[1] * ab[1]) / s2 - Math.log(2 * Math.PI * s2),
                    new double[] {-9, -9}, new double[] {9, 9}, GridPosterior.Resolution.reference(2));
            double numeric = g.logNormalizer(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(25));
            assertThat(DampedOscillation.logMarginalLikelihood(x, wg[0], wg[1])).isCloseTo(numeric, within(0.01));
        }
    }

    @Test
    void spectralLineMarginalLikelihoodIsTheIntegralOverTheLinearNuisances() {
        float[] x = SpectralLine.task().observation(2);
        double c = 18.3;
        double w = 1.7;
        double sigma = 0.85;
        double[] v = SpectralLine.LINEAR_VAR;
        GridPosterior g = GridPosterior.of(abs -> {
            double a = abs[0] - SpectralLine.AMP_MEAN;
            return SpectralLine.logLikelihood(x, new double[] {c, w, abs[0], abs[1], abs[2], sigma})
                    - 0.5 * (a * a / v[0] + abs[1] * abs[1] / v[1] + abs[2] * abs[2] / v[2])
                    - 0.5 * Math.log(Math.pow(2 * Math.PI, 3) * v[0] * v[1] * v[2]);
        }, new double[] {-5, -5, -5}, new double[] {10, 5, 5}, GridPosterior.Resolution.reference(3));
        double numeric = g.logNormalizer(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(26));
        assertThat(SpectralLine.logMarginalLikelihood(x, c, w, sigma)).isCloseTo(numeric, within(0.01));
    }
}
