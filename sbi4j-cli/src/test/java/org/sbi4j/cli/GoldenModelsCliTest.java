package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by sbi4j 0.1.0 (format 1, the golden files of sbi4j-core's tests) are
 * accepted by {@code info}, {@code sample} and {@code diagnose}. Their toy model: θ = (a, b),
 * a, b ~ U(−1, 1), x_j = θ_{j mod 2}·(j + 1) + 0.1·u_j, u_j ~ U(0, 1), j = 0…3; the job below
 * declares that prior and simulates it with a Python program over JSON lines.
 */
class GoldenModelsCliTest {

    static final Path GOLDEN = Path.of("..", "sbi4j-core", "src", "test", "resources", "golden",
            "model-0.1.0");

    static final String SIMULATOR = """
            import json, random, sys
            for line in sys.stdin:
                if not line.strip():
                    continue
                r = json.loads(line)
                x = []
                for t, s in zip(r["theta"], r["seeds"]):
                    g = random.Random(s)
                    x.append([t[j % 2] * (j + 1) + 0.1 * g.random() for j in range(4)])
                print(json.dumps({"x": x}), flush=True)
            """;

    static final String JOB = """
            priors:
              - {name: a, distribution: uniform, low: -1, high: 1}
              - {name: b, distribution: uniform, low: -1, high: 1}
            simulator: {command: [python3, toy.py], x_dim: 4}
            simulations: 100
            """;

    @ParameterizedTest
    @ValueSource(strings = {"nsf", "maf", "mdn", "ensemble-mlp"})
    void infoSampleAndDiagnoseAcceptVersionOneFiles(String name, @TempDir Path dir)
            throws Exception {
        Path model = GOLDEN.resolve(name + ".sbi4j");
        Cli.Result info = Cli.run("info", model.toString());
        assertThat(info.code()).as(info.toString()).isZero();
        assertThat(info.out()).contains("a").contains("b");

        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "x0,x1,x2,x3\n0.1,-0.2,0.3,0.4\n");
        Path samples = dir.resolve("samples.csv");
        Cli.Result sample = Cli.run("sample", "--model", model.toString(), "--observation",
                obs.toString(), "--num", "200", "--seed", "3", "--out", samples.toString());
        assertThat(sample.code()).as(sample.toString()).isZero();
        assertThat(Files.readAllLines(samples)).hasSize(201).first().isEqualTo("a,b");

        // 0.1.0 files may keep no training rows: the check then says it is unavailable
        Cli.Result mis = Cli.run("diagnose", "misspecification", "--model", model.toString(),
                "--observation", obs.toString());
        assertThat(mis.code()).as(mis.toString()).isZero();
        assertThat(mis.out().strip()).matches("observation 1 (inside|outside) p=\\S+"
                + "|misspecification check unavailable: .*");

        Files.writeString(dir.resolve("toy.py"), SIMULATOR);
        Path job = dir.resolve("toy.yaml");
        Files.writeString(job, JOB);
        Cli.Result ident = Cli.run("diagnose", "identifiability", "--model", model.toString(),
                "--job", job.toString(), "--observation", obs.toString(), "--seed", "4");
        assertThat(ident.code()).as(ident.toString()).isZero();
        Cli.Result sbc = Cli.run("diagnose", "sbc", "--model", model.toString(), "--job",
                job.toString(), "--num-tests", "40", "--num-samples", "40", "--seed", "5",
                "--threads", "2");
        assertThat(sbc.code()).as(sbc.toString()).isZero();
        assertThat(sbc.out()).containsAnyOf("consistent with calibration", "NOT calibrated");
    }
}
