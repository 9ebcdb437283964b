package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Table;

/**
 * {@code sbi4j run} of a job with {@code method: snle} on a task with two observations (scaled
 * down): the numbered files of each, the round folders, the summary; and a refused job.
 */
class RunMcmcMethodCommandTest {

    @Test
    void runSnleOnTwoObservationsWritesNumberedFiles() throws Exception {
        Path dir = Cli.outputs("run-snle");
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                simulator: {task: two_moons}
                method: {type: snle, chains: 4, warmup: 20}
                rounds: 2
                simulations: 300
                estimator: maf
                training: {max_epochs: 5}
                observations: {task: [1, 2]}
                samples: 100
                seed: 1
                output: report
                diagnostics: [sbc]
                """);
        Cli.Result r = Cli.run("run", job.toString(), "--threads", "2");
        assertThat(r.code()).as(r.toString()).isZero();
        Path out = dir.resolve("report");
        for (int k = 1; k <= 2; k++) {
            Table s = Csv.read(out.resolve("samples-" + k + ".csv"));
            assertThat(s.names()).containsExactly("parameter_1", "parameter_2");
            assertThat(s.values().rows()).isEqualTo(100);
            assertThat(out.resolve("corner-" + k + ".png")).isNotEmptyFile();
            assertThat(out.resolve("likelihood-" + k + ".sbi4j")).isNotEmptyFile();
            assertThat(Files.readString(out.resolve("mcmc-" + k + ".txt")))
                    .contains("4 chains x 25", "parameter_1: R-hat");
            assertThat(out.resolve("rounds-" + k + "/round-1/likelihood.sbi4j"))
                    .isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| method | snle",
                "- mcmc, observation 2: ", "- sbc: not run");
    }

    @Test
    void aNuisanceParameterIsRefusedBeforeAnythingRuns() throws Exception {
        Path dir = Cli.outputs("run-nle-nuisance");
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                priors:
                  - {name: mu, distribution: "normal(0, 1)"}
                  - {name: offset, distribution: "normal(0, 1)", nuisance: true}
                simulator: {task: two_moons}
                method: nle
                simulations: 300
                observations: {task: [1]}
                seed: 1
                output: report
                """);
        Cli.Result r = Cli.run("run", job.toString());
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("method 'nle'", "offset is marked 'nuisance'");
        assertThat(dir.resolve("report")).doesNotExist();
    }
}
