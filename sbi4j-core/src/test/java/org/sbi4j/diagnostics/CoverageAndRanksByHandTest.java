package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Expected coverage, its Clopper–Pearson band and SBC rank bookkeeping on cases small enough to
 * work out by hand. At the two ends the Clopper–Pearson bounds have closed forms: with k = 0 of n
 * the upper bound is the (1 − γ/2)-quantile of Beta(1, n), 1 − (γ/2)^(1/n); with k = n the lower
 * bound is the (γ/2)-quantile of Beta(n, 1), (γ/2)^(1/n).
 */
class CoverageAndRanksByHandTest {

    @Test
    void defaultLevelsAreTheNineteenMultiplesOfFivePercent() {
        double[] lv = Coverage.defaultLevels();
        assertThat(lv).hasSize(19);
        for (int k = 0; k < 19; k++) {
            assertThat(lv[k]).isCloseTo(0.05 * (k + 1), within(1e-12));
        }
    }

    @Test
    void allCoveredGivesTheClosedFormLowerBoundAndAnAboveVerdict() {
        // 4 masses all below the level 0.5: coverage 1; γ = α/K = 0.5, lower = 0.25^(1/4)
        CoverageResult c = Coverage.fromMass("test region", new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {0.5}, 0.5);
        assertThat(c.pairs()).isEqualTo(4);
        assertThat(c.coverage()).containsExactly(1.0);
        assertThat(c.lower()[0]).isCloseTo(Math.pow(0.25, 0.25), within(1e-9));
        assertThat(c.upper()).containsExactly(1.0);
        assertThat(c.levelsAbove()).isEqualTo(1);
        assertThat(c.levelsBelow()).isZero();
        assertThat(c.calibrated()).isFalse();
        assertThat(c.meanDeviation()).isCloseTo(0.5, within(1e-12));
        assertThat(c.verdict()).startsWith("Expected coverage of the test region over N = 4 pairs")
                .contains("family-wise false-alarm rate 0.50")
                .contains("mean coverage minus level 0.50")
                .contains("coverage ABOVE nominal at 1 of 1 levels: under-confident");
    }

    @Test
    void noneCoveredGivesTheClosedFormUpperBoundAndABelowVerdict() {
        // masses all at or above the level (a mass equal to the level is not covered):
        // coverage 0, upper = 1 − 0.25^(1/4)
        CoverageResult c = Coverage.fromMass("r", new double[] {0.5, 0.7, 0.8, 0.9},
                new double[] {0.5}, 0.5);
        assertThat(c.coverage()).containsExactly(0.0);
        assertThat(c.lower()).containsExactly(0.0);
        assertThat(c.upper()[0]).isCloseTo(1 - Math.pow(0.25, 0.25), within(1e-9));
        assertThat(c.levelsBelow()).isEqualTo(1);
        assertThat(c.levelsAbove()).isZero();
        assertThat(c.meanDeviation()).isCloseTo(-0.5, within(1e-12));
        assertThat(c.verdict()).contains("coverage BELOW nominal at 1 of 1 levels: over-confident");
    }

    @Test
    void aCurveThatCrossesTheDiagonalNamesBothRanges() {
        // 40 masses all at 0.5, levels 0.1, 0.2, 0.8, 0.9, α = 0.9, so γ = 0.225 per level:
        // coverage 0 at 0.1 and 0.2 (upper 1 − 0.1125^(1/40) ≈ 0.053, below both levels) and 1 at
        // 0.8 and 0.9 (lower 0.1125^(1/40) ≈ 0.947, above both levels).
        double[] mass = new double[40];
        java.util.Arrays.fill(mass, 0.5);
        CoverageResult c = Coverage.fromMass("r", mass, new double[] {0.1, 0.2, 0.8, 0.9}, 0.9);
        double b = Math.pow(0.1125, 1.0 / 40);
        assertThat(c.upper()[0]).isCloseTo(1 - b, within(1e-9));
        assertThat(c.upper()[1]).isCloseTo(1 - b, within(1e-9));
        assertThat(c.lower()[2]).isCloseTo(b, within(1e-9));
        assertThat(c.lower()[3]).isCloseTo(b, within(1e-9));
        assertThat(c.levelsBelow()).isEqualTo(2);
        assertThat(c.levelsAbove()).isEqualTo(2);
        assertThat(c.verdict()).contains("coverage above nominal at levels 0.80-0.90 and below at "
                + "0.10-0.20: miscalibrated, crossing the diagonal");
        // one level on each side: a single value, not a range
        CoverageResult one = Coverage.fromMass("r", mass, new double[] {0.1, 0.9}, 0.9);
        assertThat(one.verdict()).contains("above nominal at levels 0.90 and below at 0.10:");
    }

    @Test
    void aCalibratedCurveSaysSo() {
        // masses 0.05, 0.15, …, 0.95: coverage at level 0.5 is exactly 5/10
        double[] mass = new double[10];
        for (int i = 0; i < 10; i++) {
            mass[i] = 0.1 * i + 0.05;
        }
        CoverageResult c = Coverage.fromMass("r", mass, new double[] {0.5}, 0.05);
        assertThat(c.coverage()).containsExactly(0.5);
        assertThat(c.lower()[0]).isLessThan(0.5);
        assertThat(c.upper()[0]).isGreaterThan(0.5);
        assertThat(c.calibrated()).isTrue();
        assertThat(c.verdict()).endsWith("consistent with calibration: the curve follows the diagonal.");
    }

    @Test
    void fromMassRejectsBadInput() {
        assertThatThrownBy(() -> Coverage.fromMass("r", new double[0], new double[] {0.5}, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no test pairs");
        assertThatThrownBy(() -> Coverage.fromMass("r", new double[] {0.1}, new double[] {1.0}, 0.1))
                .hasMessage("credibility level must lie in (0, 1), got 1.0");
        assertThatThrownBy(() -> Coverage.fromMass("r", new double[] {0.1}, new double[] {0.0}, 0.1))
                .hasMessage("credibility level must lie in (0, 1), got 0.0");
        assertThatThrownBy(() -> Coverage.fromMass("r", new double[] {0.1}, new double[] {0.5}, 0))
                .hasMessageContaining("alpha must lie in (0, 1), got 0.0");
        assertThatThrownBy(() -> Coverage.fromMass("r", new double[] {0.1}, new double[] {0.5}, 1))
                .hasMessageContaining("alpha must lie in (0, 1), got 1.0");
    }

    @Test
    void hpdMassIsTheShareOfSamplesWithHigherDensityPlusAHalf() {
        // L = 3, joint ranks 0..3: mass (L − r + ½)/(L + 1) = 0.875, 0.625, 0.375, 0.125
        SbcRanks r = new SbcRanks(3, new int[][] {{0}, {0}, {0}, {0}}, new int[] {0, 1, 2, 3}, null);
        CoverageResult c = Coverage.hpd(r, 0.1);
        assertThat(c.method()).isEqualTo("highest-density region");
        double[] cov = c.coverage();
        assertThat(cov[0]).isEqualTo(0.0);   // level 0.05
        assertThat(cov[1]).isEqualTo(0.0);   // level 0.10: 0.125 is not below it
        assertThat(cov[2]).isEqualTo(0.25);  // level 0.15 > 0.125
        assertThat(cov[7]).isEqualTo(0.5);   // level 0.40 > 0.375
        assertThat(cov[12]).isEqualTo(0.75); // level 0.65 > 0.625
        assertThat(cov[18]).isEqualTo(1.0);  // level 0.95 > 0.875
    }

    @Test
    void tarpNeedsItsValues() {
        SbcRanks r = new SbcRanks(3, new int[][] {{0}, {1}}, null, null);
        assertThatThrownBy(() -> Tarp.of(r, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("these ranks carry no TARP values");
        SbcRanks t = new SbcRanks(3, new int[][] {{0}, {1}}, null, new double[] {0.2, 0.7});
        CoverageResult c = Tarp.of(t, 0.1);
        assertThat(c.method()).isEqualTo("TARP random-point region");
        assertThat(c.coverage()[2]).isEqualTo(0.0); // level 0.15
        assertThat(c.coverage()[4]).isEqualTo(0.5); // level 0.25
        assertThat(c.coverage()[14]).isEqualTo(1.0); // level 0.75
    }

    @Test
    void coverageResultChecksLengthsAndCopiesItsArrays() {
        double[] lv = {0.5};
        double[] cov = {0.4};
        double[] lo = {0.3};
        double[] hi = {0.6};
        CoverageResult c = new CoverageResult("m", 3, lv, cov, lo, hi, 0.1, "v");
        lv[0] = 9;
        cov[0] = 9;
        lo[0] = 9;
        hi[0] = 9;
        assertThat(c.levels()).containsExactly(0.5);
        assertThat(c.coverage()).containsExactly(0.4);
        assertThat(c.lower()).containsExactly(0.3);
        assertThat(c.upper()).containsExactly(0.6);
        c.levels()[0] = 7;
        c.coverage()[0] = 7;
        c.lower()[0] = 7;
        c.upper()[0] = 7;
        assertThat(c.levels()).containsExactly(0.5);
        assertThat(c.coverage()).containsExactly(0.4);
        assertThat(c.lower()).containsExactly(0.3);
        assertThat(c.upper()).containsExactly(0.6);
        assertThat(c.calibrated()).isTrue();
        // a level exactly on the band's edge is inside it
        CoverageResult edge = new CoverageResult("m", 3, new double[] {0.3, 0.6},
                new double[] {0.4, 0.4}, new double[] {0.3, 0.3}, new double[] {0.6, 0.6}, 0.1, "");
        assertThat(edge.levelsAbove()).isZero();
        assertThat(edge.levelsBelow()).isZero();
        assertThatThrownBy(() -> new CoverageResult("m", 3, new double[2], new double[2],
                new double[2], new double[1], 0.1, ""))
                .hasMessage("levels, coverage and band lengths differ: 2, 2, 2, 1");
        assertThatThrownBy(() -> new CoverageResult("m", 3, new double[2], new double[1],
                new double[2], new double[2], 0.1, "")).hasMessageContaining("2, 1, 2, 2");
        assertThatThrownBy(() -> new CoverageResult("m", 3, new double[2], new double[2],
                new double[1], new double[2], 0.1, "")).hasMessageContaining("2, 2, 1, 2");
    }

    @Test
    void histogramPutsRankRInBinFloorOfRTimesBOverLPlusOne() {
        // L = 5, B = 3: ranks 0..5 go to bins 0, 0, 1, 1, 2, 2
        assertThat(SbcRanks.histogram(new int[] {0, 1, 2, 3, 4, 5}, 5, 3)).containsExactly(2, 2, 2);
        assertThat(SbcRanks.histogram(new int[] {5, 5, 0}, 5, 6)).containsExactly(1, 0, 0, 0, 0, 2);
        assertThat(SbcRanks.histogram(new int[] {5, 0}, 5, 1)).containsExactly(2);
        assertThatThrownBy(() -> SbcRanks.histogram(new int[] {0}, 5, 0))
                .hasMessage("bins must lie in [1, L+1 = 6], got 0");
        assertThatThrownBy(() -> SbcRanks.histogram(new int[] {0}, 5, 7))
                .hasMessage("bins must lie in [1, L+1 = 6], got 7");
    }

    @Test
    void sbcRanksValidatesAndCopies() {
        int[][] ranks = {{0, 4}, {3, 1}};
        int[] joint = {2, 4};
        double[] tarp = {0.1, 0.9};
        SbcRanks r = new SbcRanks(4, ranks, joint, tarp);
        ranks[0][0] = 1;
        joint[0] = 1;
        tarp[0] = 0.5;
        assertThat(r.pairs()).isEqualTo(2);
        assertThat(r.dim()).isEqualTo(2);
        assertThat(r.ranksOf(0)).containsExactly(0, 3);
        assertThat(r.ranksOf(1)).containsExactly(4, 1);
        assertThat(r.jointRanks()).containsExactly(2, 4);
        assertThat(r.tarpValues()).containsExactly(0.1, 0.9);
        r.ranks()[0][0] = 3;
        r.jointRanks()[0] = 3;
        r.tarpValues()[0] = 3;
        assertThat(r.ranks()[0]).containsExactly(0, 4);
        assertThat(r.jointRanks()).containsExactly(2, 4);
        assertThat(r.tarpValues()).containsExactly(0.1, 0.9);
        assertThat(r.hasJoint()).isTrue();
        assertThat(r.toString()).isEqualTo("SbcRanks[N=2, D=2, L=4, joint]");
        SbcRanks plain = new SbcRanks(4, new int[][] {{0, 4}, {3, 1}}, null, null);
        assertThat(plain.hasJoint()).isFalse();
        assertThat(plain.jointRanks()).isNull();
        assertThat(plain.tarpValues()).isNull();
        assertThat(plain.toString()).isEqualTo("SbcRanks[N=2, D=2, L=4]");
        SbcRanks same = new SbcRanks(4, new int[][] {{0, 4}, {3, 1}}, new int[] {2, 4},
                new double[] {0.1, 0.9});
        assertThat(r).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(plain);
        assertThat(r).isNotEqualTo(new SbcRanks(5, new int[][] {{0, 4}, {3, 1}}, new int[] {2, 4},
                new double[] {0.1, 0.9}));
        assertThat(r).isNotEqualTo(new SbcRanks(4, new int[][] {{0, 4}, {3, 1}}, new int[] {2, 4},
                new double[] {0.1, 0.8}));
        assertThat(r).isNotEqualTo(new SbcRanks(4, new int[][] {{0, 4}, {3, 2}}, new int[] {2, 4},
                new double[] {0.1, 0.9}));
        assertThat(r).isNotEqualTo("not ranks");
        assertThat(r.hashCode()).isNotEqualTo(plain.hashCode());

        assertThatThrownBy(() -> r.ranksOf(2)).hasMessage("parameter index 2 outside [0, 2)");
        assertThatThrownBy(() -> r.ranksOf(-1)).hasMessage("parameter index -1 outside [0, 2)");
        assertThatThrownBy(() -> new SbcRanks(0, new int[][] {{0}}, null, null))
                .hasMessage("samplesPerPair must be >= 1, got 0");
        assertThatThrownBy(() -> new SbcRanks(4, new int[0][], null, null))
                .hasMessage("no test pairs");
        assertThatThrownBy(() -> new SbcRanks(4, new int[][] {{0, 1}, {1}}, null, null))
                .hasMessage("pair 1 has 1 ranks, pair 0 has 2");
        assertThatThrownBy(() -> new SbcRanks(4, new int[][] {{-1}}, null, null))
                .hasMessage("rank -1 outside [0, 4]");
        assertThatThrownBy(() -> new SbcRanks(4, new int[][] {{0}}, new int[] {5}, null))
                .hasMessage("rank 5 outside [0, 4]");
        assertThatThrownBy(() -> new SbcRanks(4, new int[][] {{0}}, new int[] {1, 2}, null))
                .hasMessage("jointRanks has 2 entries for 1 test pairs");
        assertThatThrownBy(() -> new SbcRanks(4, new int[][] {{0}}, null, new double[2]))
                .hasMessage("tarpValues has 2 entries for 1 test pairs");
        // ranks at the limits 0 and L are valid
        assertThat(new SbcRanks(4, new int[][] {{0}, {4}}, new int[] {0, 4}, null).pairs()).isEqualTo(2);
    }
}
