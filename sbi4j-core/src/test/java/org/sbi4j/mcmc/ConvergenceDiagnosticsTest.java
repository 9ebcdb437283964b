package org.sbi4j.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.sbi4j.sim.SimulationStreams;

/**
 * R-hat and ESS against small cases worked out here from the formulas, one step at a time,
 * and against chains whose answer is known (independent draws: R̂ ≈ 1, ESS ≈ MN; AR(1):
 * ESS ≈ MN·(1 − φ)/(1 + φ)).
 */
class ConvergenceDiagnosticsTest {

    /** Two chains of 7 draws: split (middle dropped) into four chains of 3. */
    static final double[][] SMALL = {{1.0, 2.0, 0.5, 9.0, 1.5, 3.0, 2.5},
        {0.0, -1.0, 1.0, 4.0, 2.0, 0.5, -0.5}};

    @Test
    void splitRhatOfASmallCaseFollowsBda3StepByStep() {
        // split: first halves {1, 2, 0.5}, {0, −1, 1}; second halves {1.5, 3, 2.5}, {2, 0.5, −0.5}
        double[][] halves = {{1.0, 2.0, 0.5}, {1.5, 3.0, 2.5}, {0.0, -1.0, 1.0},
            {2.0, 0.5, -0.5}};
        int n = 3;
        int m = 4;
        double[] mean = new double[m];
        double[] var = new double[m];
        for (int k = 0; k < m; k++) {
            mean[k] = (halves[k][0] + halves[k][1] + halves[k][2]) / n;
            for (int i = 0; i < n; i++) {
                var[k] += Math.pow(halves[k][i] - mean[k], 2) / (n - 1);
            }
        }
        double w = (var[0] + var[1] + var[2] + var[3]) / m;
        double grand = (mean[0] + mean[1] + mean[2] + mean[3]) / m;
        double b = 0;
        for (int k = 0; k < m; k++) {
            b += n / (m - 1.0) * Math.pow(mean[k] - grand, 2);
        }
        double varPlus = (n - 1.0) / n * w + b / n;
        assertThat(ConvergenceDiagnostics.splitRhat(SMALL))
                .isCloseTo(Math.sqrt(varPlus / w), within(1e-12));
        // the chain-order bookkeeping of the split
        assertThat(ConvergenceDiagnostics.split(SMALL)[1]).containsExactly(1.5, 3.0, 2.5);
        assertThat(ConvergenceDiagnostics.split(SMALL)[2]).containsExactly(0.0, -1.0, 1.0);
    }

    @Test
    void essOfASmallCaseFollowsGeyerStepByStep() {
        double[][] c = {{0.3, 1.1, 0.9, 1.6, 1.2, 0.4, -0.2, 0.1},
            {-0.5, -0.1, 0.6, 0.2, 0.9, 1.4, 0.8, 0.7}};
        int m = 2;
        int n = 8;
        double[] mean = new double[m];
        for (int k = 0; k < m; k++) {
            for (double v : c[k]) {
                mean[k] += v / n;
            }
        }
        double[][] gamma = new double[m][n]; // γ_k(t), divisor n
        for (int k = 0; k < m; k++) {
            for (int t = 0; t < n; t++) {
                for (int i = 0; i + t < n; i++) {
                    gamma[k][t] += (c[k][i] - mean[k]) * (c[k][i + t] - mean[k]) / n;
                }
            }
        }
        double w = (gamma[0][0] + gamma[1][0]) / m * n / (n - 1.0);
        double grand = (mean[0] + mean[1]) / 2;
        double b = n / (m - 1.0) * (Math.pow(mean[0] - grand, 2) + Math.pow(mean[1] - grand, 2));
        double varPlus = (n - 1.0) / n * w + b / n;
        double[] rho = new double[n];
        for (int t = 0; t < n; t++) {
            rho[t] = 1 - (w - (gamma[0][t] + gamma[1][t]) / m) / varPlus;
        }
        double tauSum = 0;
        double last = Double.POSITIVE_INFINITY;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double p = rho[2 * k] + rho[2 * k + 1];
            if (p <= 0) {
                break;
            }
            last = Math.min(p, last);
            tauSum += last;
        }
        double expected = m * n / (-1 + 2 * tauSum);
        assertThat(ConvergenceDiagnostics.ess(c)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void rankNormalisationUsesAveragedRanksAndBlomOffsets() {
        double[][] c = {{3.0, 1.0}, {1.0, 7.0}}; // pooled ranks 3, 1.5, 1.5, 4 of S = 4
        double[][] z = ConvergenceDiagnostics.rankNormalize(c);
        NormalDistribution phi = NormalDistribution.of(0, 1);
        assertThat(z[0][0]).isCloseTo(phi.inverseCumulativeProbability((3 - 0.375) / 4.25),
                within(1e-12));
        assertThat(z[0][1]).isCloseTo(phi.inverseCumulativeProbability((1.5 - 0.375) / 4.25),
                within(1e-12));
        assertThat(z[1][0]).isEqualTo(z[0][1]);
        assertThat(z[1][1]).isCloseTo(phi.inverseCumulativeProbability((4 - 0.375) / 4.25),
                within(1e-12));
    }

    @Test
    void independentDrawsGiveRhatNearOneAndEssNearTheirNumber() {
        double[][] c = ar1(4, 2_000, 0.0, 0.0, 11);
        assertThat(ConvergenceDiagnostics.splitRhat(c)).isCloseTo(1.0, within(0.01));
        assertThat(ConvergenceDiagnostics.rankNormalizedSplitRhat(c)).isCloseTo(1.0, within(0.01));
        // Var(ESS/MN) is small for white noise: within 10 % of 8,000
        assertThat(ConvergenceDiagnostics.bulkEss(c)).isBetween(7_200.0, 8_800.0);
    }

    @Test
    void autocorrelatedChainsGiveTheAr1Ess() {
        double phi = 0.8; // τ = (1 + φ)/(1 − φ) = 9
        double[][] c = ar1(4, 5_000, phi, 0.0, 12);
        double expected = 4 * 5_000 * (1 - phi) / (1 + phi);
        assertThat(ConvergenceDiagnostics.ess(c)).isBetween(0.8 * expected, 1.2 * expected);
        assertThat(ConvergenceDiagnostics.bulkEss(c)).isBetween(0.8 * expected, 1.2 * expected);
    }

    @Test
    void chainsStuckInDifferentPlacesHaveALargeRhat() {
        double[][] c = ar1(4, 500, 0.0, 3.0, 13); // chain m centred at 3·m
        assertThat(ConvergenceDiagnostics.splitRhat(c)).isGreaterThan(2.0);
        assertThat(ConvergenceDiagnostics.rankNormalizedSplitRhat(c)).isGreaterThan(1.5);
    }

    @Test
    void badChainsAreRefusedByName() {
        assertThatThrownBy(() -> ConvergenceDiagnostics.splitRhat(new double[0][]))
                .hasMessageContaining("at least 1 chain");
        assertThatThrownBy(() -> ConvergenceDiagnostics.splitRhat(
                new double[][] {{1, 2, 3, 4}, {1, 2, 3}})).hasMessageContaining("chain 1 has 3");
        assertThatThrownBy(() -> ConvergenceDiagnostics.ess(new double[][] {{1, Double.NaN}}))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> ConvergenceDiagnostics.splitRhat(new double[][] {{1, 2, 3}}))
                .hasMessageContaining("at least 4 draws");
    }

    /** M AR(1) chains x_t = φ·x_{t−1} + √(1 − φ²)·ε_t, chain m shifted by m·offset. */
    static double[][] ar1(int m, int n, double phi, double offset, long seed) {
        double[][] c = new double[m][n];
        for (int k = 0; k < m; k++) {
            UniformRandomProvider rng = SimulationStreams.streamFor(seed, k);
            var g = ZigguratSampler.NormalizedGaussian.of(rng);
            double x = g.sample();
            for (int t = 0; t < n; t++) {
                x = phi * x + Math.sqrt(1 - phi * phi) * g.sample();
                c[k][t] = x + k * offset;
            }
        }
        return c;
    }
}
