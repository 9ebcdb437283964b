package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** The data-driven log1p choice and the standardizer that applies it. */
class XPreprocessingTest {

    /**
     * Columns: 0 log-normal "counts" spanning orders of magnitude (skewness ≫ 2, log1p makes it
     * symmetric), 1 Gaussian (skewness ≈ 0), 2 log-normal but with one negative value, 3 binary
     * with p = 0.05 (skewness ≈ 4.1; log1p is affine on {0, 1}, skewness unchanged: refused).
     */
    private static Matrix sample(int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix x = Matrix.of(n, 4);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, (float) Math.floor(Math.exp(3 + 2 * g.sample())));
            x.set(i, 1, (float) g.sample());
            x.set(i, 2, (float) (i == 7 ? -1 : Math.exp(2 * g.sample())));
            x.set(i, 3, rng.nextDouble() < 0.05 ? 1 : 0);
        }
        return x;
    }

    @Test
    void log1pIsChosenForSkewedNonNegativeColumnsOnly() {
        XPreprocessing.Choice c = XPreprocessing.choose(sample(4000),
                XPreprocessing.groups(new int[] {4}, false));
        assertThat(c.log1p()).containsExactly(true, false, false, false);
        assertThat(c.count()).isEqualTo(1);
        assertThat(c.explanation()).contains("log(1 + x) on 1 of 4 column groups");
    }

    @Test
    void groupsAreChannelsOfSeriesAndImagesAndComponentsOfSets() {
        assertThat(XPreprocessing.groups(new int[] {2, 3}, false)).containsExactly(0, 0, 0, 1, 1,
                1);
        assertThat(XPreprocessing.groups(new int[] {3, 2}, true)).containsExactly(0, 1, 0, 1, 0,
                1);
        assertThat(XPreprocessing.groups(new int[] {1, 2, 2}, false)).containsExactly(0, 0, 0,
                0);
        assertThat(XPreprocessing.groups(new int[] {3}, false)).containsExactly(0, 1, 2);
        // a group decides together: one skewed channel of two
        Matrix x = Matrix.of(3000, 4);
        Matrix s = sample(3000);
        for (int i = 0; i < 3000; i++) {
            x.set(i, 0, s.get(i, 0));
            x.set(i, 1, s.get((i + 1) % 3000, 0));
            x.set(i, 2, s.get(i, 1));
            x.set(i, 3, s.get((i + 1) % 3000, 1));
        }
        assertThat(XPreprocessing.choose(x, XPreprocessing.groups(new int[] {2, 2}, false))
                .log1p()).containsExactly(true, true, false, false);
    }

    /** Round trip: inverse(transform(v)) = v to float precision, on log1p and plain columns. */
    @Test
    void theStandardizerRoundTripsThroughLog1p() {
        Matrix x = sample(500);
        boolean[] mask = {true, false, false, false};
        Standardizer z = Standardizer.fit(XPreprocessing.apply(x, mask)).withLog1p(mask);
        Matrix back = z.inverse(z.transform(x, Matrix.of(500, 4)), Matrix.of(500, 4));
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat((double) back.get(i, j)).as("row %d col %d", i, j)
                        .isCloseTo(x.get(i, j), org.assertj.core.api.Assertions.within(
                                1e-5 * Math.max(1, Math.abs(x.get(i, j)))));
            }
        }
        Matrix zx = z.transform(x, Matrix.of(500, 4));
        assertThat((double) zx.get(3, 0)).isCloseTo((Math.log1p(x.get(3, 0)) - z.mean()[0])
                / z.std()[0], org.assertj.core.api.Assertions.within(1e-5));
        assertThat(z.log1pColumns()).containsExactly(mask);
        assertThat(z).isNotEqualTo(Standardizer.fit(XPreprocessing.apply(x, mask)));
        assertThatThrownBy(z::logAbsDet).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> z.withLog1p(new boolean[3])).hasMessageContaining("3 columns");
    }

    @Test
    void applyLeavesNaNPaddingAndReturnsTheInputWhenNothingIsChosen() {
        Matrix x = Matrix.of(1, 2);
        x.set(0, 0, Float.NaN);
        x.set(0, 1, 3);
        assertThat(XPreprocessing.apply(x, new boolean[2])).isSameAs(x);
        Matrix y = XPreprocessing.apply(x, new boolean[] {true, true});
        assertThat(y.get(0, 0)).isNaN();
        assertThat((double) y.get(0, 1)).isCloseTo(Math.log(4),
                org.assertj.core.api.Assertions.within(1e-6));
    }
}
