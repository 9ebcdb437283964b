package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * Curved ridges found by the identifiability report. Posteriors are exact by rejection: prior
 * draws kept when the data's summary lies within a band of half-width 0.05 (sd of the summary
 * on the posterior ≈ 0.1/√12 = 0.029).
 */
class CurvedRidgeTest {

    interface Summary {
        double of(double a, double b);
    }

    /** Prior draws (a, b) from {@code draw}, and those with |summary − target| < 0.05. */
    private static Matrix[] priorAndPosterior(Summary s, double target, long seed,
                                              java.util.function.Function<UniformRandomProvider,
                                                      double[]> draw) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix prior = Matrix.of(20_000, 2);
        for (int i = 0; i < prior.rows(); i++) {
            double[] t = draw.apply(rng);
            prior.set(i, 0, (float) t[0]);
            prior.set(i, 1, (float) t[1]);
        }
        List<float[]> kept = new java.util.ArrayList<>();
        while (kept.size() < 4000) {
            double[] t = draw.apply(rng);
            if (Math.abs(s.of(t[0], t[1]) - target) < 0.05) {
                kept.add(new float[] {(float) t[0], (float) t[1]});
            }
        }
        return new Matrix[] {prior, Matrix.fromRows(kept.toArray(float[][]::new))};
    }

    /**
     * Data that depend on A + b² only (A ~ U(−3, 3), b ~ U(−1.5, 1.5), A + b² ≈ 1): no straight
     * direction is sharp (the best straight sd ratio is about 0.3), the quadratic one is
     * (ratio ≈ 0.029/√(1 + 4b²)·… ≈ 0.02). The report names A + b² with the coefficient of b²
     * within 0.05 of 1 and the level within 0.02 of 1.
     */
    @Test
    void findsTheCurvedRidgeOfAPlusBSquared() {
        Matrix[] pq = priorAndPosterior((a, b) -> a + b * b, 1.0, 1L,
                r -> new double[] {-3 + 6 * r.nextDouble(), -1.5 + 3 * r.nextDouble()});
        IdentifiabilityReport r = Identifiability.analyse(pq[1], pq[0], List.of("A", "b"), 0.5);
        System.out.println(r.verdict());
        CurvedConstraint c = r.curved();
        assertThat(c).isNotNull();
        assertThat(c.space()).isEqualTo("linear");
        assertThat(c.combination()).matches("A \\+ ((0\\.9[5-9]|1\\.0[0-5])·)?b²");
        assertThat(c.value()).isCloseTo(1.0, Offset.offset(0.02));
        assertThat(c.ratio()).isLessThan(0.05);
        assertThat(c.straightness()).isLessThan(0.9);
        assertThat(r.verdict()).contains("Curved ridge").contains(c.combination());
        // on the ridge A = 1 − b², g is the value; off it by ΔA, g moves by ΔA
        assertThat(c.valueAt(new double[] {1 - 0.25, 0.5})).isCloseTo(c.value(),
                Offset.offset(0.03));
        assertThat(c.valueAt(new double[] {1.5 - 0.25, 0.5}) - c.valueAt(new double[] {0.75,
                0.5})).isCloseTo(0.5, Offset.offset(0.03));
    }

    /**
     * A banana: θ₁ ~ N(0, 1), θ₂ ~ N(0, 2²), data fix θ₂ − θ₁² ≈ 0.5. Named θ₂ − θ₁² (the
     * coefficient of θ₁² within 0.05 of 1).
     */
    @Test
    void findsABanana() {
        Matrix[] pq = priorAndPosterior((a, b) -> b - a * a, 0.5, 2L, r -> {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
            return new double[] {g.sample(), 2 * g.sample()};
        });
        IdentifiabilityReport r = Identifiability.analyse(pq[1], pq[0], List.of("t1", "t2"),
                0.5);
        System.out.println(r.verdict());
        assertThat(r.curved()).isNotNull();
        assertThat(r.curved().combination()).matches("t2 − ((0\\.9[5-9]|1\\.0[0-5])·)?t1²");
        assertThat(r.curved().value()).isCloseTo(0.5, Offset.offset(0.02));
    }

    /**
     * A + b² ≈ 1.5 with positive parameters (A ~ U(0.1, 3), b ~ U(0.1, 1.5)), so the log space
     * is analysed too: the curved ridge is still found (in whichever space is preferred). The
     * band is cut by the support (A ≥ 0.1, so b ≤ 1.2), which tilts the fit a little: in linear
     * space the b² coefficient must be within 0.1 of 1, and an A² term may appear with a
     * coefficient below 0.1 (seen: "A − 0.05·A² + 0.95·b²").
     */
    @Test
    void findsTheCurvedRidgeOfPositiveParameters() {
        Matrix[] pq = priorAndPosterior((a, b) -> a + b * b, 1.5, 6L,
                r -> new double[] {0.1 + 2.9 * r.nextDouble(), 0.1 + 1.4 * r.nextDouble()});
        IdentifiabilityReport r = Identifiability.analyse(pq[1], pq[0], List.of("A", "b"), 0.5);
        System.out.println(r.preferred() + ": " + r.curved());
        assertThat(r.curved()).isNotNull();
        if (r.curved().space().equals("linear")) {
            assertThat(r.curved().combination())
                    .matches("A( [+−] 0\\.0\\d·A²)? \\+ ((0\\.9\\d|1\\.0\\d|1\\.10)·)?b²");
        }
    }

    /**
     * Data that depend on A·b² only (log A, log b ~ U(log 0.1, log 10), A·b² ≈ 1 within ±5 % in
     * log): the ridge is a straight line in log space, found there (log A + 2·log b with the
     * coefficient within 0.05 of 2), and no curved ridge is reported on top of it.
     */
    @Test
    void aTimesBSquaredStaysTheLogSpaceLine() {
        double lo = Math.log(0.1);
        double w = Math.log(10) - lo;
        Matrix[] pq = priorAndPosterior((a, b) -> Math.log(a * b * b) / 0.05 * 0.05, 0.0, 5L,
                r -> new double[] {Math.exp(lo + w * r.nextDouble()),
                        Math.exp(lo + w * r.nextDouble())});
        IdentifiabilityReport r = Identifiability.analyse(pq[1], pq[0], List.of("A", "b"), 0.5);
        assertThat(r.preferred()).isEqualTo("log");
        assertThat(r.log().get(0).coefficients()[1]).isCloseTo(2.0, Offset.offset(0.05));
        assertThat(r.curved()).isNull();
    }

    /** A straight ridge (a + b ≈ 0) and a Gaussian posterior report no curved ridge. */
    @Test
    void straightRidgesAreNotCurved() {
        Matrix[] pq = priorAndPosterior((a, b) -> a + b, 0.0, 3L,
                r -> new double[] {-2 + 4 * r.nextDouble(), -2 + 4 * r.nextDouble()});
        IdentifiabilityReport r = Identifiability.analyse(pq[1], pq[0], List.of("a", "b"), 0.5);
        assertThat(r.curved()).isNull();
        assertThat(r.linear().get(0).combination()).isEqualTo("a + b");
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix prior = Matrix.of(5000, 2);
        Matrix post = Matrix.of(5000, 2);
        for (int i = 0; i < 10000; i++) {
            prior.data()[i] = (float) g.sample();
            post.data()[i] = (float) (0.3 + 0.1 * g.sample());
        }
        assertThat(Identifiability.analyse(post, prior, List.of("a", "b"), 0.5).curved())
                .isNull();
    }
}
