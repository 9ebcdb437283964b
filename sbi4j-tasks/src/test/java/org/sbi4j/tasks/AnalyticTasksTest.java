package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * Simulators and reference posteriors against closed forms.
 *
 * <p>Tolerances: 5 standard errors of the estimate (sd/√n for means, var·√(2/(n−1)) for Gaussian
 * sample variances), so a correct implementation fails with probability below 1e-6 per check;
 * all seeds are fixed.
 */
class AnalyticTasksTest {

    private static float[][] simulate(Simulator s, float[] theta, int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[][] x = new float[n][s.xDim()];
        for (int i = 0; i < n; i++) {
            s.simulate(theta, 0, rng, x[i], 0);
        }
        return x;
    }

    @Test
    void gaussianLinearHasMeanThetaAndVarianceOneTenth() {
        float[] theta = {0.3f, -0.2f, 0.1f, 0, 0.5f, -0.4f, 0.2f, 0.05f, -0.15f, 0.25f};
        int n = 20_000;
        float[][] x = simulate(Tasks.byName("gaussian_linear").simulator(), theta, n, 1);
        for (int j = 0; j < 10; j++) {
            double m = 0;
            double v = 0;
            for (float[] r : x) {
                m += r[j] / (double) n;
            }
            for (float[] r : x) {
                v += (r[j] - m) * (r[j] - m) / (n - 1);
            }
            assertThat(m).isCloseTo(theta[j], within(5 * Math.sqrt(0.1 / n)));
            assertThat(v).isCloseTo(0.1, within(5 * 0.1 * Math.sqrt(2.0 / (n - 1))));
        }
        // the prior is N(0, 0.1 I): variance 0.1, not sd 0.1
        assertThat(Tasks.byName("gaussian_linear").prior().logProb(new float[10], 0))
                .isCloseTo(-5 * Math.log(2 * Math.PI * 0.1), within(1e-5));
    }

    @Test
    void gaussianLinearReferenceIsTheAnalyticPosterior() {
        Task t = Tasks.byName("gaussian_linear");
        for (int k : new int[] {1, 4, 7}) {
            float[] xo = t.observation(k);
            Matrix m = t.referenceSamples(k);
            int n = m.rows();
            for (int j = 0; j < 10; j++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += m.data()[i * 10 + j] / (double) n;
                }
                double var = 0;
                for (int i = 0; i < n; i++) {
                    double d = m.data()[i * 10 + j] - mean;
                    var += d * d / (n - 1);
                }
                // posterior N(x_o/2, 0.05 I)
                assertThat(mean).as("obs %d mean %d", k, j).isCloseTo(xo[j] / 2.0, within(5 * Math.sqrt(0.05 / n)));
                assertThat(var).as("obs %d var %d", k, j).isCloseTo(0.05, within(5 * 0.05 * Math.sqrt(2.0 / (n - 1))));
            }
        }
    }

    @Test
    void twoMoonsRadiusAroundTheCentreIsNormal() {
        float[] theta = {0.3f, -0.6f};
        int n = 20_000;
        float[][] x = simulate(Tasks.byName("two_moons").simulator(), theta, n, 2);
        double s = Math.sqrt(2);
        double shift1 = -Math.abs(theta[0] + theta[1]) / s;
        double shift2 = (-theta[0] + theta[1]) / s;
        double m = 0;
        double v = 0;
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) {
            double p1 = x[i][0] - shift1;
            double p2 = x[i][1] - shift2;
            // a in (−π/2, π/2) puts p on the right half of the circle (float rounding allowed)
            assertThat(p1 - 0.25).isGreaterThan(-1e-6);
            radius[i] = Math.hypot(p1 - 0.25, p2);
            m += radius[i] / n;
        }
        for (double r : radius) {
            v += (r - m) * (r - m) / (n - 1);
        }
        assertThat(m).isCloseTo(0.1, within(5 * 0.01 / Math.sqrt(n)));
        // float32 rounding of x adds ~1e-8 to the radius, far below the 5-SE band
        assertThat(Math.sqrt(v)).isCloseTo(0.01, within(5 * 0.01 / Math.sqrt(2.0 * (n - 1))));
    }

    @Test
    void gaussianMixtureDrawsOneComponentPerSimulation() {
        float[] theta = {2f, -3f};
        int n = 40_000;
        float[][] x = simulate(Tasks.byName("gaussian_mixture").simulator(), theta, n, 3);
        double v1 = 0;
        double v2 = 0;
        double c = 0;
        double[] d1sq = new double[n];
        double[] d2sq = new double[n];
        for (int i = 0; i < n; i++) {
            d1sq[i] = (x[i][0] - theta[0]) * (double) (x[i][0] - theta[0]);
            d2sq[i] = (x[i][1] - theta[1]) * (double) (x[i][1] - theta[1]);
            v1 += d1sq[i] / n;
            v2 += d2sq[i] / n;
        }
        for (int i = 0; i < n; i++) {
            c += (d1sq[i] - v1) * (d2sq[i] - v2) / (n - 1);
        }
        // per coordinate E[(x−θ)²] = ½·1 + ½·0.01 = 0.505; var((x−θ)²) = E[3σ⁴] − 0.505² ≈ 1.245
        double se = Math.sqrt(1.245 / n);
        assertThat(v1).isCloseTo(0.505, within(5 * se));
        assertThat(v2).isCloseTo(0.505, within(5 * se));
        // the shared component makes squared deviations covary: E[σ⁴] − E[σ²]² = 0.50005 − 0.255025
        // (0 if each coordinate drew its own component); sd of the product d₁²d₂² ≈ √(9·½ − ¼) ≈ 2.1, so SE ≈ 2.1/√n
        assertThat(c).isCloseTo(0.245025, within(5 * 2.1 / Math.sqrt(n)));
    }

    @Test
    void slcpPointsHaveTheStatedCovariance() {
        float[] theta = {0.5f, -1f, 1.1f, -0.8f, 0.7f};
        int n = 10_000;
        float[][] x = simulate(Tasks.byName("slcp").simulator(), theta, n, 4);
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        double[][] cov = {{s1 * s1 + 1e-6, rho * s1 * s2}, {rho * s1 * s2, s2 * s2 + 1e-6}};
        int pts = 4 * n;
        double[] mean = new double[2];
        for (float[] r : x) {
            for (int p = 0; p < 4; p++) {
                mean[0] += r[2 * p] / (double) pts;
                mean[1] += r[2 * p + 1] / (double) pts;
            }
        }
        assertThat(mean[0]).isCloseTo(theta[0], within(5 * Math.sqrt(cov[0][0] / pts)));
        assertThat(mean[1]).isCloseTo(theta[1], within(5 * Math.sqrt(cov[1][1] / pts)));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double c = 0;
                for (float[] r : x) {
                    for (int p = 0; p < 4; p++) {
                        c += (r[2 * p + a] - mean[a]) * (r[2 * p + b] - mean[b]) / (pts - 1);
                    }
                }
                // Gaussian sample covariance SE √((Σ_aa Σ_bb + Σ_ab²)/n)
                double se = Math.sqrt((cov[a][a] * cov[b][b] + cov[a][b] * cov[a][b]) / pts);
                assertThat(c).as("cov %d %d", a, b).isCloseTo(cov[a][b], within(5 * se));
            }
        }
    }

    @Test
    void galaxyClusteringDataDependOnlyOnAbSquared() {
        Simulator s = Tasks.byName("galaxy_clustering").simulator();
        float[] a = new float[s.xDim()];
        float[] b = new float[s.xDim()];
        // (A, b) and (4A, b/2) share A·b² exactly in binary floating point
        s.simulate(new float[] {0.8f, 1.3f}, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(5), a, 0);
        s.simulate(new float[] {3.2f, 0.65f}, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(5), b, 0);
        assertThat(a).containsExactly(b);
        float[] c = new float[s.xDim()];
        s.simulate(new float[] {0.8f, 1.4f}, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(5), c, 0);
        assertThat(c).isNotEqualTo(a);
    }
}
