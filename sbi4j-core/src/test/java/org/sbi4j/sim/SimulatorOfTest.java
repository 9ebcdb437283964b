package org.sbi4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** {@link Simulator#of}: a function of one θ row as a simulator. */
class SimulatorOfTest {

    /** x_k = θ_0 + θ_1·k + u_k, u_k = rng.nextDouble() − 0.5, written directly. */
    private static final SimulatorFunction LINE = (theta, rng) -> {
        float[] x = new float[3];
        for (int k = 0; k < 3; k++) {
            x[k] = (float) (theta[0] + theta[1] * k + rng.nextDouble() - 0.5);
        }
        return x;
    };

    @Test
    void runsTheFunctionOnEachRowWithTheSimulationsOwnStream() {
        SimulationResult r = Simulations.builder(TestModels.box(2), Simulator.of(2, 3, LINE))
                .seed(5L).threads(2).run(50);
        assertThat(r.size()).isEqualTo(50);
        assertThat(r.xShape()).containsExactly(3);
        for (int i = 0; i < 50; i++) {
            // redo simulation i by hand: the prior then the function draw from stream i
            var rng = SimulationStreams.streamFor(5L, i);
            float[] theta = new float[2];
            TestModels.box(2).sample(rng, theta, 0);
            assertThat(r.theta().row(i)).containsExactly(theta);
            assertThat(r.x().row(i)).containsExactly(LINE.simulate(theta, rng));
        }
    }

    @Test
    void theFunctionGetsACopyOfThetaAndTheShapeIsKept() {
        Simulator s = Simulator.of(1, new int[] {2, 3}, (theta, rng) -> {
            float[] x = new float[6];
            java.util.Arrays.fill(x, theta[0]);
            theta[0] = 99f; // must not reach the caller's θ
            return x;
        });
        assertThat(s.xDim()).isEqualTo(6);
        assertThat(s.xShape()).containsExactly(2, 3);
        float[] theta = {0f, 0.25f};
        float[] x = new float[8];
        s.simulate(theta, 1, SimulationStreams.streamFor(1L, 0), x, 2);
        assertThat(theta).containsExactly(0f, 0.25f);
        assertThat(x).containsExactly(0f, 0f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f);
    }

    @Test
    void aResultOfTheWrongLengthFailsThatSimulationWithTheLengths() {
        Simulator s = Simulator.of(1, 2, (theta, rng) -> theta[0] > 0 ? new float[3]
                : theta[0] > -0.5 ? null : new float[2]);
        SimulationResult r = Simulations.builder(TestModels.box(1), s).seed(2L).threads(1)
                .run(40);
        assertThat(r.invalid()).isPositive().isLessThan(40);
        assertThat(r.failureExamples()).anyMatch(m -> m.contains("returned 3 values")
                && m.contains("expected x of 2 values"));
        assertThat(r.failureExamples()).anyMatch(m -> m.contains("returned null"));
        Matrix kept = r.theta();
        for (int i = 0; i < kept.rows(); i++) {
            assertThat(kept.get(i, 0)).isLessThanOrEqualTo(-0.5f);
        }
    }

    @Test
    void badDimensionsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> Simulator.of(0, 2, LINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Simulator.of(1, 0, LINE)).hasMessageContaining("[0]");
        assertThatThrownBy(() -> Simulator.of(1, new int[] {2, -1}, LINE))
                .hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> Simulator.of(1, new int[0], LINE))
                .hasMessageContaining("at least one entry");
        assertThatThrownBy(() -> Simulator.of(1, 2, null)).hasMessageContaining("function");
    }
}
