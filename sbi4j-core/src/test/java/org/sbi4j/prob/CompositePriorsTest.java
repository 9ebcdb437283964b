package org.sbi4j.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** Multivariate normal, independent products, custom priors and nuisance declarations. */
class CompositePriorsTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void multivariateNormalLogProbMatchesTheTwoByTwoFormula() {
        double[] mu = {1, -2};
        double[][] cov = {{2.0, 0.6}, {0.6, 0.5}};
        MultivariateNormal p = Priors.multivariateNormal(List.of("a", "b"), mu, cov);
        float[] x = {0.3f, -1.1f};
        double det = cov[0][0] * cov[1][1] - cov[0][1] * cov[1][0];
        double d0 = x[0] - mu[0];
        double d1 = x[1] - mu[1];
        // (x−μ)ᵀ Σ⁻¹ (x−μ) with Σ⁻¹ = [[Σ11, −Σ01], [−Σ10, Σ00]] / det
        double q = (cov[1][1] * d0 * d0 - 2 * cov[0][1] * d0 * d1 + cov[0][0] * d1 * d1) / det;
        assertThat(p.logProb(x, 0)).isCloseTo(-LOG_2PI - 0.5 * Math.log(det) - 0.5 * q, within(1e-9));
        assertThat(p.covariance()[0][1]).isCloseTo(0.6, within(1e-12));
        assertThat(p.lower()).containsOnly(Double.NEGATIVE_INFINITY);
    }

    @Test
    void multivariateNormalSampleCovariance() {
        double[][] cov = {{2.0, 0.6, 0}, {0.6, 0.5, -0.2}, {0, -0.2, 1}};
        MultivariateNormal p = Priors.multivariateNormal(List.of("a", "b", "c"), new double[] {1, 0, -1}, cov);
        int n = 40_000;
        Matrix s = p.sample(n, RandomSource.XO_RO_SHI_RO_128_PP.create(11));
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                mean[j] += s.data()[i * 3 + j] / (double) n;
            }
        }
        for (int j = 0; j < 3; j++) {
            // 5 standard errors of the mean: fails with probability < 1e-6 for a correct sampler
            assertThat(mean[j]).isCloseTo(p.mean()[j], within(5 * Math.sqrt(cov[j][j] / n)));
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += (s.data()[i * 3 + a] - mean[a]) * (s.data()[i * 3 + b] - mean[b]);
                }
                c /= n - 1;
                // Gaussian sample covariance: var(ĉ_ab) = (Σ_aa Σ_bb + Σ_ab²)/n; 5 standard errors
                double se = Math.sqrt((cov[a][a] * cov[b][b] + cov[a][b] * cov[a][b]) / n);
                assertThat(c).as("cov[%d][%d]", a, b).isCloseTo(cov[a][b], within(5 * se));
            }
        }
    }

    @Test
    void precisionFormInvertsThePrecision() {
        double[][] prec = {{4, 1}, {1, 3}};
        MultivariateNormal p = MultivariateNormal.ofPrecision(List.of("a", "b"), new double[] {0, 0}, prec);
        double[][] c = p.covariance();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double s = c[i][0] * prec[0][j] + c[i][1] * prec[1][j];
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        float[] x = {0.5f, -0.25f};
        double q = prec[0][0] * x[0] * x[0] + 2 * prec[0][1] * x[0] * x[1] + prec[1][1] * x[1] * x[1];
        double logDetPrec = Math.log(prec[0][0] * prec[1][1] - prec[0][1] * prec[1][0]);
        assertThat(p.logProb(x, 0)).isCloseTo(-LOG_2PI + 0.5 * logDetPrec - 0.5 * q, within(1e-9));
    }

    @Test
    void independentProductSumsBlocksAndConcatenatesSupport() {
        Univariate a = Priors.uniform("a", -1, 1);
        MultivariateNormal bc = Priors.multivariateNormal(List.of("b", "c"), new double[] {0, 0},
                new double[][] {{1, 0}, {0, 1}});
        Univariate d = Priors.logNormal("d", 0, 1);
        Independent p = Priors.independent(a, bc, d);
        assertThat(p.dim()).isEqualTo(4);
        assertThat(p.names()).containsExactly("a", "b", "c", "d");
        assertThat(p.lower()).containsExactly(-1, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
        assertThat(p.upper()).containsExactly(1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        float[] theta = {9f, 0.2f, -0.4f, 0.7f, 0.5f};   // offset 1
        double expected = a.logProb(theta, 1) + bc.logProb(theta, 2) + d.logProb(theta, 4);
        assertThat(p.logProb(theta, 1)).isEqualTo(expected);
        assertThat(p.inSupport(theta, 1)).isTrue();
        theta[1] = 1.5f;
        assertThat(p.logProb(theta, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(p.inSupport(theta, 1)).isFalse();
        double[] out = new double[3];
        Matrix m = p.sample(3, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
        p.logProb(m, out);
        assertThat(out[2]).isEqualTo(p.logProb(m.data(), m.rowOffset(2))).isFinite();
    }

    @Test
    void customPriorUsesTheLambdasAndTheBox() {
        // θ ~ U(0, 1) × Exp(1) written by hand
        CustomPrior p = Priors.custom(List.of("u", "e"), new double[] {0, 0},
                new double[] {1, Double.POSITIVE_INFINITY},
                (UniformRandomProvider rng, double[] t) -> {
                    t[0] = rng.nextDouble();
                    t[1] = -Math.log1p(-rng.nextDouble());
                },
                t -> -t[1]);
        assertThat(p.logProb(new float[] {0.5f, 2f}, 0)).isEqualTo(-2.0, within(1e-7));
        assertThat(p.logProb(new float[] {1.5f, 2f}, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        Matrix s = p.sample(20_000, RandomSource.XO_RO_SHI_RO_128_PP.create(5));
        double m = 0;
        for (int i = 0; i < s.rows(); i++) {
            m += s.data()[s.rowOffset(i) + 1];
        }
        // Exp(1) mean 1, sd 1: 5 standard errors
        assertThat(m / s.rows()).isCloseTo(1.0, within(5 / Math.sqrt(s.rows())));
        assertThat(p.upper()[1]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void nuisanceDeclarationsAndInterestIndices() {
        Prior base = Priors.uniform(List.of("a", "b", "c"), 0, 1);
        assertThat(base.nuisance()).containsExactly(false, false, false);
        assertThat(base.interestIndices()).containsExactly(0, 1, 2);
        Prior p = Priors.withNuisance(base, "b");
        assertThat(p.nuisance()).containsExactly(false, true, false);
        assertThat(p.interestIndices()).containsExactly(0, 2);
        assertThat(p.interestNames()).containsExactly("a", "c");
        assertThat(p.names()).isEqualTo(base.names());
        // delegation keeps density and draws
        float[] t = {0.1f, 0.2f, 0.3f};
        assertThat(p.logProb(t, 0)).isEqualTo(base.logProb(t, 0));
        assertThat(p.sample(5, RandomSource.XO_RO_SHI_RO_128_PP.create(1)).data())
                .containsExactly(base.sample(5, RandomSource.XO_RO_SHI_RO_128_PP.create(1)).data());
        // flags survive products and further declarations
        Prior q = Priors.independent(p, Priors.withNuisance(
                Priors.independent(Priors.normal("d", 0, 1), Priors.normal("e", 0, 1)), "d"));
        assertThat(q.interestIndices()).containsExactly(0, 2, 4);
        assertThat(Priors.withNuisance(q, "a").interestIndices()).containsExactly(2, 4);
    }
}
