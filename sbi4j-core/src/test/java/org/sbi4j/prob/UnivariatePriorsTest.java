package org.sbi4j.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * Univariate priors: sample moments against closed forms and log densities against hand formulas.
 *
 * <p>Moment tolerance: with n = 40,000 draws the sample mean has standard error sd/√n and the
 * sample variance about √((m4 − s⁴)/n) (m4 the sample fourth central moment); we allow 5 standard
 * errors, so a correct sampler fails with probability below 1e-6 per check (and the seed is fixed).
 */
class UnivariatePriorsTest {

    private static final int N = 40_000;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private static void assertMoments(Prior p, long seed, double mean, double var) {
        Matrix m = p.sample(N, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double s1 = 0;
        for (int i = 0; i < N; i++) {
            s1 += m.data()[i];
        }
        double mu = s1 / N;
        double s2 = 0;
        double s4 = 0;
        for (int i = 0; i < N; i++) {
            double d = m.data()[i] - mu;
            s2 += d * d;
            s4 += d * d * d * d;
        }
        double v = s2 / (N - 1);
        double m4 = s4 / N;
        assertThat(mu).as("mean of %s", p).isCloseTo(mean, within(5 * Math.sqrt(var / N)));
        assertThat(v).as("variance of %s", p).isCloseTo(var, within(5 * Math.sqrt((m4 - v * v) / N)));
    }

    private static double lp(Prior p, double x) {
        return p.logProb(new float[] {(float) x}, 0);
    }

    @Test
    void uniformMomentsDensityAndSupport() {
        Univariate p = Priors.uniform("a", -1, 3);
        assertMoments(p, 1, 1.0, 16.0 / 12);
        assertThat(lp(p, 0.5)).isCloseTo(-Math.log(4), within(1e-12));
        assertThat(lp(p, 3.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(p.lower()).containsExactly(-1.0);
        assertThat(p.upper()).containsExactly(3.0);
        assertThat(p.names()).containsExactly("a");
    }

    @Test
    void normalMomentsAndDensity() {
        Univariate p = Priors.normal("m", 2, 0.5);
        assertMoments(p, 2, 2.0, 0.25);
        double x = 1.3;
        double z = (x - 2) / 0.5;
        assertThat(lp(p, x)).isCloseTo(-0.5 * LOG_2PI - Math.log(0.5) - 0.5 * z * z, within(1e-6));
        assertThat(p.lower()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(p.upper()[0]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void logNormalMomentsAndDensity() {
        double mu = Math.log(0.4);
        double s = 0.5;
        Univariate p = Priors.logNormal("beta", mu, s);
        double mean = Math.exp(mu + s * s / 2);
        assertMoments(p, 3, mean, (Math.exp(s * s) - 1) * mean * mean);
        double x = 0.3;
        double z = (Math.log(x) - mu) / s;
        assertThat(lp(p, x)).isCloseTo(-Math.log(x) - Math.log(s) - 0.5 * LOG_2PI - 0.5 * z * z, within(1e-6));
        assertThat(p.lower()[0]).isEqualTo(0.0);
        assertThat(lp(p, -0.1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void gammaMomentsAndDensity() {
        double k = 2.5;
        double sc = 1.5;
        Univariate p = Priors.gamma("g", k, sc);
        assertMoments(p, 4, k * sc, k * sc * sc);
        double x = 2.0;
        double expected = (k - 1) * Math.log(x) - x / sc - LogGamma.value(k) - k * Math.log(sc);
        assertThat(lp(p, x)).isCloseTo(expected, within(1e-9));
        assertThat(p.lower()[0]).isEqualTo(0.0);
    }

    @Test
    void betaMomentsAndDensity() {
        double a = 2;
        double b = 5;
        Univariate p = Priors.beta("q", a, b);
        assertMoments(p, 5, a / (a + b), a * b / ((a + b) * (a + b) * (a + b + 1)));
        double x = 0.25;
        double expected = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - LogBeta.value(a, b);
        assertThat(lp(p, x)).isCloseTo(expected, within(1e-9));
        assertThat(p.lower()).containsExactly(0.0);
        assertThat(p.upper()).containsExactly(1.0);
    }

    @Test
    void truncatedNormalMomentsDensityAndSupport() {
        double mu = 0.5;
        double sd = 1;
        double lo = 0;
        double hi = 2;
        Univariate p = Priors.truncatedNormal("t", mu, sd, lo, hi);
        // closed form: α, β standardised bounds, Z = Φ(β) − Φ(α)
        NormalDistribution std = NormalDistribution.of(0, 1);
        double al = (lo - mu) / sd;
        double be = (hi - mu) / sd;
        double z = std.cumulativeProbability(be) - std.cumulativeProbability(al);
        double pa = std.density(al);
        double pb = std.density(be);
        double mean = mu + sd * (pa - pb) / z;
        double r = (pa - pb) / z;
        double var = sd * sd * (1 + (al * pa - be * pb) / z - r * r);
        assertMoments(p, 6, mean, var);
        double x = 1.2;
        double u = (x - mu) / sd;
        assertThat(lp(p, x)).isCloseTo(-0.5 * LOG_2PI - 0.5 * u * u - Math.log(sd) - Math.log(z), within(1e-6));
        assertThat(lp(p, 2.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(p.lower()).containsExactly(0.0);
        assertThat(p.upper()).containsExactly(2.0);
        Matrix s = p.sample(2000, RandomSource.XO_RO_SHI_RO_128_PP.create(7));
        for (int i = 0; i < s.rows(); i++) {
            assertThat(p.inSupport(s.data(), s.rowOffset(i))).isTrue();
        }
    }

    @Test
    void samplingIsDeterministicGivenTheSeed() {
        Prior p = Priors.independent(Priors.gamma("g", 2, 1), Priors.beta("b", 2, 3),
                Priors.normal("n", 0, 1));
        Matrix a = p.sample(100, RandomSource.XO_RO_SHI_RO_128_PP.create(42));
        Matrix b = p.sample(100, RandomSource.XO_RO_SHI_RO_128_PP.create(42));
        Matrix c = p.sample(100, RandomSource.XO_RO_SHI_RO_128_PP.create(43));
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
        // the one-at-a-time path draws from the same distribution: each value is in the support
        float[] one = new float[3];
        p.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1), one, 0);
        assertThat(p.inSupport(one, 0)).isTrue();
    }
}
