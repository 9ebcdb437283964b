package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** Runs the shipped example simulators (python3, /bin/sh) through the JSON-lines protocol. */
class ExternalSimulatorTest {

    static final Path SIMULATORS = findExamples();

    static Path findExamples() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples/simulators");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/simulators not found above "
                + Paths.get("").toAbsolutePath());
    }

    /**
     * The python3 interpreter itself: "python3" may be a slow launcher script (pyenv shims take
     * seconds on a loaded machine), so the tests start the interpreter it resolves to.
     */
    static final String PYTHON = resolvePython();

    static String resolvePython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && Files.isExecutable(Path.of(out)) ? out : "python3";
        } catch (java.io.IOException e) {
            return "python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }

    static List<String> python(String script, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON,
                SIMULATORS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** n rows of theta with values i/10 − j, seeds 1000+i, indices i. */
    record Request(long[] indices, long[] seeds, Matrix theta) {
        static Request of(int n, int d) {
            long[] idx = new long[n];
            long[] seeds = new long[n];
            Matrix theta = Matrix.of(n, d);
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                seeds[i] = 1000 + i;
                for (int j = 0; j < d; j++) {
                    theta.data()[theta.rowOffset(i) + j] = i / 10f - j;
                }
            }
            return new Request(idx, seeds, theta);
        }
    }

    static Matrix run(ExternalSimulatorConfig config, Request r) {
        Matrix x = Matrix.of(r.theta().rows(), config.xDim());
        try (ExternalSimulator sim = ExternalSimulator.of(config)) {
            int failed = sim.simulateBatch(r.indices(), r.seeds(), r.theta(), x);
            assertThat(failed).isZero();
        }
        return x;
    }

    @Test
    void pythonGaussianIsIndependentOfWorkersAndBatching() {
        Request r = Request.of(250, 2);
        Matrix one = run(ExternalSimulatorConfig.of(python("gaussian.py"), 2, 2), r);
        Matrix three = run(ExternalSimulatorConfig.of(python("gaussian.py"), 2, 2)
                .withWorkers(2).withBatchSize(7), r);
        assertThat(three.data()).containsExactly(one.data());
        // x = theta + 0.1 z: |x − theta| < 0.6 fails with probability ~1e-9 per value
        for (int k = 0; k < 500; k++) {
            assertThat(Math.abs(one.data()[k] - r.theta().data()[k])).isLessThan(0.6f);
        }
    }

    @Test
    void sameSeedAndThetaGiveTheSameRowWhereverItSits() {
        Request r = Request.of(20, 2);
        r.seeds()[17] = r.seeds()[3];
        r.theta().data()[34] = r.theta().data()[6];
        r.theta().data()[35] = r.theta().data()[7];
        Matrix x = run(ExternalSimulatorConfig.of(python("gaussian.py"), 2, 2)
                .withBatchSize(5), r);
        assertThat(new float[] {x.data()[34], x.data()[35]})
                .containsExactly(x.data()[6], x.data()[7]);
        assertThat(x.data()[2]).isNotEqualTo(x.data()[6]);
    }

    @Test
    void shellGaussianRunsUnderBinSh() {
        Request r = Request.of(30, 3);
        List<String> cmd = List.of("/bin/sh", SIMULATORS.resolve("gaussian.sh").toString(), "0.1");
        Matrix a = run(ExternalSimulatorConfig.of(cmd, 3, 3).withBatchSize(8), r);
        Matrix b = run(ExternalSimulatorConfig.of(cmd, 3, 3).withWorkers(2).withBatchSize(30), r);
        assertThat(b.data()).containsExactly(a.data());
        for (int k = 0; k < 90; k++) {
            assertThat(Math.abs(a.data()[k] - r.theta().data()[k])).isLessThan(0.6f);
        }
    }

    @Test
    void twoMoonsLiesOnTheMoons() {
        Request r = Request.of(40, 2);
        Matrix x = run(ExternalSimulatorConfig.of(python("two_moons.py"), 2, 2), r);
        for (int i = 0; i < 40; i++) {
            float t1 = r.theta().data()[2 * i];
            float t2 = r.theta().data()[2 * i + 1];
            double px = x.data()[2 * i] + Math.abs(t1 + t2) / Math.sqrt(2) - 0.25;
            double py = x.data()[2 * i + 1] - (-t1 + t2) / Math.sqrt(2);
            // r ~ N(0.1, 0.01²): the radius lies in (0.04, 0.16) except with probability ~2e-9
            assertThat(Math.hypot(px, py)).isBetween(0.04, 0.16);
            assertThat(px).isGreaterThanOrEqualTo(-1e-6); // a in [−π/2, π/2] → cos a ≥ 0
        }
    }

    @Test
    void singleRowSimulateUsesTheSimulatorInterface() {
        try (ExternalSimulator sim = ExternalSimulator.of(
                ExternalSimulatorConfig.of(python("gaussian.py", "0.0"), 2, 2))) {
            float[] x = new float[3];
            sim.simulate(new float[] {9f, 1.5f, -2f}, 1,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(1L), x, 1);
            assertThat(x).containsExactly(0f, 1.5f, -2f);
            assertThat(sim.thetaDim()).isEqualTo(2);
            assertThat(sim.xDim()).isEqualTo(2);
        }
    }

    @Test
    void nullAndNanRowsComeBackAsNanAndAreCounted() {
        String script = """
                import json, sys
                for line in sys.stdin:
                    rows = []
                    for i, t in zip(json.loads(line)["indices"], json.loads(line)["theta"]):
                        rows.append(None if i % 5 == 0 else [float('nan'), 1.0] if i % 5 == 1
                                    else [None, 2.0] if i % 5 == 2 else [t[0], float(i)])
                    print(json.dumps({"x": rows}), flush=True)
                """;
        Request r = Request.of(20, 1);
        Matrix x = Matrix.of(20, 2);
        try (ExternalSimulator sim = ExternalSimulator.of(ExternalSimulatorConfig.of(
                List.of(ExternalSimulatorTest.PYTHON, "-c", script), 1, 2).withBatchSize(6))) {
            assertThat(sim.simulateBatch(r.indices(), r.seeds(), r.theta(), x)).isEqualTo(12);
        }
        for (int i = 0; i < 20; i++) {
            boolean failed = Float.isNaN(x.data()[2 * i]);
            assertThat(failed).as("row %d", i).isEqualTo(i % 5 <= 2);
            if (!failed) {
                assertThat(x.data()[2 * i + 1]).isEqualTo((float) i);
            }
        }
        assertThat(x.data()[1]).isNaN(); // a null row is NaN throughout
    }

    @Test
    void rejectsSeedsOutsideTheExactJsonRange() {
        Request r = Request.of(2, 1);
        r.seeds()[1] = 1L << 53;
        try (ExternalSimulator sim = ExternalSimulator.of(
                ExternalSimulatorConfig.of(python("gaussian.py"), 1, 1))) {
            assertThatThrownBy(() -> sim.simulateBatch(r.indices(), r.seeds(), r.theta(),
                    Matrix.of(2, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("9007199254740992");
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> ExternalSimulatorConfig.of(List.of(), 1, 1))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ExternalSimulatorConfig.of(List.of("x"), 1, 1).withWorkers(0))
                .hasMessageContaining("workers").hasMessageContaining("0");
        assertThatThrownBy(() -> ExternalSimulatorConfig.of(List.of("x"), 1, 0))
                .hasMessageContaining("x dimension");
        assertThatThrownBy(() -> ExternalSimulatorConfig.of(List.of("x"), 1, 6)
                .withXShape(List.of(4, 2))).hasMessageContaining("[4, 2] has 8 elements");
        try (ExternalSimulator sim = ExternalSimulator.of(ExternalSimulatorConfig.of(
                List.of("x"), 1, 6).withXShape(List.of(2, 3)))) {
            assertThat(sim.xShape()).containsExactly(2, 3);
        }
    }
}
