package org.sbi4j.tasks.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;

/**
 * The stored observations are what {@link RealismObservations} regenerates, with the declared
 * shapes. With -Drealism.write=DIR the files are (re)written into DIR first (the command that
 * produced the resources; see RealismObservations).
 */
class RealismObservationsTest {

    @Test
    void storedObservationsAreRegeneratedBitForBit() {
        String target = System.getProperty("realism.write");
        if (target != null && !target.isBlank()) {
            RealismObservations.write(Path.of(target));
        }
        for (RealismTask.Definition def : RealismTasks.definitions()) {
            Task t = Tasks.byName(def.name());
            assertThat(t.numObservations()).isEqualTo(3);
            int[] shape = t.simulator().xShape();
            int product = 1;
            for (int s : shape) {
                product *= s;
            }
            assertThat(product).as("%s x shape", def.name()).isEqualTo(t.xDim());
            for (int k = 1; k <= 3; k++) {
                float[] x = t.observation(k);
                assertThat(x).as("%s obs %d", def.name(), k).hasSize(t.xDim())
                        .containsExactly(RealismObservations.simulate(def, k));
                float[] theta = t.trueParameters(k);
                assertThat(theta).containsExactly(def.trueParameters(k));
                assertThat(t.prior().logProb(theta, 0)).as("%s log prior of theta_%d", def.name(), k).isFinite();
                for (float v : x) {
                    assertThat(Float.isInfinite(v)).isFalse();
                    assertThat(Float.isNaN(v)).isEqualTo(Float.isNaN(v) && t.simulator().nanPadding());
                }
            }
        }
    }

    @Test
    void declaredShapes() {
        assertThat(Tasks.byName("realism_counts").simulator().xShape()).containsExactly(25);
        assertThat(Tasks.byName("realism_oscillation").simulator().xShape()).containsExactly(1, 100);
        assertThat(Tasks.byName("realism_image").simulator().xShape()).containsExactly(1, 48, 48);
        assertThat(Tasks.byName("realism_trials").simulator().xShape()).containsExactly(40, 2);
        assertThat(Tasks.byName("realism_trials").simulator().nanPadding()).isTrue();
        assertThat(Tasks.byName("realism_nuisance").simulator().xShape()).containsExactly(64);
        assertThat(Tasks.byName("realism_binomial").simulator().xShape()).containsExactly(8);
        assertThat(Tasks.byName("realism_nuisance").prior().interestNames()).containsExactly("centre", "width");
        assertThat(Tasks.byName("realism_oscillation").prior().interestNames())
                .containsExactly("frequency", "damping");
    }

    @Test
    void badObservationIndicesAndNamesAreRejected() {
        Task t = Tasks.byName("realism_counts");
        assertThatThrownBy(() -> t.observation(4)).hasMessageContaining("observation 4 does not exist");
        assertThatThrownBy(() -> RealismTasks.byName("realism_foo")).hasMessageContaining("realism_counts");
        assertThatThrownBy(() -> RealismObservations.simulate(RealismTasks.definitions().get(0), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
