package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.workflow.external.ExternalSimulatorTest.Request;
import org.sbi4j.tensor.Matrix;

/** Broken programs: each must give an ExternalSimulatorException that says what went wrong. */
class ExternalSimulatorFailureTest {

    static ExternalSimulatorException failure(ExternalSimulatorConfig config, Request r,
                                              Matrix x) {
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                    () -> sim.simulateBatch(r.indices(), r.seeds(), r.theta(), x));
            assertThat(t).isInstanceOf(ExternalSimulatorException.class);
            return (ExternalSimulatorException) t;
        }
    }

    static ExternalSimulatorConfig sh(String script, int xDim) {
        return ExternalSimulatorConfig.of(List.of("/bin/sh", "-c", script), 1, xDim);
    }

    static ExternalSimulatorConfig py(String script, int xDim) {
        return ExternalSimulatorConfig.of(List.of(ExternalSimulatorTest.PYTHON, "-c", script), 1, xDim);
    }

    @Test
    void crashNamesCommandBatchExitCodeAndStderr() {
        ExternalSimulatorException e = failure(
                sh("read line; echo 'boom: no licence' >&2; exit 3", 1), Request.of(5, 1),
                Matrix.of(5, 1));
        assertThat(e.getMessage()).contains("/bin/sh -c read line", "simulation index 0",
                "exited with code 3", "boom: no licence");
        assertThat(e.completedRows()).isZero();
    }

    @Test
    void hangIsKilledAfterTheTimeout() {
        ExternalSimulatorConfig config = sh("read line; sleep 30; echo '{\"x\": [[1]]}'", 1)
                .withTimeout(Duration.ofSeconds(1));
        ExternalSimulatorException e = failure(config, Request.of(1, 1), Matrix.of(1, 1));
        assertThat(e.getMessage()).contains("time-out of 1.0 s", "killed");
        assertThat(e.offendingLine()).isNull();
    }

    @Test
    void aProgramThatDoesNotReadItsInputStillTimesOut() {
        // 4000 rows of 20 values (~0.5 MB) overflow the pipe buffer: the write would block
        ExternalSimulatorConfig config = ExternalSimulatorConfig.of(
                List.of("/bin/sh", "-c", "sleep 30"), 20, 1)
                .withBatchSize(4000).withTimeout(Duration.ofSeconds(1));
        ExternalSimulatorException e = failure(config, Request.of(4000, 20),
                Matrix.of(4000, 1));
        assertThat(e.getMessage()).contains("time-out of 1.0 s");
    }

    @Test
    void garbageOutputIsQuoted() {
        ExternalSimulatorException e = failure(
                sh("while read l; do echo 'progress: 50%'; done", 1), Request.of(3, 1),
                Matrix.of(3, 1));
        assertThat(e.getMessage()).contains("malformed JSON", "'progress: 50%'", "stderr");
        assertThat(e.offendingLine()).isEqualTo("progress: 50%");
    }

    @Test
    void longOffendingLinesAreTruncated() {
        ExternalSimulatorException e = failure(
                py("import sys\nfor l in sys.stdin: print('y' * 5000, flush=True)", 1),
                Request.of(1, 1), Matrix.of(1, 1));
        assertThat(e.getMessage()).contains("(5000 characters)").hasSizeLessThan(800);
    }

    @Test
    void wrongRowCount() {
        String script = """
                import json, sys
                for line in sys.stdin:
                    n = len(json.loads(line)["theta"])
                    print(json.dumps({"x": [[0.0]] * (n - 1)}), flush=True)
                """;
        ExternalSimulatorException e = failure(py(script, 1), Request.of(4, 1), Matrix.of(4, 1));
        assertThat(e.getMessage()).contains("expected 4 rows", "got 3");
    }

    @Test
    void twoAnswersForOneBatchAreCaughtAtTheNextBatch() throws InterruptedException {
        String script = """
                import json, sys
                for line in sys.stdin:
                    answer = json.dumps({"x": json.loads(line)["theta"]})
                    print(answer + "\\n" + answer, flush=True)
                """;
        try (ExternalSimulator sim = ExternalSimulator.of(py(script, 1))) {
            Matrix x = Matrix.of(1, 1);
            sim.simulateBatch(new long[] {0}, new long[] {0}, Matrix.of(1, 1), x);
            // give the reader thread time to queue the duplicate line (it is already written)
            Thread.sleep(1000);
            assertThatThrownBy(() -> sim.simulateBatch(new long[] {1}, new long[] {1},
                    Matrix.of(1, 1), x))
                    .hasMessageContaining("simulation index 1")
                    .hasMessageContaining("more than one line for its previous batch");
        }
    }

    @Test
    void wrongRowLength() {
        String script = """
                import json, sys
                for line in sys.stdin:
                    n = len(json.loads(line)["theta"])
                    print(json.dumps({"x": [[0.0, 1.0]] * n}), flush=True)
                """;
        ExternalSimulatorException e = failure(py(script, 3), Request.of(2, 1), Matrix.of(2, 3));
        assertThat(e.getMessage()).contains("row 0", "2 values", "x_dim = 3");
    }

    @Test
    void missingProgramIsReported() {
        ExternalSimulatorException e = failure(ExternalSimulatorConfig.of(
                List.of("/no/such/simulator-program"), 1, 1), Request.of(1, 1), Matrix.of(1, 1));
        assertThat(e.getMessage()).contains("cannot start", "/no/such/simulator-program");
    }

    @Test
    void rowsBeforeTheFailingBatchAreKept() {
        // answers its first batch (x = theta), then exits: batches 2 and 3 are not simulated
        String script = """
                import json, sys
                line = sys.stdin.readline()
                print(json.dumps({"x": json.loads(line)["theta"]}), flush=True)
                sys.exit(1)
                """;
        Request r = Request.of(30, 1);
        Matrix x = Matrix.of(30, 1);
        ExternalSimulatorException e = failure(py(script, 1).withBatchSize(10), r, x);
        assertThat(e.firstIndex()).isEqualTo(10);
        assertThat(e.completedRows()).isEqualTo(10);
        assertThat(e.completed().cardinality()).isEqualTo(10);
        assertThat(java.util.Arrays.copyOf(x.data(), 10))
                .containsExactly(java.util.Arrays.copyOf(r.theta().data(), 10));
    }

    @Test
    void aBrokenWorkerIsReplacedOnTheNextCall() {
        String script = """
                import json, sys
                line = sys.stdin.readline()
                print(json.dumps({"x": json.loads(line)["theta"]}), flush=True)
                """;
        Request r = Request.of(2, 1);
        try (ExternalSimulator sim = ExternalSimulator.of(py(script, 1).withBatchSize(1))) {
            assertThatThrownBy(() -> sim.simulateBatch(r.indices(), r.seeds(), r.theta(),
                    Matrix.of(2, 1))).asInstanceOf(type(ExternalSimulatorException.class))
                    .extracting(ExternalSimulatorException::completedRows).isEqualTo(1);
            Matrix x = Matrix.of(1, 1);
            sim.simulateBatch(new long[] {7}, new long[] {7}, Matrix.wrap(new float[] {4f}, 1, 1),
                    x);
            assertThat(x.data()).containsExactly(4f);
        }
    }

    @Test
    void closeKillsAProgramThatIgnoresTheEndOfItsInput(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        String script = "echo $$ > '" + pidFile + "'; trap '' TERM;"
                + " while read l; do echo '{\"x\": [[1]]}'; done; while :; do sleep 1; done";
        ExternalSimulator sim = ExternalSimulator.of(sh(script, 1));
        sim.simulateBatch(new long[] {0}, new long[] {0}, Matrix.of(1, 1), Matrix.of(1, 1));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid)).isPresent();
        sim.close();
        // close() waits 2 s, then kills: the program must be gone well within 10 s
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true));
        assertThatThrownBy(() -> sim.simulateBatch(new long[] {0}, new long[] {0},
                Matrix.of(1, 1), Matrix.of(1, 1))).isInstanceOf(IllegalStateException.class);
    }
}
