package org.sbi4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(5e-4);
        assertThat(s.at(0)).isEqualTo(5e-4);
        assertThat(s.at(1_000_000)).isEqualTo(5e-4);
    }

    @Test
    void cosineWithWarmupHitsItsKnots() {
        // peak 1e-3, floor 1e-5, 10 warm-up steps, 110 in total (cosine over 100 steps)
        LearningRateSchedule s = LearningRateSchedule.cosine(1e-3, 1e-5, 10, 110);
        assertThat(s.at(0)).isCloseTo(1e-4, offset(1e-15));
        assertThat(s.at(4)).isCloseTo(5e-4, offset(1e-15));
        assertThat(s.at(9)).isCloseTo(1e-3, offset(1e-15));
        assertThat(s.at(10)).isCloseTo(1e-3, offset(1e-15));
        // half-way through the cosine: the midpoint of peak and floor
        assertThat(s.at(60)).isCloseTo((1e-3 + 1e-5) / 2, offset(1e-15));
        // a quarter: floor + (peak - floor)(1 + cos(pi/4))/2
        assertThat(s.at(35)).isCloseTo(1e-5 + (1e-3 - 1e-5) * (1 + Math.sqrt(0.5)) / 2,
                offset(1e-15));
        assertThat(s.at(110)).isEqualTo(1e-5);
        assertThat(s.at(500)).isEqualTo(1e-5);
        for (long t = 10; t < 110; t++) {
            assertThat(s.at(t + 1)).isLessThanOrEqualTo(s.at(t));
        }
    }

    @Test
    void cosineWithoutWarmupStartsAtThePeak() {
        LearningRateSchedule s = LearningRateSchedule.cosine(2e-3, 0, 0, 4);
        assertThat(s.at(0)).isEqualTo(2e-3);
        assertThat(s.at(2)).isCloseTo(1e-3, offset(1e-15));
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> LearningRateSchedule.cosine(1e-3, 0, 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(1e-3, 2e-3, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.002");
        assertThatThrownBy(() -> LearningRateSchedule.constant(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
