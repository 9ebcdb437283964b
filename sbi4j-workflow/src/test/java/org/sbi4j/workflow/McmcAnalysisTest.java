package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Csv;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.job.JobFileReader;

/**
 * {@code method: snle | nle | nre | bnre | snre} in a job file: read-time checks, the files
 * {@code run} writes, the posterior against the conjugate one, resume.
 */
class McmcAnalysisTest {

    @TempDir
    Path tmp;

    /** x_j = θ_j + N(0, 0.5²), j = 1, 2: with θ_j ~ N(0, 1) the posterior is N(0.8 x, 0.2). */
    public static final class Gaussian implements Simulator {
        @Override
        public int thetaDim() {
            return 2;
        }

        @Override
        public int xDim() {
            return 2;
        }

        @Override
        public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                             int xOff) {
            var normal = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int j = 0; j < 2; j++) {
                x[xOff + j] = (float) (theta[thetaOff + j] + 0.5 * normal.sample());
            }
        }
    }

    /** x_o = (1, −0.5): the posterior mean is (0.8, −0.4), the posterior sd 0.447. */
    static final double[] POSTERIOR_MEAN = {0.8, -0.4};

    static final String JOB = """
            priors:
              - {name: a, distribution: "normal(0, 1)"}
              - {name: b, distribution: "normal(0, 1)"}
            simulator: {class: %s}
            simulations: 400
            seed: 3
            method: {type: snle, chains: 4, warmup: 30, thin: 2}
            rounds: 2
            estimator: maf
            training: {max_epochs: 30}
            observations: [[1.0, -0.5]]
            samples: 200
            output: out
            diagnostics: [sbc, coverage, ppc, identifiability]
            """.formatted(Gaussian.class.getName());

    @Test
    void snleRunWritesSamplesDiagnosticsAndResumes() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), JOB);
        RunSummary s = Analysis.of(job).threads(2).run();
        Path out = tmp.resolve("out");
        for (int r = 0; r < 2; r++) {
            Path round = out.resolve("rounds/round-" + r);
            assertThat(round.resolve("simulations.npz")).isNotEmptyFile();
            assertThat(round.resolve("likelihood.sbi4j")).isNotEmptyFile();
            assertThat(Files.readString(round.resolve("round.properties")))
                    .contains("attempted=200");
        }
        assertThat(out.resolve("likelihood.sbi4j")).isNotEmptyFile();
        assertThat(out.resolve("corner.png")).isNotEmptyFile();
        assertThat(out.resolve("ppc-1.json")).isRegularFile();
        assertThat(out.resolve("identifiability-1.json")).isRegularFile();
        assertSamples(out.resolve("samples.csv"), 200, 0.3);
        assertThat(Files.readString(out.resolve("mcmc.txt"))).contains("4 chains x 50",
                "a: R-hat", "b: R-hat", "bulk ESS", "draws/s");
        assertThat(s.verdicts()).anyMatch(v -> v.startsWith("mcmc, observation 1: "))
                .anyMatch(v -> v.startsWith("ppc, observation 1: "))
                .anyMatch(v -> v.startsWith("sbc: not run: SBC and coverage test calibration"))
                .anyMatch(v -> v.startsWith("coverage: not run"));
        assertThat(s.markdown()).contains("| method | snle", "| rounds | 2 |",
                "MCMC posterior at x_o (4 chains", "sbc: not run");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| method | snle");
        // a second run into its own folder reads both rounds back: the same samples
        // (the rounds' files are read, not written again)
        byte[] first = Files.readAllBytes(out.resolve("samples.csv"));
        var trained = Files.getLastModifiedTime(out.resolve("rounds/round-1/likelihood.sbi4j"));
        var simulated = Files.getLastModifiedTime(out.resolve("rounds/round-1/simulations.npz"));
        Analysis.of(job).threads(1).run();
        assertThat(Files.readAllBytes(out.resolve("samples.csv"))).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(out.resolve("rounds/round-1/likelihood.sbi4j")))
                .isEqualTo(trained);
        assertThat(Files.getLastModifiedTime(out.resolve("rounds/round-1/simulations.npz")))
                .isEqualTo(simulated);
    }

    @Test
    void nreRunSamplesTheRatioPosteriorAndSaysItHasNoModelFile() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), JOB
                .replace("{type: snle, chains: 4, warmup: 30, thin: 2}",
                        "{type: nre, chains: 4, warmup: 30, thin: 2}")
                .replace("rounds: 2\n", "").replace("estimator: maf\n", "")
                .replace("diagnostics: [sbc, coverage, ppc, identifiability]",
                        "diagnostics: [sbc]"));
        RunSummary s = Analysis.of(job).threads(2).run();
        Path out = tmp.resolve("out");
        assertSamples(out.resolve("samples.csv"), 200, 0.35);
        assertThat(out.resolve("corner.png")).isNotEmptyFile();
        assertThat(out.resolve("mcmc.txt")).isNotEmptyFile();
        assertThat(out.resolve("likelihood.sbi4j")).doesNotExist();
        assertThat(out.resolve("model.sbi4j")).doesNotExist();
        assertThat(s.markdown()).contains("| method | nre", "| rounds | 1 |",
                "a ratio estimator has no model file", "sbc: not run");
        // no round folder: a rerun trains again, to the same numbers
        assertThat(out.resolve("rounds")).doesNotExist();
        byte[] first = Files.readAllBytes(out.resolve("samples.csv"));
        Analysis.of(job).threads(1).run();
        assertThat(Files.readAllBytes(out.resolve("samples.csv"))).isEqualTo(first);
    }

    /**
     * n rows, columns a and b, mean within {@code tol} of the conjugate posterior's (0.8 x_o;
     * its sd is 0.447, so a prior-like or collapsed sample fails), sd in [0.25, 0.75].
     */
    private static void assertSamples(Path file, int n, double tol) throws Exception {
        var csv = Csv.read(file);
        assertThat(csv.names()).containsExactly("a", "b");
        Matrix m = csv.values();
        assertThat(m.rows()).isEqualTo(n);
        double[] mean = Intervals.mean(m);
        for (int j = 0; j < 2; j++) {
            assertThat(mean[j]).as("posterior mean of %s", List.of("a", "b").get(j))
                    .isCloseTo(POSTERIOR_MEAN[j], org.assertj.core.data.Offset.offset(tol));
            assertThat(Intervals.covarianceDiagonalSqrt(m)[j]).as("posterior sd of %s",
                    List.of("a", "b").get(j)).isBetween(0.25, 0.75);
        }
    }

    @Test
    void likelihoodAndRatioMethodsAreCheckedWhenTheJobIsRead() {
        var snle = JobFileReader.parse(JOB, JobFileReader.Format.YAML, "j.yaml");
        assertThat(snle.method().isMcmc()).isTrue();
        assertThat(snle.rounds()).isEqualTo(2);
        String nle = JOB.replace("{type: snle, chains: 4, warmup: 30, thin: 2}", "nle")
                .replace("rounds: 2\n", "");
        assertThat(JobFileReader.parse(nle, JobFileReader.Format.YAML, "j.yaml").rounds())
                .isEqualTo(1);
        String nuisance = nle.replace("{name: b, distribution: \"normal(0, 1)\"}",
                "{name: b, distribution: \"normal(0, 1)\", nuisance: true}");
        assertThatThrownBy(() -> JobFileReader.parse(nuisance, JobFileReader.Format.YAML,
                "j.yaml"))
                .hasMessageContaining("method 'nle' conditions on every parameter")
                .hasMessageContaining("b is marked 'nuisance'");
        assertThatThrownBy(() -> JobFileReader.parse(nle.replace("estimator: maf",
                        "estimator: {type: maf, embedding: {type: deepsets}}"),
                JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("method 'nle' takes no embedding")
                .hasMessageContaining("deepsets");
        assertThatThrownBy(() -> JobFileReader.parse(nle.replace("estimator: maf",
                "estimator: fmpe"), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("method 'nle' needs a density estimator with an exact")
                .hasMessageContaining("'fmpe'");
        assertThatThrownBy(() -> JobFileReader.parse(nle.replace("method: nle", "method: nre"),
                JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("method 'nre' trains sbi's residual ratio classifier")
                .hasMessageContaining("'maf'");
        assertThatThrownBy(() -> JobFileReader.parse(nle.replace("method: nle",
                "method: bnre\nrounds: 3").replace("estimator: maf\n", ""),
                JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("bnre (amortised) runs in 1 round, got rounds = 3");
        assertThatThrownBy(() -> JobFileReader.parse(nle.replace("observations: [[1.0, -0.5]]\n",
                ""), JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("method 'nle' is sampled by MCMC at each observation")
                .hasMessageContaining("needs 'observations'");
        assertThatThrownBy(() -> JobFileReader.parse(JOB.replace("chains: 4", "chains: 0"),
                JobFileReader.Format.YAML, "j.yaml")).hasMessageContaining("chains");
    }

    @Test
    void aNaNObservationIsRefusedBeforeAnythingIsSimulated() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), JOB.replace(
                "observations: [[1.0, -0.5]]", "observations: obs.csv"));
        Files.writeString(tmp.resolve("obs.csv"), "1.0,NaN\n");
        assertThatThrownBy(() -> Analysis.of(job).threads(1).run())
                .hasMessageContaining("NaN");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
