package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.Table;

/**
 * A whole {@code run} of the example job examples/jobs/external_python.json (scaled down) with
 * the example Python simulator examples/simulators/gaussian.py.
 */
class RunCommandTest {

    static final Path EXAMPLE = Path.of("..", "examples", "jobs", "external_python.json");
    static final Path GAUSSIAN = Path.of("..", "examples", "simulators", "gaussian.py")
            .toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void runWritesAReportFolder() throws Exception {
        Path dir = Cli.outputs("run");
        // examples/jobs/external_python.json made small: its priors (two parameters of
        // interest and a nuisance offset), simulator and observation, with 800 simulations,
        // a small MAF trained for 5 epochs, two observations and every diagnostic.
        Map<String, Object> example = JsonFiles.JSON.readValue(Files.readString(EXAMPLE), Map.class);
        Map<String, Object> sim = (Map<String, Object>) example.get("simulator");
        assertThat((List<String>) sim.get("command")).contains("../simulators/gaussian.py");
        sim.put("command", List.of("python3", GAUSSIAN.toString(), "0.1"));
        example.put("simulations", 800);
        example.put("estimator", Map.of("type", "maf", "hidden_features", 20, "transforms", 2));
        example.put("training", Map.of("max_epochs", 5));
        example.put("observations", List.of(List.of(0.3, -0.2, 0.1), List.of(1.0, 0.5, 0.0)));
        example.put("samples", 1000);
        example.put("output", "report");
        example.put("diagnostics", List.of("sbc", "coverage", "ppc", "identifiability"));
        Path job = dir.resolve("job.json");
        Files.writeString(job, JsonFiles.JSON.writeValueAsString(example));
        Cli.Result r = Cli.run("run", job.toString(), "--num-tests", "30", "--num-test-samples",
                "40", "--threads", "2");
        assertThat(r.code()).as(r.toString()).isZero();
        Path out = dir.resolve("report");
        assertThat(Npy.readMatrix(out.resolve("simulations/theta.npy")).cols()).isEqualTo(3);
        assertThat(Npy.readMatrix(out.resolve("simulations/x.npy")).rows()).isEqualTo(800);
        assertThat(out.resolve("model.sbi4j")).isNotEmptyFile();
        assertThat(out.resolve("model-joint.sbi4j")).isNotEmptyFile();
        for (int k = 1; k <= 2; k++) {
            Table s = Csv.read(out.resolve("samples-" + k + ".csv"));
            assertThat(s.names()).containsExactly("mu_1", "mu_2"); // the nuisance is marginalised
            assertThat(s.values().rows()).isEqualTo(1000);
            assertThat(out.resolve("ppc-" + k + ".json")).isRegularFile();
            // the nuisance offset of the predictive comes from the joint posterior
            assertThat(JsonFiles.read(out.resolve("ppc-" + k + ".json")).get("nuisances"))
                    .isEqualTo("joint posterior");
            assertThat(out.resolve("identifiability-" + k + ".json")).isRegularFile();
        }
        assertThat(out.resolve("sbc.json")).isRegularFile();
        assertThat(out.resolve("coverage.csv")).isRegularFile();
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("## Settings", "| seed | 42 |", "## Timings", "| simulate |",
                "| train |", "## Diagnostics", "- sbc: ", "- sbc (ECDF bands): ",
                "- coverage (conformal recalibration): ", "- ppc, observation 2: ",
                "- identifiability, observation 1: ", "mu_1");
        assertThat(r.out()).contains("summary.md", "sbc: ");

        // A second run in its own folder reuses the finished simulations.
        Cli.Result again = Cli.run("run", job.toString(), "--num-tests", "30",
                "--num-test-samples", "40", "--quiet");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).isEmpty();
    }
}
