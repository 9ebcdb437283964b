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

    @Test
    void sequentialSummaryComparesWithThePublishedFigureOfTheSameFamily() {
        java.util.List<SbibmBenchmark.Row> rows = java.util.List.of(
                new SbibmBenchmark.Row("bernoulli_glm", 10000, 1, 0.53, 1, 2, 3),
                new SbibmBenchmark.Row("bernoulli_glm", 10000, 2, 0.55, 1, 2, 3));
        // /work/shared/sbibm/published_c2st_per_observation.csv: bernoulli_glm at 10,000, obs 1
        // and 2: SNLE 0.5424 and 0.54555 (mean 0.544), SNPE 0.60925 and 0.58455
        assertThat(SequentialSummary.markdown(rows, "snle, nsf, preset sbi", 10, 1))
                .contains("published SNLE (same obs)").contains("| bernoulli_glm | 10000 | 2 | 0.540 | 0.544 |");
        assertThat(SequentialSummary.markdown(rows.subList(0, 1), "apt, nsf, preset sbi", 10, 1))
                .contains("published SNPE (same obs)").contains("| 0.530 | 0.609 |");
        assertThat(SequentialSummary.publishedAlgorithm("bnre")).isEqualTo("NRE");
        assertThat(SequentialSummary.publishedAlgorithm("snre")).isEqualTo("SNRE");
        assertThat(SequentialSummary.publishedAlgorithm("tsnpe")).isEqualTo("SNPE");
    }
}
