package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class IntervalsTest {

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] s = {1, 2, 3, 4};
        // numpy.quantile([1,2,3,4], 0.5) = 2.5, 0.1 -> 1.3
        assertThat(Intervals.quantile(s, 0.5)).isEqualTo(2.5);
        assertThat(Intervals.quantile(s, 0.1)).isCloseTo(1.3, within(1e-12));
    }

    @Test
    void gaussianIntervalsMatchTheNormalQuantiles() {
        // 200,000 N(0, 1) draws: the 90 % interval is ±1.6449; the order-statistic standard error
        // at that quantile is about 0.005, so 0.02 is a 4-sigma tolerance.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(200_000, 1);
        for (int i = 0; i < m.rows(); i++) {
            m.set(i, 0, (float) g.sample());
        }
        Interval et = Intervals.equalTailed(m, 0, "a", 0.9);
        Interval hd = Intervals.highestDensity(m, 0, "a", 0.9);
        assertThat(et.lower()).isCloseTo(-1.6449, within(0.02));
        assertThat(et.upper()).isCloseTo(1.6449, within(0.02));
        // for a symmetric unimodal density the HPD and equal-tailed intervals coincide; the
        // shortest-window estimator's endpoints are noisier (the width is flat to first order in
        // a shift), so its endpoints get 0.06 while its width must be within 0.02 of 3.290
        assertThat(hd.width()).isCloseTo(3.290, within(0.02));
        assertThat(hd.lower()).isCloseTo(-1.6449, within(0.06));
        assertThat(hd.upper()).isCloseTo(1.6449, within(0.06));
    }

    @Test
    void highestDensityIsShorterForSkewedSamples() {
        // exponential samples: HPD interval is [0, -ln(0.1)] = [0, 2.303], equal-tailed is
        // [0.0513, 2.996]; the HPD must be the shorter one.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
        Matrix m = Matrix.of(100_000, 1);
        for (int i = 0; i < m.rows(); i++) {
            m.set(i, 0, (float) -Math.log(1 - rng.nextDouble()));
        }
        Interval et = Intervals.equalTailed(m, 0, "rate", 0.9);
        Interval hd = Intervals.highestDensity(m, 0, "rate", 0.9);
        assertThat(hd.width()).isLessThan(et.width());
        assertThat(hd.upper()).isCloseTo(2.303, within(0.05));
        assertThat(hd.lower()).isCloseTo(0.0, within(0.01));
    }

    @Test
    void badLevelIsRejectedWithTheValue() {
        Matrix m = Matrix.of(10, 1);
        assertThatThrownBy(() -> Intervals.equalTailed(m, 0, "a", 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }

    /** Issue 25 (mutation testing): mean, covariance and standard deviations by hand. */
    @Test
    void meanAndCovarianceOfASmallSampleByHand() {
        Matrix m = Matrix.fromRows(new float[][] {{1, 2, 7}, {3, 0, 7}, {5, 4, 7}});
        assertThat(Intervals.mean(m)).containsExactly(3.0, 2.0, 7.0);
        double[][] c = Intervals.covariance(m);
        assertThat(c[0]).containsExactly(4.0, 2.0, 0.0);
        assertThat(c[1]).containsExactly(2.0, 4.0, 0.0);
        assertThat(c[2]).containsExactly(0.0, 0.0, 0.0);
        // a constant column has no spread: 1, so that it can divide
        assertThat(Intervals.covarianceDiagonalSqrt(m)).containsExactly(2.0, 2.0, 1.0);
    }

    /** Issue 25 (mutation testing): the shortest window, the first of equal ones, the ends. */
    @Test
    void highestDensityIntervalOfAHandMadeSample() {
        Matrix m = Matrix.fromRows(new float[][] {{10}, {0}, {2}, {1}, {1.5f}});
        Interval hd = Intervals.highestDensity(m, 0, "a", 0.6); // 3 of 5: [1, 2] is shortest
        assertThat(hd.lower()).isEqualTo(1.0);
        assertThat(hd.upper()).isEqualTo(2.0);
        Interval all = Intervals.highestDensity(m, 0, "a", 0.9); // 5 of 5: the whole range
        assertThat(all.lower()).isEqualTo(0.0);
        assertThat(all.upper()).isEqualTo(10.0);
        Matrix even = Matrix.fromRows(new float[][] {{0}, {1}, {2}, {3}});
        Interval first = Intervals.highestDensity(even, 0, "a", 0.5);
        assertThat(first.lower()).isEqualTo(0.0);
        assertThat(first.upper()).isEqualTo(1.0);
        double[] s = {1, 2, 3, 4};
        assertThat(Intervals.quantile(s, 0)).isEqualTo(1.0);
        assertThat(Intervals.quantile(s, 1)).isEqualTo(4.0);
    }

    /** Issue 25 (mutation testing): levels 0 and 1 and columns just outside are refused. */
    @Test
    void levelsAndColumnsAtTheirLimitsAreRefused() {
        Matrix m = Matrix.fromRows(new float[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> Intervals.equalTailed(m, 0, "a", 0.0))
                .hasMessageContaining("credibility level must lie in (0, 1), got 0.0");
        assertThatThrownBy(() -> Intervals.highestDensity(m, 0, "a", 1.0))
                .hasMessageContaining("got 1.0");
        assertThatThrownBy(() -> Intervals.equalTailed(m, 2, "a", 0.5))
                .hasMessageContaining("column 2 outside");
        assertThatThrownBy(() -> Intervals.equalTailed(m, -1, "a", 0.5))
                .hasMessageContaining("column -1 outside");
        assertThat(Intervals.equalTailed(m, 1, "b", 0.5).lower()).isEqualTo(2.5);
    }
}
