package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * lorenz96, counting_experiment and banana: shapes, noise moments, the RK4 integrator and the
 * MCMC references against posteriors integrated on a grid.
 *
 * <p>Tolerances: 5 standard errors (means: sd/√n; sds of Gaussian noise: sd/√(2n)); for the
 * MCMC references the n is a conservative effective sample size of 10,000/10 = 1,000.
 */
class ExampleModelsTest {

    @Test
    void lorenz96HasChannelsTimesLengthAndNoiseOfSdSigma() {
        Lorenz96 sim = new Lorenz96();
        assertThat(sim.xShape()).containsExactly(4, 50);
        assertThat(sim.xDim()).isEqualTo(200);
        float[] theta = {8f, 0.5f};
        double ss = 0;
        int n = 0;
        for (long seed = 1; seed <= 5; seed++) {
            // replay the simulator's draws: the initial state first, then the noise
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
                    RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
            double[][] path = Lorenz96.observe(8, Lorenz96.initialState(8, g), Lorenz96.LENGTH);
            float[] x = new float[200];
            sim.simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), x, 0);
            for (int c = 0; c < 4; c++) {
                for (int t = 0; t < 50; t++) {
                    double r = x[c * 50 + t] - path[c][t];
                    ss += r * r;
                    n++;
                }
            }
        }
        assertThat(Math.sqrt(ss / n)).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(2.0 * n)));
    }

    @Test
    void rk4AgreesWithAnAdaptiveSolverOverOneObservationInterval() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        double[] z = Lorenz96.initialState(8, ZigguratSampler.NormalizedGaussian.of(rng));
        double[] z0 = z.clone();
        Lorenz96.Rk4 rk = new Lorenz96.Rk4();
        for (int s = 0; s < Lorenz96.STEPS_PER_OBS; s++) {
            rk.step(z, 8);
        }
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return Lorenz96.VARIABLES;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] d = new double[y.length];
                Lorenz96.derivative(y, 8, d);
                return d;
            }
        };
        double[][] out = new double[2][Lorenz96.VARIABLES];
        assertThat(OdeSolver.solve(ode, z0, new double[] {0, 0.1}, out)).isTrue();
        // RK4 error over 10 steps ~ C dt⁴ with C of order |d⁵z/dt⁵| (|z| ~ 10, fast time scale
        // ~0.1): allow 1e-4. An Euler-like or mis-weighted step errs by ~dt²·|z''| ≈ 1e-2 or more.
        for (int k = 0; k < Lorenz96.VARIABLES; k++) {
            assertThat(z[k]).isCloseTo(out[1][k], within(1e-4));
        }
        // an equilibrium: z_k = F for all k stays put
        double[] eq = new double[Lorenz96.VARIABLES];
        java.util.Arrays.fill(eq, 8.0);
        rk.step(eq, 8);
        assertThat(eq).containsOnly(8.0);
    }

    @Test
    void countingExperimentCountsHavePoissonMomentsAndNuisanceIsDeclared() {
        Task t = CountingExperiment.task();
        assertThat(t.prior().interestNames()).containsExactly("mu");
        float[] theta = {2f, 0.8f, 1.2f};
        int n = 4000;
        double[] sum = new double[5];
        double[] sq = new double[5];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        float[] x = new float[5];
        for (int i = 0; i < n; i++) {
            t.simulator().simulate(theta, 0, rng, x, 0);
            for (int b = 0; b < 5; b++) {
                sum[b] += x[b];
                sq[b] += x[b] * x[b];
            }
        }
        for (int b = 0; b < 5; b++) {
            double lam = CountingExperiment.rate(b, 2, 0.8, 1.2);
            double mean = sum[b] / n;
            double var = sq[b] / n - mean * mean;
            assertThat(mean).isCloseTo(lam, within(5 * Math.sqrt(lam / n)));
            // var of the sample variance of a Poisson ≈ (2λ² + λ)/n
            assertThat(var).isCloseTo(lam, within(5 * Math.sqrt((2 * lam * lam + lam) / n)));
        }
    }

    @Test
    void countingReferenceMatchesTheMarginalOfMuOnAGrid() {
        Task t = CountingExperiment.task();
        float[] x = t.observation(1);
        double[] grid = gridMoments(th -> t.prior().logProb(th, 0)
                + CountingExperiment.logLikelihood(x, th[0], th[1], th[2]),
                new double[] {0, 0.45, 0.4}, new double[] {5, 0.99, 2.6}, new int[] {200, 60, 60});
        checkMoments(t.referenceSamples(1), grid);
    }

    @Test
    void bananaReferenceMatchesThePosteriorOnAGrid() {
        Task t = Banana.task();
        for (int k : new int[] {1, 2}) {
            float[] x = t.observation(k);
            double[] grid = gridMoments(th -> t.prior().logProb(th, 0)
                    + Banana.logLikelihood(x, th[0], th[1]),
                    new double[] {-5, -12}, new double[] {5, 6}, new int[] {300, 600});
            checkMoments(t.referenceSamples(k), grid);
        }
    }

    /** Posterior mean and sd of the first parameter from a reference sample vs {mean, sd}. */
    private static void checkMoments(Matrix ref, double[] grid) {
        assertThat(ref.rows()).isEqualTo(10_000);
        double m = 0;
        double v = 0;
        for (int i = 0; i < ref.rows(); i++) {
            m += ref.get(i, 0) / (double) ref.rows();
        }
        for (int i = 0; i < ref.rows(); i++) {
            v += Math.pow(ref.get(i, 0) - m, 2) / (ref.rows() - 1);
        }
        double ess = 1000;
        assertThat(m).isCloseTo(grid[0], within(5 * grid[1] / Math.sqrt(ess)));
        assertThat(Math.sqrt(v)).isCloseTo(grid[1], within(5 * grid[1] / Math.sqrt(2 * ess)));
    }

    /** Mean and sd of θ_1 under exp(logDensity) by the midpoint rule on a box. */
    private static double[] gridMoments(java.util.function.ToDoubleFunction<float[]> logDensity,
                                        double[] lo, double[] hi, int[] cells) {
        int d = lo.length;
        int total = 1;
        for (int c : cells) {
            total *= c;
        }
        double[] lp = new double[total];
        double[] first = new double[total];
        float[] th = new float[d];
        double max = Double.NEGATIVE_INFINITY;
        for (int idx = 0; idx < total; idx++) {
            int r = idx;
            for (int j = d - 1; j >= 0; j--) {
                th[j] = (float) (lo[j] + (r % cells[j] + 0.5) * (hi[j] - lo[j]) / cells[j]);
                r /= cells[j];
            }
            lp[idx] = logDensity.applyAsDouble(th);
            first[idx] = th[0];
            max = Math.max(max, lp[idx]);
        }
        double z = 0;
        double s1 = 0;
        double s2 = 0;
        for (int idx = 0; idx < total; idx++) {
            double w = Math.exp(lp[idx] - max);
            z += w;
            s1 += w * first[idx];
            s2 += w * first[idx] * first[idx];
        }
        double mean = s1 / z;
        return new double[] {mean, Math.sqrt(s2 / z - mean * mean)};
    }
}
