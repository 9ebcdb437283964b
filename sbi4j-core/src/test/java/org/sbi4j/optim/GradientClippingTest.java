package org.sbi4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;

class GradientClippingTest {

    private static List<Param> params(float... grads) {
        Param a = Param.of("a", 1, 2);
        Param b = Param.of("b", 1, grads.length - 2);
        for (int i = 0; i < grads.length; i++) {
            (i < 2 ? a : b).grad().data()[i < 2 ? i : i - 2] = grads[i];
        }
        return List.of(a, b);
    }

    @Test
    void largeGradientIsScaledToTheMaximumNormKeepingDirection() {
        List<Param> ps = params(3, 0, 0, 4); // global norm 5 across two parameters
        assertThat(GradientClipping.clipGlobalNorm(ps, 1.0)).isEqualTo(5.0);
        assertThat(Params.gradNorm(ps)).isCloseTo(1.0, offset(1e-5));
        assertThat(ps.get(0).grad().get(0, 0)).isCloseTo(0.6f, offset(1e-6f));
        assertThat(ps.get(1).grad().get(0, 1)).isCloseTo(0.8f, offset(1e-6f));
    }

    @Test
    void smallGradientIsUntouched() {
        List<Param> ps = params(0.3f, 0, 0, 0.4f);
        assertThat(GradientClipping.clipGlobalNorm(ps, 1.0)).isCloseTo(0.5, offset(1e-7));
        assertThat(ps.get(0).grad().get(0, 0)).isEqualTo(0.3f);
        assertThat(ps.get(1).grad().get(0, 1)).isEqualTo(0.4f);
    }

    @Test
    void nonFiniteNormIsReportedNotSpread() {
        List<Param> ps = params(Float.NaN, 1, 0, 0);
        assertThat(GradientClipping.clipGlobalNorm(ps, 1.0)).isNaN();
        assertThat(ps.get(0).grad().get(0, 1)).isEqualTo(1f);
        assertThatThrownBy(() -> GradientClipping.clipGlobalNorm(ps, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
    }
}
