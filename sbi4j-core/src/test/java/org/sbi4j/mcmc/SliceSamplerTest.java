package org.sbi4j.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;

/**
 * The slice sampler on targets with exact moments. Tolerances are statistical: with the fixed
 * seeds below, a mean must lie within 5 Monte-Carlo standard errors sd/√ESS (using the run's
 * own bulk ESS) and variances within 10 % — both fail for a sampler with the wrong stationary
 * distribution (e.g. a missing shrinkage rule biases the variance by far more).
 */
class SliceSamplerTest {

    static final Prior WIDE = Priors.normal(List.of("a", "b"), new double[] {0, 0},
            new double[] {4, 4});

    /** The banana: x1 ~ N(0, 1), x2 | x1 ~ N(b·x1², 1). */
    record Banana(double b) implements LogDensity {
        @Override
        public int dim() {
            return 2;
        }

        @Override
        public void logDensity(double[] p, int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double x1 = p[2 * i];
                double r = p[2 * i + 1] - b * x1 * x1;
                out[i] = -0.5 * x1 * x1 - 0.5 * r * r;
            }
        }
    }

    /** N(μ, Σ) with unit variances and correlation ρ. */
    record Gaussian(double mu1, double mu2, double rho) implements LogDensity {
        @Override
        public int dim() {
            return 2;
        }

        @Override
        public void logDensity(double[] p, int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double a = p[2 * i] - mu1;
                double c = p[2 * i + 1] - mu2;
                out[i] = -0.5 * (a * a - 2 * rho * a * c + c * c) / (1 - rho * rho);
            }
        }
    }

    @Test
    void bananaMomentsMatchTheExactOnes() {
        double b = 0.5;
        McmcResult r = SliceSampler.of(McmcSettings.defaults()).sample(new Banana(b), WIDE,
                10_000, 3);
        assertThat(r.chains()).isEqualTo(100);
        assertThat(r.perChain()).isEqualTo(100);
        double[][] x1 = r.coordinate(0);
        double[][] x2 = r.coordinate(1);
        double[] ess = r.diagnostics().bulkEss();
        // E x1 = 0, Var x1 = 1; E x2 = b·E x1² = b, Var x2 = 1 + b²·Var(x1²) = 1 + 2b²
        assertMean(x1, 0.0, 1.0, ess[0]);
        assertMean(x2, b, Math.sqrt(1 + 2 * b * b), ess[1]);
        assertThat(variance(x1)).isCloseTo(1.0, within(0.10));
        assertThat(variance(x2)).isCloseTo(1 + 2 * b * b, within(0.10 * (1 + 2 * b * b)));
        // Cov(x1, x2) = b·E x1³ = 0
        assertThat(covariance(x1, x2)).isCloseTo(0.0, within(0.1));
        assertThat(r.diagnostics().warnings()).isEmpty();
        assertThat(java.util.Arrays.stream(r.diagnostics().rhat()).max().getAsDouble())
                .isLessThan(1.01);
    }

    @Test
    void correlatedGaussianMomentsMatch() {
        Gaussian g = new Gaussian(1.0, -2.0, 0.8);
        McmcResult r = SliceSampler.of(McmcSettings.defaults().withChains(8))
                .sample(g, WIDE, 8_000, 4);
        double[] ess = r.diagnostics().bulkEss();
        assertMean(r.coordinate(0), 1.0, 1.0, ess[0]);
        assertMean(r.coordinate(1), -2.0, 1.0, ess[1]);
        assertThat(variance(r.coordinate(0))).isCloseTo(1.0, within(0.10));
        assertThat(variance(r.coordinate(1))).isCloseTo(1.0, within(0.10));
        assertThat(covariance(r.coordinate(0), r.coordinate(1))).isCloseTo(0.8, within(0.08));
        assertThat(r.diagnostics().converged()).isTrue();
        assertThat(r.samples(8_000).rows()).isEqualTo(8_000);
    }

    @Test
    void sameSeedSameDrawsAndGivenStartsAreUsed() {
        SliceSampler s = SliceSampler.of(McmcSettings.defaults().withChains(4));
        McmcResult a = s.sample(new Banana(1), WIDE, 400, 9);
        McmcResult b = s.sample(new Banana(1), WIDE, 400, 9);
        McmcResult c = s.sample(new Banana(1), WIDE, 400, 10);
        assertThat(a.draws()).containsExactly(b.draws());
        assertThat(a.draws()).isNotEqualTo(c.draws());
        McmcResult from = SliceSampler.of(new McmcSettings(2, 0, 1, 1, 10))
                .sampleFrom(new Gaussian(0, 0, 0), new double[] {5, 5, -5, -5}, 1, 1);
        // one sweep from (5, 5) and (−5, −5) cannot jump across: the chains stay on their side
        assertThat(from.draws()[0]).isGreaterThan(0);
        assertThat(from.draws()[2]).isLessThan(0);
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThatThrownBy(() -> McmcSettings.defaults().withChains(0))
                .hasMessageContaining("chains must be >= 1, got 0");
        assertThatThrownBy(() -> new McmcSettings(4, -1, 1, 10, 10))
                .hasMessageContaining("warmup must be >= 0, got -1");
        assertThatThrownBy(() -> new McmcSettings(4, 0, 0, 10, 10))
                .hasMessageContaining("thin must be >= 1, got 0");
        SliceSampler two = SliceSampler.of(new McmcSettings(2, 0, 1, 10, 10));
        Gaussian g = new Gaussian(0, 0, 0);
        assertThatThrownBy(() -> two.sampleFrom(g, new double[] {0, 0, Double.NaN, 0}, 10, 1))
                .hasMessageContaining("start of chain 1 has value NaN");
        assertThatThrownBy(() -> two.sampleFrom(g, new double[] {0, 0, 0}, 10, 1))
                .hasMessageContaining("need 4 start values, got 3");
        LogDensity nowhere = new LogDensity() {
            @Override
            public int dim() {
                return 2;
            }

            @Override
            public void logDensity(double[] p, int n, double[] out) {
                java.util.Arrays.fill(out, 0, n, Double.NEGATIVE_INFINITY);
            }
        };
        assertThatThrownBy(() -> two.sampleFrom(nowhere, new double[] {0, 0, 1, 1}, 10, 1))
                .hasMessageContaining("start of chain 0 has log density -Infinity");
        assertThatThrownBy(() -> two.sample(nowhere, WIDE, 10, 1))
                .hasMessageContaining("none of the 10 prior draws of chain 0");
        assertThatThrownBy(() -> two.sample(g, Priors.normal("a", 0, 1), 10, 1))
                .hasMessageContaining("prior has dimension 1, the target 2");
        assertThatThrownBy(() -> two.sample(g, WIDE, 0, 1))
                .hasMessageContaining("samples must be >= 1, got 0");
    }

    @Test
    void shortRunsWarnThatTheyCannotBeJudged() {
        McmcResult r = SliceSampler.of(new McmcSettings(2, 0, 1, 10, 10))
                .sample(new Gaussian(0, 0, 0), WIDE, 4, 1);
        assertThat(r.perChain()).isEqualTo(2);
        assertThat(r.diagnostics().converged()).isFalse();
        assertThat(r.diagnostics().warnings()).anyMatch(w -> w.contains("at least 4"));
    }

    static void assertMean(double[][] c, double exact, double sd, double ess) {
        assertThat(ess).isGreaterThan(400);
        assertThat(mean(c)).isCloseTo(exact, within(5 * sd / Math.sqrt(ess)));
    }

    static double mean(double[][] c) {
        double s = 0;
        int n = 0;
        for (double[] ch : c) {
            for (double v : ch) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    static double variance(double[][] c) {
        return covariance(c, c);
    }

    static double covariance(double[][] a, double[][] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        int n = 0;
        for (int m = 0; m < a.length; m++) {
            for (int i = 0; i < a[m].length; i++) {
                s += (a[m][i] - ma) * (b[m][i] - mb);
                n++;
            }
        }
        return s / (n - 1);
    }
}
