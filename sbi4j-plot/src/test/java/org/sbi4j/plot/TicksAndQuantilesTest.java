package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TicksAndQuantilesTest {

    @Test
    void labelsPrintTheTickWithoutFloatingPointNoise() {
        assertThat(Ticks.label(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Ticks.label(-0.0)).isEqualTo("0");
        assertThat(Ticks.label(1500.0)).isEqualTo("1500");
        assertThat(Ticks.label(-2.5e-4)).isEqualTo("-0.00025");
        assertThat(Ticks.label(Double.NaN)).isEmpty();
        assertThat(Ticks.integerLabel(40.0)).isEqualTo("40");
        assertThat(Ticks.integerLabel(2.5)).isEmpty();
        assertThat(Ticks.integerLabel(3 * 0.1 * 10)).isEqualTo("3");
    }

    @Test
    void significantDigitsOfLabels() {
        assertThat(ChartReadabilityTest.significantDigits("0.05")).isEqualTo(1);
        assertThat(ChartReadabilityTest.significantDigits("1500")).isEqualTo(2);
        assertThat(ChartReadabilityTest.significantDigits("-1.25")).isEqualTo(3);
        assertThat(ChartReadabilityTest.significantDigits("12.35")).isEqualTo(4);
        assertThat(ChartReadabilityTest.significantDigits("0")).isEqualTo(1);
    }

    @Test
    void type7QuantilesAndTheWideningForTheTruth() {
        double[] s = {1, 2, 3, 4};
        // h = p·(n − 1): p = 0.5 → h = 1.5 → 2.5; p = 0.1 → h = 0.3 → 1.3
        assertThat(Quantiles.ofSorted(s, 0.5)).isEqualTo(2.5);
        assertThat(Quantiles.ofSorted(s, 0.1)).isCloseTo(1.3, within(1e-12));
        assertThat(Quantiles.ofSorted(s, 1.0)).isEqualTo(4);
        double[] v = new double[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        assertThat(Quantiles.range(v, Double.NaN)).containsExactly(5.0, 995.0);
        // a truth above the range: widened to it plus 5 % of the span
        assertThat(Quantiles.range(v, 1200)[1]).isCloseTo(1200 + 0.05 * 990, within(1e-9));
        assertThat(Quantiles.range(new double[] {2, 2, 2}, Double.NaN))
                .containsExactly(1.5, 2.5);
        assertThatThrownBy(() -> Quantiles.range(new double[] {Double.NaN}, 0))
                .hasMessageContaining("no finite values");
        assertThatThrownBy(() -> Quantiles.ofSorted(s, 1.5)).hasMessageContaining("p = 1.5");
    }
}
