package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Conformal recalibration by hand. With L = 3 and joint ranks 0, 1, 2, 3 the HPD masses
 * (L − r + ½)/(L + 1) sorted are 0.125, 0.375, 0.625, 0.875; the adjusted level for a nominal
 * level a is the ⌈(n + 1)·a⌉-th of them (1 when that exceeds n).
 */
class ConformalCoverageByHandTest {

    private static final SbcRanks RANKS = new SbcRanks(3, new int[][] {{0}, {0}, {0}, {0}},
            new int[] {0, 1, 2, 3}, null);

    @Test
    void conformalQuantileOfSortedScores() {
        double[] s = {0.1, 0.2, 0.3, 0.4};
        assertThat(ConformalCoverage.level(s, 0.5)).isEqualTo(0.3); // ⌈2.5⌉ = 3
        assertThat(ConformalCoverage.level(s, 0.6)).isEqualTo(0.3); // (n+1)·a = 3, not pushed to 4
        assertThat(ConformalCoverage.level(s, 0.8)).isEqualTo(0.4); // 4
        assertThat(ConformalCoverage.level(s, 0.9)).isEqualTo(1.0); // 5 > n
        assertThatThrownBy(() -> ConformalCoverage.level(s, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coverage level must lie in (0, 1), got 0.0");
        assertThatThrownBy(() -> ConformalCoverage.level(s, 1.0))
                .hasMessage("coverage level must lie in (0, 1), got 1.0");
    }

    @Test
    void recalibrationRaisesLowersOrMixes() {
        ConformalCoverage.Recalibration up = ConformalCoverage.recalibrate(RANKS, new double[] {0.5});
        assertThat(up.adjusted()).containsExactly(0.625);
        assertThat(up.nominal()).containsExactly(0.5);
        assertThat(up.pairs()).isEqualTo(4);
        assertThat(up.adjusted(0.5)).isEqualTo(0.625);
        assertThat(up.verdict()).isEqualTo("Conformal recalibration on 4 held-out simulations: to"
                + " cover the truth with at least the nominal probability over the prior predictive,"
                + " use highest-density regions at credibility 50 % → 62.5 % (levels raised: the"
                + " posterior is overconfident).");
        ConformalCoverage.Recalibration down = ConformalCoverage.recalibrate(RANKS, new double[] {0.4});
        assertThat(down.adjusted()).containsExactly(0.375); // ⌈2.0⌉ = 2
        assertThat(down.verdict()).contains("40 % → 37.5 % (levels lowered: the posterior is underconfident)");
        ConformalCoverage.Recalibration both = ConformalCoverage.recalibrate(RANKS,
                new double[] {0.4, 0.5});
        assertThat(both.adjusted()).containsExactly(0.375, 0.625);
        assertThat(both.verdict()).contains("40 % → 37.5 %, 50 % → 62.5 % (levels adjusted both ways)");
        assertThat(both.adjusted(0.4)).isEqualTo(0.375);
        assertThatThrownBy(() -> both.adjusted(0.45)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("level 0.45 was not recalibrated; the levels are [0.4, 0.5]");
        both.adjusted()[0] = 9;
        both.nominal()[0] = 9;
        assertThat(both.adjusted()).containsExactly(0.375, 0.625);
        assertThat(both.nominal()).containsExactly(0.4, 0.5);
        assertThatThrownBy(() -> ConformalCoverage.recalibrate(
                new SbcRanks(3, new int[][] {{0}}, null, null), new double[] {0.5}))
                .hasMessage("conformal recalibration needs joint log-density ranks: run Sbc.ranks"
                        + " with a PosteriorDensity");
    }

    @Test
    void logDensityThresholdKeepsTheTopShareOfSamples() {
        double[] lp = {-3, -1, -2, -4}; // unsorted on purpose
        assertThat(ConformalCoverage.logDensityThreshold(lp, 0.5)).isEqualTo(-2.0);
        assertThat(ConformalCoverage.logDensityThreshold(lp, 0.75)).isEqualTo(-3.0);
        assertThat(ConformalCoverage.logDensityThreshold(lp, 0.1)).isEqualTo(-1.0); // at least one
        assertThat(ConformalCoverage.logDensityThreshold(lp, 1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lp).containsExactly(-3, -1, -2, -4); // not sorted in place
        assertThatThrownBy(() -> ConformalCoverage.logDensityThreshold(lp, 0.0))
                .hasMessage("credibility level must lie in (0, 1], got 0.0");
        assertThatThrownBy(() -> ConformalCoverage.logDensityThreshold(lp, 1.5))
                .hasMessage("credibility level must lie in (0, 1], got 1.5");
        assertThatThrownBy(() -> ConformalCoverage.logDensityThreshold(new double[0], 0.5))
                .hasMessage("no samples");
    }
}
