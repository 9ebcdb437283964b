package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.Table;

/** A whole {@code run} of a job with the example Python simulator (examples/simulators/gaussian.py). */
class RunCommandTest {

    static final Path GAUSSIAN = Path.of("..", "examples", "simulators", "gaussian.py")
            .toAbsolutePath().normalize();

    @Test
    void runWritesAReportFolder() throws Exception {
        Path dir = Cli.outputs("run");
        Path job = dir.resolve("job.json");
        // The shape of examples/jobs/external_python.json, made small: 2 parameters of interest
        // and a nuisance offset, 800 simulations, 5 epochs.
        Files.writeString(job, """
                {
                  "priors": [
                    {"name": "mu_1", "distribution": "normal", "mean": 0, "sd": 1},
                    {"name": "mu_2", "distribution": "normal(0, 1)"},
                    {"name": "offset", "distribution": "uniform", "low": -0.5, "high": 0.5,
                     "nuisance": true}
                  ],
                  "simulator": {"command": ["python3", "%s", "0.1"], "x_dim": 3, "workers": 2},
                  "simulations": 800,
                  "seed": 42,
                  "estimator": {"type": "maf", "hidden_features": 20, "transforms": 2},
                  "training": {"max_epochs": 5},
                  "observations": [[0.3, -0.2, 0.1], [1.0, 0.5, 0.0]],
                  "samples": 1000,
                  "output": "report",
                  "diagnostics": ["sbc", "coverage", "ppc", "identifiability"]
                }
                """.formatted(GAUSSIAN.toString().replace("\\", "\\\\")));
        Cli.Result r = Cli.run("run", job.toString(), "--num-tests", "30", "--num-test-samples",
                "40", "--threads", "2");
        assertThat(r.code()).as(r.toString()).isZero();
        Path out = dir.resolve("report");
        assertThat(Npy.readMatrix(out.resolve("simulations/theta.npy")).cols()).isEqualTo(3);
        assertThat(Npy.readMatrix(out.resolve("simulations/x.npy")).rows()).isEqualTo(800);
        assertThat(out.resolve("model.sbi4j")).isNotEmptyFile();
        for (int k = 1; k <= 2; k++) {
            Table s = Csv.read(out.resolve("samples-" + k + ".csv"));
            assertThat(s.names()).containsExactly("mu_1", "mu_2"); // the nuisance is marginalised
            assertThat(s.values().rows()).isEqualTo(1000);
            assertThat(out.resolve("ppc-" + k + ".json")).isRegularFile();
            assertThat(out.resolve("identifiability-" + k + ".json")).isRegularFile();
        }
        assertThat(out.resolve("sbc.json")).isRegularFile();
        assertThat(out.resolve("coverage.csv")).isRegularFile();
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("## Settings", "| seed | 42 |", "## Timings", "| simulate |",
                "| train |", "## Diagnostics", "- sbc: ", "- ppc, observation 2: ",
                "- identifiability, observation 1: ", "mu_1");
        assertThat(r.out()).contains("summary.md", "sbc: ");

        // A second run in its own folder reuses the finished simulations.
        Cli.Result again = Cli.run("run", job.toString(), "--num-tests", "30",
                "--num-test-samples", "40", "--quiet");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).isEmpty();
    }
}
