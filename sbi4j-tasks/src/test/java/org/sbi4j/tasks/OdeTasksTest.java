package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;

/** SIR and Lotka-Volterra trajectories against the values in TASKS.md and the stored observations. */
class OdeTasksTest {

    @Test
    void sirTrajectoryAtObservationOneMatchesTasksMd() {
        Task t = Tasks.byName("sir");
        float[] theta = t.trueParameters(1);
        double[] infected = Sir.infected(theta[0], theta[1]);
        // expected counts 1000·I/N from TASKS.md (given to 2-3 significant digits)
        double[] expected = {0, 1.3, 321, 46, 3.0, 0.2};
        for (int j = 0; j < expected.length; j++) {
            double mean = 1000 * infected[j] / Sir.POPULATION;
            assertThat(mean).as("t = %d", 17 * j).isCloseTo(expected[j], within(0.05 + 0.01 * expected[j]));
        }
        // the stored observation lies within 5 binomial standard deviations (+1 count) of the mean
        float[] xo = t.observation(1);
        for (int j = 0; j < 10; j++) {
            double p = Math.min(Math.max(infected[j] / Sir.POPULATION, 0), 1);
            double sd = Math.sqrt(1000 * p * (1 - p));
            assertThat((double) xo[j]).as("x_%d", j).isCloseTo(1000 * p, within(5 * sd + 1));
        }
    }

    @Test
    void sirCountsAreBinomialAroundTheTrajectory() {
        float[] theta = Tasks.byName("sir").trueParameters(1);
        double p = Sir.infected(theta[0], theta[1])[2] / Sir.POPULATION;   // t = 34, the peak bin
        Sir sim = new Sir();
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12);
        int n = 200;
        double m = 0;
        float[] x = new float[10];
        for (int i = 0; i < n; i++) {
            sim.simulate(theta, 0, rng, x, 0);
            m += x[2] / (double) n;
        }
        // Binomial(1000, p) mean over n draws: 5 SE = 5 √(1000 p (1 − p) / n)
        assertThat(m).isCloseTo(1000 * p, within(5 * Math.sqrt(1000 * p * (1 - p) / n)));
    }

    @Test
    void lotkaVolterraTrajectoryAtObservationOneMatchesTasksMd() {
        Task t = Tasks.byName("lotka_volterra");
        float[] th = t.trueParameters(1);
        double[] s = LotkaVolterra.trajectory(th[0], th[1], th[2], th[3]);
        double[] expected = {30, 1.23, 0.29, 0.74, 2.86, 11.7, 37.4, 0.44, 0.35, 1.11,
            1.0, 26.8, 4.63, 0.80, 0.18, 0.13, 8.02, 15.9, 2.65, 0.48};
        float[] xo = t.observation(1);
        for (int j = 0; j < 20; j++) {
            // TASKS.md rounds to 3 significant digits: allow 2% relative
            assertThat(s[j]).as("s_%d", j).isCloseTo(expected[j], within(0.02 * expected[j]));
            // log-normal noise with σ = 0.1: |log(x_o/s)| within 5σ
            assertThat(Math.log(xo[j] / s[j])).as("log ratio %d", j).isCloseTo(0, within(0.5));
        }
    }

    @Test
    void lotkaVolterraNoiseIsLogNormalAroundTheTrajectory() {
        float[] theta = {0.8f, 0.05f, 0.9f, 0.04f};
        double[] s = LotkaVolterra.trajectory(theta[0], theta[1], theta[2], theta[3]);
        LotkaVolterra sim = new LotkaVolterra();
        int n = 400;
        double[] m = new double[20];
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        float[] x = new float[20];
        for (int i = 0; i < n; i++) {
            sim.simulate(theta, 0, rng, x, 0);
            for (int j = 0; j < 20; j++) {
                m[j] += Math.log(x[j] / (float) s[j]) / n;
            }
        }
        for (int j = 0; j < 20; j++) {
            // mean of N(0, 0.1²) noise over n draws: 5 SE = 5·0.1/√n
            assertThat(m[j]).isCloseTo(0, within(5 * 0.1 / Math.sqrt(n)));
        }
    }

    @Test
    void solverFailureGivesNaN() {
        // dy/dt = y², y(0) = 1 blows up at t = 1, before the last output time 2
        OrdinaryDifferentialEquation blowUp = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {y[0] * y[0]};
            }
        };
        double[][] out = new double[3][1];
        assertThat(OdeSolver.solve(blowUp, new double[] {1}, new double[] {0, 0.5, 2}, out)).isFalse();
        assertThat(out[0][0]).isNaN();
        assertThat(out[2][0]).isNaN();
        // and a solvable case: y = e^{−t}
        OrdinaryDifferentialEquation decay = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {-y[0]};
            }
        };
        assertThat(OdeSolver.solve(decay, new double[] {1}, new double[] {0, 0.5, 2}, out)).isTrue();
        assertThat(out[0][0]).isEqualTo(1.0);
        assertThat(out[1][0]).isCloseTo(Math.exp(-0.5), within(1e-7));
        assertThat(out[2][0]).isCloseTo(Math.exp(-2), within(1e-7));
    }
}
