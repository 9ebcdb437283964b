package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Csv;
import org.sbi4j.npe.TsnpeSettings;
import org.sbi4j.workflow.job.JobFileReader;

/** {@code method: tsnpe} in a job file: keys, per-round outputs, diagnostics, resume. */
class SequentialAnalysisTest {

    @TempDir
    Path tmp;

    static final String JOB = """
            simulator: {task: two_moons}
            simulations: 300
            seed: 4
            method: tsnpe
            rounds: 2
            training: {max_epochs: 3}
            observations: {task: [1]}
            samples: 50
            output: out
            diagnostics: [sbc, coverage, ppc]
            """;

    @Test
    void runWritesEveryRoundAndSaysWhichDiagnosticsRan() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), JOB);
        RunSummary s = Analysis.of(job).threads(2).run();
        Path out = tmp.resolve("out");
        for (int r = 0; r < 2; r++) {
            Path round = out.resolve("rounds/round-" + r);
            assertThat(round.resolve("simulations.npz")).isNotEmptyFile();
            assertThat(round.resolve("model.sbi4j")).isNotEmptyFile();
            assertThat(round.resolve("loss.csv")).isNotEmptyFile();
            assertThat(round.resolve("loss.png")).isNotEmptyFile();
            assertThat(round.resolve("corner.png")).isNotEmptyFile();
            assertThat(Files.readString(round.resolve("round.properties")))
                    .contains("attempted=150");
        }
        assertThat(Files.readString(out.resolve("rounds/round-1/round.properties")))
                .contains("HPR");
        assertThat(Csv.read(out.resolve("samples.csv")).values().rows()).isEqualTo(50);
        assertThat(out.resolve("model.sbi4j")).isNotEmptyFile();
        assertThat(out.resolve("ppc-1.json")).isRegularFile();
        assertThat(s.verdicts()).anyMatch(v -> v.startsWith("ppc, observation 1: "))
                .anyMatch(v -> v.startsWith("sbc: not run: SBC and coverage test calibration"))
                .anyMatch(v -> v.startsWith("coverage: not run"));
        assertThat(s.markdown()).contains("| method | tsnpe", "| rounds | 2 |",
                "| 1 | 150 | 150 | prior truncated to the 99.9900% HPR");
        // a second run into its own folder reads every round back: the same samples
        byte[] first = Files.readAllBytes(out.resolve("samples.csv"));
        Analysis.of(job).threads(1).run();
        assertThat(Files.readAllBytes(out.resolve("samples.csv"))).isEqualTo(first);
    }

    @Test
    void methodKeysAreCheckedWhenTheJobIsRead() {
        var job = JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: {type: tsnpe, epsilon: 0.001}"), JobFileReader.Format.YAML, "j.yaml");
        assertThat(job.method().toSettings()).isEqualTo(new TsnpeSettings(0.001, 10_000, 0.01,
                32, false));
        assertThat(job.rounds()).isEqualTo(2);
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: {type: tsnpe, epsilon: 1.5}"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("epsilon").hasMessageContaining("1.5");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: {type: tsnpe, epsilom: 0.1}"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("epsilom").hasMessageContaining("epsilon");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: snpe_x"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("unknown method kind 'snpe_x'")
                .hasMessageContaining("tsnpe");
        // the MCMC methods are read (and run, McmcAnalysisTest); amortised ones take 1 round
        var snle = JobFileReader.parse(JOB.replace("method: tsnpe", "method: snle"),
                JobFileReader.Format.YAML, "j.yaml");
        assertThat(snle.method().isMcmc()).isTrue();
        assertThat(snle.rounds()).isEqualTo(2);
        assertThat(JobFileReader.parse(JOB.replace("method: tsnpe\nrounds: 2", "method: snre"),
                JobFileReader.Format.YAML, "j.yaml").rounds())
                .isEqualTo(org.sbi4j.npe.SequentialNpe.DEFAULT_ROUNDS);
        assertThat(JobFileReader.parse(JOB.replace("method: tsnpe\nrounds: 2", "method: bnre"),
                JobFileReader.Format.YAML, "j.yaml").rounds()).isEqualTo(1);
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: bnre"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("bnre (amortised) runs in 1 round, got rounds = 2");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: nle"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("nle (amortised) runs in 1 round, got rounds = 2")
                .hasMessageContaining("use method snle");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("method: tsnpe",
                "method: npe"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("npe (amortised) runs in 1 round, got rounds = 2");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("rounds: 2", "rounds: 0"),
                JobFileReader.Format.YAML, "j.yaml")).hasMessageContaining("rounds must be >= 1");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace(
                "observations: {task: [1]}\n", ""), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("needs 'observations'");
        assertThat(JobFileReader.parse(JOB.replace("method: tsnpe\nrounds: 2\n", ""),
                JobFileReader.Format.YAML, "j.yaml").rounds()).isEqualTo(1);
    }
}
