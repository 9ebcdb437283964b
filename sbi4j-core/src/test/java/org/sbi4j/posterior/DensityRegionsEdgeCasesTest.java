package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Highest-density regions of tiny or degenerate samples, where the answer is known exactly. */
class DensityRegionsEdgeCasesTest {

    @Test
    void oneValueOrAllEqualValuesGiveThatPoint() {
        DensityRegion one = DensityRegions.of(new double[] {2.5}, "a", 0.9);
        assertThat(one.pieces()).hasSize(1);
        assertThat(one.pieces().get(0).lower()).isEqualTo(2.5);
        assertThat(one.pieces().get(0).upper()).isEqualTo(2.5);
        assertThat(one.parameter()).isEqualTo("a");
        assertThat(one.level()).isEqualTo(0.9);
        DensityRegion same = DensityRegions.of(new double[] {4, 4, 4}, "b", 0.5);
        assertThat(same.pieces()).hasSize(1);
        assertThat(same.width()).isZero();
        assertThat(same.contains(4)).isTrue();
    }

    @Test
    void levelNearOneCoversTheWholeRangeOfAUnimodalSample() {
        double[] s = {-2, -1, -0.5, 0, 0, 0.5, 1, 2};
        DensityRegion r = DensityRegions.of(s, "a", 0.999);
        assertThat(r.pieces()).hasSize(1);
        assertThat(r.pieces().get(0).lower()).isEqualTo(-2.0);
        assertThat(r.pieces().get(0).upper()).isEqualTo(2.0);
    }
}
