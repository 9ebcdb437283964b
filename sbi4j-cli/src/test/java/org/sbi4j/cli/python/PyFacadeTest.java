package org.sbi4j.cli.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationResult;

/** The Java side of the Python front end, without Python: shapes, errors, determinism. */
class PyFacadeTest {

    /** x = θ + noise seeded by the batch seed, as the Python side does it with numpy. */
    private static final PySimulator.BatchFunction NOISY = (theta, rows, first, seed) -> {
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[] x = new float[theta.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = theta[i] + (float) rng.nextDouble();
        }
        return x;
    };

    @Test
    void aBatchSimulatorGivesTheSamePairsForOneAndTwoWorkers() {
        Prior prior = PyPriors.boxUniform(new double[] {-1, -1}, new double[] {1, 1}, null);
        PySimulator sim = PySimulator.of(NOISY, 2, new int[] {2});
        SimulationResult one = PySimulator.run(prior, sim, 1000, new PySimulator.Run(5, 1, 64));
        SimulationResult two = PySimulator.run(prior, sim, 1000, new PySimulator.Run(5, 2, 64));
        assertThat(PyArrays.flat(two.theta())).containsExactly(PyArrays.flat(one.theta()));
        assertThat(PyArrays.flat(two.x())).containsExactly(PyArrays.flat(one.x()));
        SimulationResult other = PySimulator.run(prior, sim, 1000, new PySimulator.Run(6, 2, 64));
        assertThat(PyArrays.flat(other.x())).isNotEqualTo(PyArrays.flat(one.x()));
    }

    @Test
    void aBatchOfTheWrongLengthFailsEveryRowOfIt() {
        Prior prior = PyPriors.boxUniform(new double[] {0}, new double[] {1}, null);
        PySimulator sim = PySimulator.of((theta, rows, first, seed) -> new float[rows + 1], 1,
                new int[] {1});
        SimulationResult r = PySimulator.run(prior, sim, 10, new PySimulator.Run(1, 1, 5));
        assertThat(r.size()).isZero();
        assertThat(r.summary()).contains("the simulator returned 6 values for 5 rows");
    }

    @Test
    void flatArraysOfTheWrongLengthAndBadObservationsAreRefusedByName() {
        assertThatThrownBy(() -> PyArrays.matrix(new float[5], 2, 3, "theta"))
                .hasMessage("theta has 5 values, not 2 rows × 3 columns");
        assertThatThrownBy(() -> PyArrays.finiteObservation(new float[] {1, Float.NaN}, 2))
                .hasMessageContaining("NaN at position 1");
        assertThatThrownBy(() -> PyArrays.finiteObservation(new float[] {1}, 2))
                .hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> new PySimulator.Run(1, 0, 10)).hasMessageContaining("workers");
        assertThatThrownBy(() -> PyPriors.univariates("cauchy", new double[] {1},
                new double[] {1}, null)).hasMessageContaining("unknown prior family 'cauchy'");
    }

    @Test
    void priorDrawsRepeatWithTheSeedAndLogProbIsPerRow() {
        Prior prior = PyPriors.normal(new double[] {0, 0}, new double[] {1, 2}, new String[] {"a", "b"});
        assertThat(PyPriors.sample(prior, 50, 3)).containsExactly(PyPriors.sample(prior, 50, 3));
        double[] lp = PyPriors.logProb(prior, new float[] {0, 0, 1, 0}, 2);
        assertThat(lp[0] - lp[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }
}
