package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Standardizer;
import org.sbi4j.prob.CustomPrior;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.tensor.Matrix;

/**
 * The acceptance rate sampling reports and the support it rejects with, on an untrained MDN
 * (random weights give some smooth density; nothing here depends on its shape).
 */
class SupportAndAcceptanceTest {

    private static final EstimatorSpec SPEC = EstimatorSpec.defaults("mdn");
    private static final Standardizer Z_THETA = Standardizer.of(new double[] {0.4, 0.4},
            new double[] {0.3, 0.3});
    private static final float[] XO = {0.1f, -0.2f, 0.3f};

    private static Posterior posterior(ParameterSpace space) {
        return PosteriorBuilder.of(SPEC.build(2, new int[] {3}, EstimatorSpec.buildRng(4L)), SPEC,
                new int[] {3}).standardizers(Z_THETA, Standardizer.identity(3)).parameters(space)
                .provenance(Provenance.of(4L, Map.of())).build();
    }

    /** Uniform on the simplex a, b ≥ 0, a + b ≤ 1, inside the box [0, 1]². */
    private static CustomPrior simplex() {
        return Priors.custom(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 1},
                (rng, t) -> {
                    double u = rng.nextDouble();
                    double v = rng.nextDouble();
                    t[0] = Math.min(u, v);
                    t[1] = Math.abs(u - v);
                },
                t -> t[0] + t[1] <= 1 ? Math.log(2) : Double.NEGATIVE_INFINITY);
    }

    @Test
    void acceptanceAtZeroLeakageIsOne() {
        double inf = Double.POSITIVE_INFINITY;
        Posterior p = posterior(new ParameterSpace(List.of("a", "b"), new double[] {-inf, -inf},
                new double[] {inf, inf}));
        for (int n : new int[] {1, 1000, 5000}) {
            ConditionedPosterior.Draws d = p.at(XO).sampleWithStats(n,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(n));
            assertThat(d.proposed()).isEqualTo(n);
            assertThat(d.acceptanceRate()).isEqualTo(1.0);
        }
    }

    /**
     * With a bound that rejects part of the mass, the rate of one sampling call of 1,000 agrees
     * with the 10,000-draw estimate that normalises log-densities: their difference has standard
     * deviation √(a(1−a)(1/1000 + 1/10000)) ≤ 0.017; tolerance 0.07 (4σ).
     */
    @Test
    void acceptanceCountsExaminedDrawsOnly() {
        double inf = Double.POSITIVE_INFINITY;
        Posterior p = posterior(new ParameterSpace(List.of("a", "b"), new double[] {0.4, -inf},
                new double[] {inf, inf}));
        ConditionedPosterior c = p.at(XO);
        double a = c.acceptanceRate();
        assertThat(a).isBetween(0.05, 0.95);
        ConditionedPosterior.Draws d = c.sampleWithStats(1000,
                RandomSource.XO_RO_SHI_RO_128_PP.create(9L), false);
        assertThat(d.acceptanceRate()).isCloseTo(a, org.assertj.core.data.Offset.offset(0.07));
        assertThat(d.acceptanceRate()).isEqualTo(1000.0 / d.proposed());
    }

    @Test
    void aSimplexPriorRejectsOutsideTheSimplexNotOnlyOutsideTheBox() {
        CustomPrior prior = simplex();
        float[] corner = {0.8f, 0.8f};
        assertThat(prior.inSupport(corner, 0)).isFalse();
        assertThat(prior.inSupport(new float[] {0.2f, 0.3f}, 0)).isTrue();
        Posterior p = posterior(ParameterSpace.ofInterest(prior));
        ConditionedPosterior c = p.at(XO);
        Matrix s = c.sample(2000, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        for (int i = 0; i < s.rows(); i++) {
            assertThat(s.get(i, 0) + s.get(i, 1)).isLessThanOrEqualTo(1f);
            assertThat(s.get(i, 0)).isGreaterThanOrEqualTo(0f);
            assertThat(s.get(i, 1)).isGreaterThanOrEqualTo(0f);
        }
        assertThat(c.logProb(Matrix.fromRows(new float[][] {corner}))[0])
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.logProb(Matrix.fromRows(new float[][] {{0.2f, 0.3f}}))[0]).isFinite();
        // the box alone accepts more of the same estimator's mass than the simplex
        ConditionedPosterior box = posterior(new ParameterSpace(List.of("a", "b"),
                new double[] {0, 0}, new double[] {1, 1})).at(XO);
        assertThat(c.acceptanceRate()).isLessThan(box.acceptanceRate());
        // a posterior read back with the box only gets the prior's test again
        Posterior boxOnly = posterior(new ParameterSpace(List.of("a", "b"), new double[] {0, 0},
                new double[] {1, 1}));
        assertThat(boxOnly.withSupport(prior).at(XO).logProb(
                Matrix.fromRows(new float[][] {corner}))[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        Prior renamed = Priors.custom(List.of("x", "y"), new double[] {0, 0},
                new double[] {1, 1}, (rng, t) -> { }, t -> 0);
        assertThatThrownBy(() -> boxOnly.withSupport(renamed)).hasMessageContaining("[x, y]");
    }
}
