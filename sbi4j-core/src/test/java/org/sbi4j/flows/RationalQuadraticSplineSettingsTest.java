package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Issue 25, mutants of RationalQuadraticSpline that survived the contract tests: the limits of
 * its settings, the knots of uniform and uneven bins, and the two ends of softplus.
 */
class RationalQuadraticSplineSettingsTest {

    private static RationalQuadraticSpline spline(int bins, float bound, float minWidth,
                                                  float minHeight, float minDerivative) {
        return new RationalQuadraticSpline(bins, bound, minWidth, minHeight, minDerivative, 1f);
    }

    @Test
    void settingsAreCheckedAtTheirLimits() {
        assertThat(spline(1, 1e-3f, 0.5f, 0.5f, 0.5f).bins()).isEqualTo(1);
        assertThatThrownBy(() -> spline(0, 3f, 1e-3f, 1e-3f, 1e-3f))
                .hasMessageContaining("at least one bin: 0");
        assertThatThrownBy(() -> spline(4, 0f, 1e-3f, 1e-3f, 1e-3f))
                .hasMessageContaining("tail bound must be positive and finite: 0.0");
        // K·m = 1 exactly leaves no room for the learned part
        assertThatThrownBy(() -> spline(4, 3f, 0.25f, 1e-3f, 1e-3f))
                .hasMessageContaining("minimum bin width 0.25");
        assertThatThrownBy(() -> spline(4, 3f, 1e-3f, 0.25f, 1e-3f))
                .hasMessageContaining("minimum bin height 0.25");
        assertThat(spline(4, 3f, 0.24f, 0.24f, 0.999f).minWidth()).isEqualTo(0.24f);
        assertThatThrownBy(() -> spline(4, 3f, 1e-3f, 1e-3f, 0f))
                .hasMessageContaining("minimum derivative must be in (0, 1): 0.0");
        assertThatThrownBy(() -> spline(4, 3f, 1e-3f, 1e-3f, 1f))
                .hasMessageContaining("minimum derivative must be in (0, 1): 1.0");
    }

    @Test
    void equalLogitsGiveEquallySpacedKnots() {
        RationalQuadraticSpline s = RationalQuadraticSpline.of(5, 3f);
        double[] x = s.xKnots(new float[64], 0);
        assertThat(x).hasSize(6);
        for (int j = 0; j <= 5; j++) {
            assertThat(x[j]).as("knot %d", j).isCloseTo(-3 + 6.0 * j / 5, within(1e-6));
        }
    }

    @Test
    void unevenLogitsGiveKnotsOfTheMinimumPlusTheirShare() {
        RationalQuadraticSpline s = RationalQuadraticSpline.of(2, 3f);
        float[] p = new float[64];
        p[1] = (float) Math.log(3); // width softmax (1, 3) / 4
        double[] x = s.xKnots(p, 0);
        double m = RationalQuadraticSpline.DEFAULT_MIN;
        // x_1 = −B + 2B·(m + (1 − 2m)·π_0)
        assertThat(x[1]).isCloseTo(-3 + 6 * (m + (1 - 2 * m) * 0.25), within(1e-6));
        assertThat(x[0]).isEqualTo(-3.0);
        assertThat(x[2]).isEqualTo(3.0);
    }

    @Test
    void softplusSwitchesToItsAsymptotesOnlyBeyondTwenty() {
        assertThat(RationalQuadraticSpline.softplus(20)).isEqualTo(Math.log(1 + Math.exp(20)));
        assertThat(RationalQuadraticSpline.softplus(20.5)).isEqualTo(20.5);
        assertThat(RationalQuadraticSpline.softplus(-20)).isEqualTo(Math.log(1 + Math.exp(-20)));
        assertThat(RationalQuadraticSpline.softplus(-20.5)).isEqualTo(Math.exp(-20.5));
        assertThat(RationalQuadraticSpline.softplus(0)).isCloseTo(Math.log(2), within(1e-15));
    }
}
