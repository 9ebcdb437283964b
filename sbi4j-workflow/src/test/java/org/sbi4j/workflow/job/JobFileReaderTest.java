package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.workflow.job.JobFileReader.Format;
import org.sbi4j.train.TrainingConfig;

class JobFileReaderTest {

    static final String FULL_YAML = """
            priors:
              - {name: a, distribution: uniform, low: -1, high: 1}
              - name: b
                distribution: normal(0, 0.5)
                nuisance: true
              - {name: c, distribution: truncated_normal, mean: 0, sd: 1, low: 0, high: inf}
            simulator:
              command: [python3, sim.py, "--fast"]
              x_dim: 2
              x_shape: [1, 2]
              workers: 3
              batch_size: 50
              timeout_s: 1.5
              retries: 2
            simulations: 5000
            seed: 42
            estimator:
              type: maf
              hidden_features: 64
              transforms: 4
              ensemble: 2
              embedding: {type: mlp, hidden_features: [32, 32], output_features: 4}
            training:
              batch_size: 100
              learning_rate: 1e-3
              max_epochs: 50
              weight_decay: 0.01
              decoupled_decay: true
            observations: [[0.1, 0.2], [0.3, 0.4]]
            samples: 2000
            output: out/run1
            diagnostics: [sbc, Coverage]
            """;

    static JobFile yaml(String text) {
        return JobFileReader.parse(text, Format.YAML, "job.yaml");
    }

    static JobFile json(String text) {
        return JobFileReader.parse(text, Format.JSON, "job.json");
    }

    @Test
    void readsEveryKeyOfAFullYamlJob() {
        JobFile job = yaml(FULL_YAML);
        assertThat(job.parameterNames()).containsExactly("a", "b", "c");
        assertThat(job.nuisanceParameters()).containsExactly("b");
        assertThat(job.priors().get(1).distribution()).isEqualTo(Distribution.NORMAL);
        assertThat(job.priors().get(1).argument("sd")).isEqualTo(0.5);
        assertThat(job.priors().get(2).argument("high")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(job.simulator().command()).containsExactly("python3", "sim.py", "--fast");
        assertThat(job.simulations()).isEqualTo(5000);
        assertThat(job.seed()).isEqualTo(42L);
        assertThat(job.estimator().type()).isEqualTo("maf");
        assertThat(job.estimator().settings()).containsEntry("hidden_features", 64);
        assertThat(job.estimator().ensembleSize()).isEqualTo(2);
        assertThat(job.estimator().embedding().settings()).containsEntry("hidden",
                List.of(32, 32));
        TrainingConfig t = job.training().toConfig();
        assertThat(t.batchSize()).isEqualTo(100);
        assertThat(t.learningRate()).isEqualTo(1e-3);
        assertThat(t.maxEpochs()).isEqualTo(50);
        assertThat(t.decoupled()).isTrue();
        assertThat(t.stopAfterEpochs()).isEqualTo(TrainingConfig.DEFAULTS.stopAfterEpochs());
        assertThat(job.observations().toMatrix().data()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(job.samples()).isEqualTo(2000);
        assertThat(job.diagnostics()).containsExactly("sbc", "coverage");
        var ext = job.simulator().externalConfig(job.thetaDim());
        assertThat(ext.workers()).isEqualTo(3);
        assertThat(ext.batchSize()).isEqualTo(50);
        assertThat(ext.timeout().toMillis()).isEqualTo(1500);
        assertThat(ext.retries()).isEqualTo(2);
        assertThat(ext.thetaDim()).isEqualTo(3);
        assertThat(ext.xShape()).containsExactly(1, 2);
    }

    @Test
    void minimalJsonJobTakesTheDefaults() {
        JobFile job = json("""
                {"simulator": {"task": "two_moons"}, "simulations": 1000}
                """);
        assertThat(job.priors()).isEmpty();
        assertThat(job.estimator()).isEqualTo(EstimatorSpec.DEFAULT);
        assertThat(job.training().toConfig()).isEqualTo(TrainingConfig.DEFAULTS);
        assertThat(job.samples()).isEqualTo(JobFile.DEFAULT_SAMPLES);
        assertThat(job.output()).isEqualTo(JobFile.DEFAULT_OUTPUT);
        assertThat(job.seed()).isNull();
        assertThat(job.diagnostics()).isEmpty();
        assertThat(job.observations()).isNull();
    }

    @Test
    void likelihoodMethodsDefaultToMafAndKeepAnEstimatorGiven() {
        String base = "{\"simulator\": {\"task\": \"two_moons\"}, \"simulations\": 1000, "
                + "\"observations\": {\"task\": [1]}, ";
        assertThat(json(base + "\"method\": \"snle\"}").estimator().type()).isEqualTo("maf");
        assertThat(json(base + "\"method\": \"nle\"}").estimator().type()).isEqualTo("maf");
        assertThat(json(base + "\"method\": \"snle\", \"estimator\": \"nsf\"}").estimator()
                .type()).isEqualTo("nsf");
        assertThat(json(base + "\"method\": \"tsnpe\"}").estimator()).isEqualTo(EstimatorSpec.DEFAULT);
        assertThat(json(base + "\"method\": \"nre\"}").estimator()).isEqualTo(EstimatorSpec.DEFAULT);
    }

    @Test
    void estimatorShortFormAndObservationSpellings() {
        JobFile job = yaml("""
                simulator: {class: org.example.Sim}
                priors: [{name: a, distribution: "beta(2, 3)"}]
                simulations: 10
                estimator: MDN
                observations: [0.5, 1]
                """);
        assertThat(job.estimator().type()).isEqualTo("mdn");
        assertThat(job.observations().rows()).containsExactly(List.of(0.5, 1.0));
        JobFile file = yaml("""
                simulator: {task: gaussian_linear}
                simulations: 10
                observations: data/x_o.npy
                """);
        assertThat(file.observations().file()).isEqualTo("data/x_o.npy");
        JobFile mapping = yaml("""
                simulator: {task: gaussian_linear}
                simulations: 10
                observations: {rows: [[1, 2]]}
                """);
        assertThat(mapping.observations().rows()).containsExactly(List.of(1.0, 2.0));
    }

    @Test
    void unknownTopLevelKeyNamesItTheLineAndTheAllowedKeys() {
        assertThatThrownBy(() -> yaml("""
                simulator: {task: two_moons}
                simulatons: 1000
                """))
                .isInstanceOf(JobFileException.class)
                .hasMessageContaining("unknown key 'simulatons'")
                .hasMessageContaining("job.yaml at line 2")
                .hasMessageContaining("did you mean 'simulations'?")
                .hasMessageContaining("allowed keys: calibration, diagnostics, estimator,")
                .hasMessageContaining("training");
    }

    @Test
    void unknownNestedKeyNamesItsSection() {
        assertThatThrownBy(() -> json("""
                {"simulator": {"task": "two_moons"},
                 "simulations": 10,
                 "training": {"learning_rte": 0.01}}
                """))
                .hasMessageContaining("unknown key 'learning_rte' in 'training'")
                .hasMessageContaining("at line 3")
                .hasMessageContaining("did you mean 'learning_rate'?")
                .hasMessageContaining("clip_norm");
    }

    @Test
    void unknownKeysAreFoundAtAnyDepth() {
        assertThatThrownBy(() -> yaml("""
                simulator: {task: two_moons}
                simulations: 10
                estimator:
                  type: nsf
                  embedding:
                    type: mlp
                    hidden_featurs: [8]
                """))
                .hasMessageContaining("unknown key 'hidden_featurs' in 'estimator.embedding'")
                .hasMessageContaining("at line 7")
                .hasMessageContaining("did you mean 'hidden_features'?");
    }

    @Test
    void wrongTypesAndDuplicatesAreReportedWithTheKey() {
        assertThatThrownBy(() -> yaml("""
                simulator: {task: two_moons}
                simulations: many
                """))
                .isInstanceOf(JobFileException.class)
                .hasMessageContaining("line 2").hasMessageContaining("'simulations'")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> json("""
                {"simulator": {"task": "two_moons"}, "simulations": 10, "simulations": 20}
                """)).hasMessageContaining("simulations").hasMessageContaining("line 1");
        assertThatThrownBy(() -> json("{\"simulator\": ")).isInstanceOf(JobFileException.class)
                .hasMessageContaining("job.json");
    }

    @Test
    void semanticErrorsCarryTheLine() {
        assertThatThrownBy(() -> yaml("""
                simulator: {task: two_moons}
                simulations: 10
                priors:
                  - {name: a, distribution: uniform, low: 1, high: 0.5}
                """))
                .isInstanceOf(JobFileException.class)
                .hasMessageContaining("job.yaml at line 4")
                .hasMessageContaining("prior 'a': uniform needs low < high, got low = 1.0,"
                        + " high = 0.5");
    }

    @Test
    void readResolvesPathsAgainstTheJobFilesFolder(@TempDir Path dir) throws Exception {
        Path job = Files.createDirectories(dir.resolve("jobs")).resolve("j.yml");
        Files.writeString(job, """
                priors: [{name: a, distribution: "normal(0, 1)"}]
                simulator: {command: [sh, sim.sh], x_dim: 1}
                simulations: 10
                observations: x.csv
                output: ../out
                """);
        JobFile read = JobFileReader.read(job);
        assertThat(read.output()).isEqualTo(dir.resolve("out").toString());
        assertThat(read.observations().file()).isEqualTo(dir.resolve("jobs/x.csv").toString());
        assertThat(read.simulator().externalConfig(1).directory())
                .isEqualTo(dir.resolve("jobs"));
        assertThatThrownBy(() -> JobFileReader.read(dir.resolve("missing.json")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> JobFileReader.read(dir.resolve("job.toml")))
                .hasMessageContaining(".json, .yaml or .yml");
    }
}
