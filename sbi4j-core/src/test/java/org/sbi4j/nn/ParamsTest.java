package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class ParamsTest {

    @Test
    void flatRoundTripAndNorm() {
        Param a = Param.of("a", 2, 2);
        Param b = Param.of("b", 1, 3);
        List<Param> ps = List.of(a, b);
        float[] flat = {1, 2, 3, 4, 5, 6, 7};
        Params.setValues(ps, flat);
        assertThat(a.value().get(1, 0)).isEqualTo(3f);
        assertThat(b.value().get(0, 2)).isEqualTo(7f);
        assertThat(Params.values(ps)).containsExactly(flat);
        a.grad().copyFrom(Matrix.fromRows(new float[][] {{3, 0}, {0, 0}}));
        b.grad().copyFrom(Matrix.fromRows(new float[][] {{0, 4, 0}}));
        assertThat(Params.gradNorm(ps)).isEqualTo(5.0);
        Params.zeroGrad(ps);
        assertThat(Params.gradNorm(ps)).isZero();
        assertThatThrownBy(() -> Params.setValues(ps, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6")
                .hasMessageContaining("7");
    }
}
