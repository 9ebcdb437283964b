package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class IdentifiabilityTest {

    private static final List<String> NAMES = List.of("A", "b");

    /** n draws of (A, b) with log A, log b ~ U(log 0.1, log 10) independently. */
    private static Matrix logUniformPrior(int n, UniformRandomProvider rng) {
        Matrix m = Matrix.of(n, 2);
        double lo = Math.log(0.1);
        double w = Math.log(10) - lo;
        for (int i = 0; i < n; i++) {
            m.set(i, 0, (float) Math.exp(lo + w * rng.nextDouble()));
            m.set(i, 1, (float) Math.exp(lo + w * rng.nextDouble()));
        }
        return m;
    }

    @Test
    void namesTheRidgeOfDataThatDependOnABSquaredOnly() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        Matrix prior = logUniformPrior(20000, rng);
        // rejection: keep prior draws with |log(A·b²) − log 1| < 0.05 (data say A·b² ≈ 1)
        Matrix candidates = logUniformPrior(400000, rng);
        float[] kept = new float[candidates.size()];
        int n = 0;
        for (int i = 0; i < candidates.rows(); i++) {
            double a = candidates.get(i, 0);
            double b = candidates.get(i, 1);
            if (Math.abs(Math.log(a * b * b)) < 0.05) {
                kept[2 * n] = (float) a;
                kept[2 * n + 1] = (float) b;
                n++;
            }
        }
        assertThat(n).isGreaterThan(1000);
        Matrix post = Matrix.wrap(java.util.Arrays.copyOf(kept, 2 * n), n, 2);
        IdentifiabilityReport r = Identifiability.analyse(post, prior, NAMES, 0.5);

        assertThat(r.preferred()).isEqualTo("log");
        Direction best = r.log().get(0);
        // the accepted band has sd of log A + 2 log b ≈ 0.1/√12 ≈ 0.03; the coefficient of log b
        // is estimated from a band of finite width: allow ±0.05 around the exact 2
        assertThat(best.coefficients()[0]).isEqualTo(1.0);
        assertThat(best.coefficients()[1]).isCloseTo(2.0, Offset.offset(0.05));
        assertThat(best.constrained()).isTrue();
        assertThat(best.posteriorSd()).isCloseTo(0.1 / Math.sqrt(12), Offset.offset(0.01));
        assertThat(r.log().get(1).constrained()).isFalse();
        assertThat(r.unconstrained()).isEqualTo(1);
        assertThat(r.verdict()).matches("log A \\+ (1\\.9[5-9]|2\\.0[0-5])·log b .*")
                .contains("is constrained").contains("not constrained").contains("ridge");
    }

    @Test
    void aWellIdentifiedGaussianPosteriorHasNoUnconstrainedDirection() {
        // prior N(0, 1)², posterior N(·, 0.1²)² independent: both sd ratios ≈ 0.1
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix prior = Matrix.of(5000, 2);
        Matrix post = Matrix.of(5000, 2);
        for (int i = 0; i < 10000; i++) {
            prior.data()[i] = (float) g.sample();
            post.data()[i] = (float) (0.3 + 0.1 * g.sample());
        }
        IdentifiabilityReport r = Identifiability.analyse(post, prior, NAMES,
                Identifiability.DEFAULT_THRESHOLD);
        assertThat(r.log()).isEmpty();
        assertThat(r.preferred()).isEqualTo("linear");
        assertThat(r.unconstrained()).isZero();
        for (Direction d : r.linear()) {
            assertThat(d.ratio()).isCloseTo(0.1, Offset.offset(0.01));
        }
        assertThat(r.verdict()).contains("identified");
    }

    @Test
    void anUninformativePosteriorSaysSo() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        Matrix prior = logUniformPrior(5000, rng);
        Matrix post = logUniformPrior(5000, rng);
        IdentifiabilityReport r = Identifiability.analyse(post, prior, NAMES, 0.5);
        assertThat(r.unconstrained()).isEqualTo(2);
        assertThat(r.verdict()).startsWith("No direction is constrained");
    }

    @Test
    void combinationText() {
        assertThat(Identifiability.combination(new double[] {1, -0.5, 0.001},
                List.of("log A", "b", "c"))).isEqualTo("log A − 0.50·b");
        assertThat(Identifiability.combination(new double[] {0, 1}, NAMES)).isEqualTo("b");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> Identifiability.analyse(Matrix.of(10, 2), Matrix.of(10, 3),
                NAMES, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prior 3");
    }
}
