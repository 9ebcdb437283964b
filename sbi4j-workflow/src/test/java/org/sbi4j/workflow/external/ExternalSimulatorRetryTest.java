package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.external.ExternalSimulatorTest.Request;

/**
 * Issue 25, retries: a batch whose process crashed, hung past the time-out or answered garbage
 * is re-sent to a fresh process up to {@code retries} times, counted per cause; failed
 * simulations (null rows) are not retried.
 */
class ExternalSimulatorRetryTest {

    /**
     * Answers x = θ, except that its first FAILS requests (counted across processes in the
     * file 'count' of its working directory) misbehave in the way MODE says.
     */
    static final String FLAKY = """
            import json, os, sys, time
            mode, fails = sys.argv[1], int(sys.argv[2])
            for line in sys.stdin:
                req = json.loads(line)
                n = int(open('count').read()) if os.path.exists('count') else 0
                open('count', 'w').write(str(n + 1))
                if n < fails:
                    if mode == 'crash':
                        sys.exit(3)
                    if mode == 'timeout':
                        time.sleep(60)
                    if mode == 'garbage':
                        print('progress: 50%', flush=True)
                        continue
                    if mode == 'nan':
                        print(json.dumps({"x": [None] * len(req["theta"])}), flush=True)
                        continue
                print(json.dumps({"x": req["theta"]}), flush=True)
            """;

    @TempDir
    Path dir;

    private ExternalSimulatorConfig flaky(String mode, int fails, int retries) {
        return ExternalSimulatorConfig.of(List.of(ExternalSimulatorTest.PYTHON, "-c", FLAKY,
                        mode, Integer.toString(fails)), 1, 1)
                .withDirectory(dir).withRetries(retries).withTimeout(Duration.ofSeconds(1));
    }

    private static Map<BatchFailure, Long> counts(long crash, long timeout, long garbage) {
        return Map.of(BatchFailure.CRASH, crash, BatchFailure.TIMEOUT, timeout,
                BatchFailure.GARBAGE, garbage);
    }

    @ParameterizedTest
    @CsvSource({"crash, 2, 0, 0", "timeout, 0, 2, 0", "garbage, 0, 0, 2"})
    void aBrokenBatchIsResentToAFreshProcessAndCountedByCause(String mode, long crash,
                                                            long timeout, long garbage) {
        Request r = Request.of(4, 1);
        Matrix x = Matrix.of(4, 1);
        try (ExternalSimulator sim = ExternalSimulator.of(flaky(mode, 2, 2))) {
            assertThat(sim.simulateBatch(r.indices(), r.seeds(), r.theta(), x)).isZero();
            assertThat(sim.retries()).isEqualTo(counts(crash, timeout, garbage));
        }
        assertThat(x.data()).containsExactly(r.theta().data());
    }

    @Test
    void afterTheLastRetryTheBatchFailsAsWithoutRetries() {
        Request r = Request.of(2, 1);
        try (ExternalSimulator sim = ExternalSimulator.of(flaky("crash", 3, 2))) {
            assertThatThrownBy(() -> sim.simulateBatch(r.indices(), r.seeds(), r.theta(),
                    Matrix.of(2, 1)))
                    .isInstanceOf(ExternalSimulatorException.class)
                    .hasMessageContaining("simulation index 0")
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("still failing after 2 retries");
            assertThat(sim.retries()).isEqualTo(counts(2, 0, 0));
        }
    }

    @Test
    void withoutRetriesTheFirstBrokenBatchFails() {
        Request r = Request.of(2, 1);
        try (ExternalSimulator sim = ExternalSimulator.of(flaky("garbage", 1, 0))) {
            assertThatThrownBy(() -> sim.simulateBatch(r.indices(), r.seeds(), r.theta(),
                    Matrix.of(2, 1)))
                    .hasMessageContaining("malformed JSON")
                    .hasMessageNotContaining("retr");
            assertThat(sim.retries()).isEqualTo(counts(0, 0, 0));
        }
    }

    @Test
    void failedSimulationsAreNotRetried() {
        Request r = Request.of(3, 1);
        Matrix x = Matrix.of(3, 1);
        try (ExternalSimulator sim = ExternalSimulator.of(flaky("nan", 1, 3))) {
            assertThat(sim.simulateBatch(r.indices(), r.seeds(), r.theta(), x)).isEqualTo(3);
            assertThat(sim.retries()).isEqualTo(counts(0, 0, 0));
        }
        assertThat(x.data()).containsOnly(Float.NaN);
    }

    @Test
    void retriesMustNotBeNegative() {
        assertThatThrownBy(() -> ExternalSimulatorConfig.of(List.of("p"), 1, 1).withRetries(-1))
                .hasMessageContaining("retries must be at least 0, got -1");
        assertThat(ExternalSimulatorConfig.of(List.of("p"), 1, 1).retries()).isZero();
    }
}
