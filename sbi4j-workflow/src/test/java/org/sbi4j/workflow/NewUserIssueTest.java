package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.diagnostics.RankCheck;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;

/** Defects a new user hit with observation files (each test named after the issue's item). */
class NewUserIssueTest {

    @TempDir
    Path tmp;

    @Test
    void item2_headerlessObservationCsvKeepsItsFirstRow() throws Exception {
        Path two = Files.writeString(tmp.resolve("two.csv"), "0.1,0.2\n0.3,0.4\n");
        List<float[]> rows = Observations.read(two, 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(0.1f, 0.2f);
        assertThat(rows.get(1)).containsExactly(0.3f, 0.4f);

        Path one = Files.writeString(tmp.resolve("one.csv"), "-1.5,2e-3\n");
        assertThat(Observations.read(one, 2)).singleElement()
                .satisfies(r -> assertThat(r).containsExactly(-1.5f, 2e-3f));

        Path named = Files.writeString(tmp.resolve("named.csv"), "x1,x2\n0.1,0.2\n");
        assertThat(Observations.read(named, 2)).hasSize(1);
    }

    private Path job(String observations) throws Exception {
        return Files.writeString(tmp.resolve("job.yaml"), """
                simulator: {task: two_moons}
                simulations: 300
                training: {max_epochs: 2}
                samples: 50
                seed: 1
                output: out
                """ + observations);
    }

    @Test
    void item4_runChecksObservationsBeforeSimulating() throws Exception {
        Path job = job("observations: absent.csv\n");
        assertThatThrownBy(() -> Analysis.of(job).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file: ")
                .hasMessageContaining("absent.csv");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();

        Files.writeString(tmp.resolve("obs.csv"), "0.1,0.2\n0.3,nan\n");
        Path nan = job("observations: obs.csv\n");
        assertThatThrownBy(() -> Analysis.of(nan).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation 2")
                .hasMessageContaining("must be finite");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();

        org.sbi4j.tensor.Matrix padded = org.sbi4j.tensor.Matrix.wrap(
                new float[] {0.1f, Float.NaN, Float.POSITIVE_INFINITY, 0.2f}, 2, 2);
        assertThat(Observations.check(padded.rowView(0, 1), "padded", 2, true)).hasSize(1);
        assertThatThrownBy(() -> Observations.check(padded.rowView(0, 1), "padded", 2, false))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> Observations.check(padded, "padded", 2, true))
                .hasMessageContaining("observation 2").hasMessageContaining("Infinity");

        Files.writeString(tmp.resolve("wide.csv"), "0.1,0.2,0.3\n");
        Path wide = job("observations: wide.csv\n");
        assertThatThrownBy(() -> Analysis.of(wide).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values per row")
                .hasMessageContaining("2");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();
    }

    /** N = 200 ranks on {0..99}: a evenly spread, b (when skewed) only in the upper 60%. */
    private static SbcResult sbc(boolean skewed) {
        int n = 200;
        int l = 99;
        int[][] ranks = new int[n][2];
        double[] tarp = new double[n];
        for (int i = 0; i < n; i++) {
            ranks[i][0] = (i * 37) % (l + 1);
            ranks[i][1] = skewed ? 40 + (i * 13) % 60 : (i * 53) % (l + 1);
            tarp[i] = (i + 0.5) / n;
        }
        return Sbc.test(new SbcRanks(l, ranks, null, tarp), List.of("a", "b"), 0.05,
                RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
    }

    private static String deciding(RankCheck c) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        double[] p = {c.ksPValue(), c.chiSquarePValue(),
            2 * z.cumulativeProbability(-Math.abs(c.zMean())),
            2 * z.cumulativeProbability(-Math.abs(c.zOuter()))};
        String[] names = {"Kolmogorov-Smirnov", "chi-square", "mean-rank z", "outer-fraction z"};
        int k = 0;
        for (int i = 1; i < 4; i++) {
            k = p[i] < p[k] ? i : k;
        }
        return names[k];
    }

    @Test
    void item9_sbcVerdictNamesTheDecidingTestItsPValueAndTheCorrectedThreshold() {
        SbcResult bad = sbc(true);
        RankCheck b = bad.parameters().get(1);
        assertThat(bad.calibrated()).as(bad.verdict()).isFalse();
        assertThat(b.pValue()).isLessThan(b.threshold());
        assertThat(b.threshold()).isEqualTo(0.025);
        assertThat(bad.verdict()).contains("NOT calibrated",
                "corrected threshold 0.050/2 = 0.025",
                "deciding test: " + deciding(b) + ", p = ",
                "< the corrected threshold 0.025");
        assertThat(b.verdict()).contains("deciding test: " + deciding(b));

        SbcResult good = sbc(false);
        assertThat(good.calibrated()).as(good.verdict()).isTrue();
        assertThat(good.verdict()).contains("consistent with calibration",
                "the smallest combined p is ", ">= 0.025");
        for (RankCheck c : good.parameters()) {
            assertThat(c.verdict()).contains("deciding test: " + deciding(c),
                    ">= the corrected threshold 0.025");
        }
    }

    @Test
    void item1_theStoredPriorAndSimulatorRebuildTheSourceWhenTheJobIsGone() throws Exception {
        Path job = Files.writeString(tmp.resolve("ext.yaml"), """
                priors:
                  - {name: a, distribution: "truncated_normal(0, 1, -2, inf)"}
                  - {name: n, distribution: uniform, low: 0, high: 3, nuisance: true}
                simulator: {command: [python3, sim.py], x_dim: 4, batch_size: 7, workers: 2}
                simulations: 10
                """);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        try (Source src = Source.ofJob(job, false, Source.External.NONE)) {
            RecordedSource.record(m, src);
            m = JsonFiles.JSON.readValue(JsonFiles.JSON.writeValueAsString(m), Map.class);
            Files.delete(job);
            try (Source back = RecordedSource.of(m, false, false, "metadata.json")) {
                assertThat(back.prior().toString()).isEqualTo(src.prior().toString());
                assertThat(back.prior().nuisance()).containsExactly(false, true);
                assertThat(back.jobFile().simulator()).isEqualTo(src.jobFile().simulator());
                assertThat(back.job()).isEqualTo(src.job());
            }
        }
        m.remove(RecordedSource.KEY);
        Map<String, Object> old = m;
        assertThatThrownBy(() -> RecordedSource.of(old, false, false, "metadata.json"))
                .hasMessageContaining("the job file " + job + " recorded in metadata.json no"
                        + " longer exists").hasMessageContaining("stores no prior");
    }

    @Test
    void item6_theJobsClasspathIsResolvedAgainstTheJobFileAndChecked() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                priors: [{name: a, distribution: "uniform(0, 1)"}]
                simulator: {class: demo.Missing, classpath: [lib/sim.jar, classes]}
                simulations: 10
                """);
        var spec = org.sbi4j.workflow.job.JobFileReader.read(job).simulator();
        assertThat(spec.classpath()).containsExactly(dir.resolve("lib/sim.jar").toString(),
                dir.resolve("classes").toString());
        assertThatThrownBy(() -> Source.ofJob(job, true, Source.External.NONE))
                .hasMessageContaining("simulator 'classpath' entry " + dir.resolve("lib/sim.jar")
                        + " does not exist");
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("classes"));
        Files.write(dir.resolve("lib/sim.jar"), new byte[0]);
        assertThatThrownBy(() -> Source.ofJob(job, true, Source.External.NONE))
                .hasMessageContaining("simulator class 'demo.Missing' is not on the classpath"
                        + " searched: " + dir.resolve("lib/sim.jar") + java.io.File.pathSeparator
                        + dir.resolve("classes"));
        assertThatThrownBy(() -> org.sbi4j.workflow.job.JobFileReader.parse("""
                priors: [{name: a, distribution: "uniform(0, 1)"}]
                simulator: {command: [sim], x_dim: 1, classpath: [x.jar]}
                simulations: 10
                """, org.sbi4j.workflow.job.JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("'classpath' applies only to a 'class' simulator");
    }

    /** The "- sbc:" lines of a summary. */
    private static List<String> sbcLines(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("- sbc:")).toList();
    }

    @Test
    void summarySbcLine_oneLineSaysConsistentWithCalibrationExactlyWhenSbcPasses()
            throws Exception {
        for (boolean skewed : new boolean[] {false, true}) {
            SbcResult r = sbc(skewed);
            RunSummary s = new RunSummary(tmp);
            s.verdict("sbc", r.verdict());
            s.verdict("coverage (TARP)", "coverage verdict");
            List<String> lines = sbcLines(s.markdown());
            assertThat(lines).as(s.markdown()).hasSize(1);
            assertThat(lines.get(0).contains("consistent with calibration"))
                    .isEqualTo(r.calibrated()).isEqualTo(!skewed);
            assertThat(lines.get(0).contains("NOT calibrated")).isEqualTo(!r.calibrated());
        }
        // a real run: the line agrees with sbc.json
        Path job = job("diagnostics: [sbc]\n");
        RunSummary run = Analysis.of(job).threads(1).tests(30, 30).run();
        Map<?, ?> sbcJson = JsonFiles.read(run.dir().resolve("sbc.json"));
        List<String> lines = sbcLines(Files.readString(run.dir().resolve("summary.md")));
        assertThat(lines).hasSize(1);
        boolean calibrated = (Boolean) sbcJson.get("calibrated");
        assertThat(lines.get(0).contains("consistent with calibration")).isEqualTo(calibrated);
        assertThat(lines.get(0).contains("NOT calibrated")).isEqualTo(!calibrated);
    }

    private static org.sbi4j.workflow.job.JobFile yaml(String text) {
        return org.sbi4j.workflow.job.JobFileReader.parse(text,
                org.sbi4j.workflow.job.JobFileReader.Format.YAML, "job.yaml");
    }

    /** Item 3: `embedding: {type: cnn}` names the 1-D CNN, read and built before any work. */
    @Test
    void item3_aCnnEmbeddingIsAcceptedAndTakesEffect() {
        var job = yaml("""
                simulator: {task: two_moons}
                simulations: 100
                estimator: {type: nsf, embedding: {type: cnn, channels: [4]}}
                """);
        var emb = Presets.forJob(job).estimator().embedding();
        assertThat(emb).isInstanceOf(org.sbi4j.posterior.Conv1dEmbedding.class);
        assertThat(((org.sbi4j.posterior.Conv1dEmbedding) emb).channels()).containsExactly(4);
        assertThatThrownBy(() -> yaml("""
                simulator: {task: two_moons}
                simulations: 100
                estimator: {type: nsf, embedding: {type: cnnn}}
                """)).hasMessageContaining("cnnn");
    }

    /**
     * Item 11: a failed calibration check in `run` is acted on (the ladder) and advised in
     * summary.md's own section, and jobs have a `preset:` key.
     */
    @Test
    void item11_aFailedCalibrationIsReportedWithAdviceAndJobsHaveAPresetKey() {
        var job = yaml("""
                simulator: {task: two_moons}
                simulations: 100
                preset: calibrated
                diagnostics: [sbc]
                """);
        assertThat(Presets.forJob(job).estimator().ensemble()).isEqualTo(5);
        assertThat(job.calibration().escalates()).isTrue();
        int[][] ranks = new int[60][2];
        SbcResult failing = Sbc.test(new SbcRanks(20, ranks, new int[60], new double[60]),
                List.of("a", "b"), 0.01, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        var rung = new Recalibration.Rung("as configured", org.sbi4j.npe.NpeSettings.auto(), 100);
        var attempt = new Recalibration.Attempt(rung, null, failing,
                org.sbi4j.diagnostics.Coverage.hpd(failing.ranks(), 0.01), 3.0);
        RunSummary summary = new RunSummary(Path.of("out"));
        summary.calibration(new Recalibration.Outcome(List.of(attempt), attempt,
                "the ladder ended without a passing configuration"), "auto");
        String md = summary.markdown();
        assertThat(md).contains("## Calibration").contains("1. as configured, 100 simulations:"
                + " failed; SBC NOT calibrated").contains("None passed; kept: as configured")
                .contains("try more simulations (`calibration: {max_simulations: N}`)");
        assertThat(md.lines().filter(l -> l.startsWith("- sbc:"))).isEmpty();
    }
}
