package org.sbi4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The parts of the sbibm benchmark that need no training: observation lists, reference figures. */
class SbibmBenchmarkTest {

    @Test
    void observationListsAndRanges() {
        assertThat(SbibmBenchmark.parseObservations("1-10")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(SbibmBenchmark.parseObservations("3, 1,5-6")).containsExactly(1, 3, 5, 6);
        assertThatThrownBy(() -> SbibmBenchmark.parseObservations("0-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0-2'");
        assertThatThrownBy(() -> SbibmBenchmark.parseObservations("5-3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'5-3'");
    }

    @Test
    void publishedFiguresUseTheRerunForGaussianMixture() {
        SbibmFigures f = SbibmFigures.load();
        // values from /work/shared/sbibm/published_c2st.csv, algorithm NPE
        assertThat(f.published("gaussian_linear", 1000)).isEqualTo(0.69449);
        assertThat(f.published("gaussian_mixture", 10000)).isEqualTo(0.61530);
        assertThat(f.sbi("sir", 1000)).isNull();
    }
}
