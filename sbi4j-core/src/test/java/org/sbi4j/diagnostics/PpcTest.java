package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class PpcTest {

    /** M standard-normal predictive draws in d dimensions. */
    private static Matrix normal(int m, int d, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix x = Matrix.of(m, d);
        for (int i = 0; i < m * d; i++) {
            x.data()[i] = (float) g.sample();
        }
        return x;
    }

    @Test
    void flagsOnlyTheDimensionOutsideTheCentral99Percent() {
        // predictive N(0, 1) in 3 dims; observation at 0, 1 and 4 sd: the quantiles are
        // Φ(0) = 0.5, Φ(1) = 0.84, Φ(4) = 0.99997 up to the Monte Carlo error of 4000 draws
        // (sd ≤ 0.008), so only the third dimension leaves [0.005, 0.995].
        Matrix pred = normal(4000, 3, 1);
        PpcResult r = Ppc.check(pred, new float[] {0f, 1f, 4f}, List.of("mean", "sd", "max"),
                Ppc.DEFAULT_LEVEL);
        double[] q = r.quantiles();
        assertThat(q[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
        assertThat(q[1]).isCloseTo(0.841, org.assertj.core.data.Offset.offset(0.03));
        assertThat(q[2]).isGreaterThan(0.995);
        assertThat(r.flagged()).containsExactly(2);
        assertThat(r.passed()).isFalse();
        assertThat(r.verdict()).contains("max (quantile").contains("above");
    }

    @Test
    void passesATypicalObservation() {
        Matrix pred = normal(2000, 4, 2);
        PpcResult r = Ppc.check(pred, new float[] {0.3f, -0.5f, 1.2f, -1.9f}, null, 0.99);
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.names()).containsExactly("x[0]", "x[1]", "x[2]", "x[3]");
        assertThat(r.verdict()).contains("within the central 99%");
    }

    @Test
    void tiesCountHalf() {
        Matrix pred = Matrix.wrap(new float[] {1, 2, 2, 3}, 4, 1);
        assertThat(Ppc.check(pred, new float[] {2}, null, 0.9).quantiles()[0]).isEqualTo(0.5);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> Ppc.check(Matrix.of(3, 2), new float[3], null, 0.99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
        assertThatThrownBy(() -> Ppc.check(Matrix.of(3, 2), new float[2], null, 1.0))
                .hasMessageContaining("level");
    }
}
