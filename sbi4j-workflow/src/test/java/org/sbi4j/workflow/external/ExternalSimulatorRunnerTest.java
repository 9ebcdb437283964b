package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.tensor.Matrix;

/** The external simulator under the core runner {@link Simulations}. */
class ExternalSimulatorRunnerTest {

    static final Prior PRIOR = Priors.uniform(List.of("a", "b"), -1, 1);

    static SimulationResult run(ExternalSimulatorConfig config, int threads, int n) {
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            return Simulations.builder(PRIOR, sim).seed(7).threads(threads).chunkSize(16)
                    .run(n);
        }
    }

    @Test
    void runnerResultsDoNotDependOnThreadsWorkersOrBatchSize() {
        ExternalSimulatorConfig base = ExternalSimulatorConfig.of(
                ExternalSimulatorTest.python("gaussian.py"), 2, 2);
        SimulationResult one = run(base, 1, 60);
        SimulationResult many = run(base.withWorkers(2).withBatchSize(5), 3, 60);
        assertThat(one.invalid()).isZero();
        assertThat(many.x().data()).containsExactly(one.x().data());
        assertThat(many.theta().data()).containsExactly(one.theta().data());
    }

    @Test
    void runnerSeedsAreTheSeedsOfTheExplicitBatchApi() {
        ExternalSimulatorConfig config = ExternalSimulatorConfig.of(
                ExternalSimulatorTest.python("gaussian.py"), 2, 2);
        SimulationResult r = run(config, 2, 20);
        long[] seeds = new long[20];
        for (int i = 0; i < 20; i++) {
            seeds[i] = SimulationStreams.seedFor(7, r.index()[i]);
        }
        Matrix x = Matrix.of(20, 2);
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            sim.simulateBatch(r.index(), seeds, r.theta(), x);
        }
        assertThat(x.data()).containsExactly(r.x().data());
    }

    @Test
    void aFailedBatchFailsOnlyItsRowsUnderTheRunner() {
        // every process answers one batch, then exits: with one worker and batches of 4 rows,
        // batches alternate between answered and failed (a fresh process follows each failure)
        String script = """
                import json, sys
                line = sys.stdin.readline()
                print(json.dumps({"x": json.loads(line)["theta"]}), flush=True)
                """;
        ExternalSimulatorConfig config = ExternalSimulatorConfig.of(
                List.of(ExternalSimulatorTest.PYTHON, "-c", script), 2, 2).withBatchSize(4);
        SimulationResult r;
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            r = Simulations.builder(PRIOR, sim).seed(3).threads(1).chunkSize(16).run(16);
        }
        assertThat(r.invalid()).isEqualTo(8);
        assertThat(r.index()).containsExactly(0, 1, 2, 3, 8, 9, 10, 11);
        assertThat(r.x().data()).containsExactly(r.theta().data());
        assertThat(r.failureExamples().getFirst())
                .startsWith("simulation 4: external simulator '" + ExternalSimulatorTest.PYTHON + " -c")
                .contains("the batch starting at simulation index 4") // the runner sends indices
                .contains("stopped early");
    }

    @Test
    void aProgramThatAlwaysFailsIsNotRestartedForEveryBatch(@TempDir Path dir)
            throws Exception {
        Path starts = dir.resolve("starts");
        ExternalSimulatorConfig config = ExternalSimulatorConfig.of(List.of("/bin/sh", "-c",
                "echo start >> '" + starts + "'; exit 2"), 2, 2).withBatchSize(2);
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            SimulationResult r = Simulations.builder(PRIOR, sim).seed(7).threads(1)
                    .chunkSize(16).run(40);
            assertThat(r.invalid()).isEqualTo(40);
            assertThat(Files.readAllLines(starts))
                    .hasSize(WorkerPool.MAX_CONSECUTIVE_FAILURES);
            Matrix x = Matrix.of(1, 2);
            assertThatThrownBy(() -> sim.simulateBatch(new long[] {99}, new long[] {1},
                    Matrix.of(1, 2), x)).isInstanceOf(ExternalSimulatorException.class)
                    .hasMessageContaining("simulation index 99")
                    .hasMessageContaining("gave up after 3 failed batches in a row")
                    .hasMessageContaining("exited with code 2");
        }
    }
}
