package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.Analysis;
import org.sbi4j.workflow.RunSummary;

/**
 * {@code sbi4j run JOB} and the library call {@link Analysis} on the same job and seed write
 * the same bytes: samples, SBC results and ranks, coverage and the model file. The CLI runs with
 * two threads and the library with one, so this also checks that the thread count changes no
 * result.
 */
class RunLibraryEquivalenceTest {

    static final Path EXAMPLE = Path.of("..", "examples", "jobs", "two_moons.yaml");

    @Test
    void commandLineAndLibraryWriteIdenticalFiles() throws Exception {
        Path dir = Cli.outputs("run-equivalence");
        // examples/jobs/two_moons.yaml made small: 500 simulations, 3 epochs, 300 samples for
        // each of its two observations, and its sbc and coverage diagnostics
        String yaml = Files.readString(EXAMPLE);
        assertThat(yaml).contains("simulations: 10000", "samples: 10000", "seed: 1",
                "diagnostics: [sbc, coverage]");
        yaml = yaml.replace("simulations: 10000", "simulations: 500")
                .replace("samples: 10000", "samples: 300")
                .replace("stop_after_epochs: 20", "stop_after_epochs: 20\n  max_epochs: 3");
        Path job = Files.writeString(dir.resolve("two_moons_small.yaml"), yaml);

        Path viaCli = dir.resolve("cli");
        Cli.Result r = Cli.run("run", job.toString(), "--out", viaCli.toString(), "--num-tests",
                "30", "--num-test-samples", "40", "--threads", "2", "--quiet");
        assertThat(r.code()).as(r.toString()).isZero();

        Path viaLibrary = dir.resolve("library");
        RunSummary s = Analysis.of(job).out(viaLibrary).tests(30, 40).threads(1).run();
        assertThat(s.dir()).isEqualTo(viaLibrary);
        assertThat(s.settings()).containsEntry("seed", "1");

        for (String f : List.of("samples-1.csv", "samples-2.csv", "sbc.json", "ranks.npy",
                "coverage.csv", "model.sbi4j", "simulations/theta.npy", "simulations/x.npy")) {
            assertThat(viaLibrary.resolve(f)).as(f).isRegularFile();
            assertThat(Files.readAllBytes(viaLibrary.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(viaCli.resolve(f)));
        }
        // the verdicts the command prints are the library's
        assertThat(r.out()).contains(s.verdicts().toArray(String[]::new));
        assertThat(s.verdicts()).anyMatch(v -> v.startsWith("sbc: "));
    }
}
