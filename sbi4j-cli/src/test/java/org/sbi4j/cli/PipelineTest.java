package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.workflow.TrainingReports;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.io.Table;
import org.sbi4j.tensor.Matrix;

/** simulate → train → sample → info on two_moons with few simulations and epochs. */
class PipelineTest {

    @Test
    void simulateTrainSampleOnTwoMoons() throws Exception {
        Path dir = Cli.outputs("pipeline");
        Path sims = dir.resolve("sims");
        Cli.Result sim = Cli.run("simulate", "--task", "two_moons", "--num", "1000", "--seed", "7",
                "--threads", "2", "--out", sims.toString());
        assertThat(sim.code()).as(sim.toString()).isZero();
        Matrix theta = Npy.readMatrix(sims.resolve("theta.npy"));
        Matrix x = Npy.readMatrix(sims.resolve("x.npy"));
        NpyArray index = Npy.read(sims.resolve("index.npy"));
        assertThat(theta.rows()).isEqualTo(1000);
        assertThat(theta.cols()).isEqualTo(2);
        assertThat(x.cols()).isEqualTo(2);
        assertThat(index.longs()).startsWith(0L, 1L, 2L).endsWith(999L);
        Map<String, Object> meta = JsonFiles.read(sims.resolve("metadata.json"));
        assertThat(meta).containsEntry("task", "two_moons").containsEntry("seed", 7)
                .containsEntry("num", 1000).containsEntry("invalid", 0);

        Path model = dir.resolve("model.sbi4j");
        Cli.Result train = Cli.run("train", "--data", sims.toString(), "--seed", "3",
                "--max-epochs", "3", "--out", model.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(model).isRegularFile();
        Map<String, Object> report = JsonFiles.read(TrainingReports.reportFile(model));
        assertThat(report).containsEntry("task", "two_moons").containsEntry("seed", 3);
        // balanced NPE with a cosine schedule: trains, and the model records the balance
        Path balanced = dir.resolve("balanced.sbi4j");
        Cli.Result bt = Cli.run("train", "--data", sims.toString(), "--seed", "3",
                "--max-epochs", "2", "--balance", "100", "--cosine-epochs", "4", "--out",
                balanced.toString());
        assertThat(bt.code()).as(bt.toString()).isZero();
        assertThat(Cli.run("info", balanced.toString()).out()).contains("training.balance",
                "training.cosine_epochs");

        // the calibrated preset: 5 members, patience 200; explicit options override it
        Path preset = dir.resolve("preset.sbi4j");
        Cli.Result pt = Cli.run("train", "--data", sims.toString(), "--seed", "3",
                "--max-epochs", "1", "--preset", "calibrated", "--ensemble", "2", "--out",
                preset.toString());
        assertThat(pt.code()).as(pt.toString()).isZero();
        Map<String, Object> pr = JsonFiles.read(TrainingReports.reportFile(preset));
        assertThat(pr.get("estimator").toString()).contains("estimator.ensemble=2");
        assertThat(pr.get("settings").toString()).contains("training.stop_after_epochs=100");
        assertThat((java.util.List<?>) pr.get("members")).hasSize(2);
        Cli.Result bad = Cli.run("train", "--data", sims.toString(), "--preset", "fast",
                "--out", dir.resolve("none.sbi4j").toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--preset: unknown preset 'fast'", "auto, sbi, calibrated");

        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "x1,x2\n0.1,0.2\n-0.3,0.05\n");
        Path samples = dir.resolve("samples.csv");
        Cli.Result sample = Cli.run("sample", "--model", model.toString(), "--observation",
                obs.toString(), "--num", "500", "--seed", "1", "--out", samples.toString());
        assertThat(sample.code()).as(sample.toString()).isZero();
        for (int k = 1; k <= 2; k++) {
            Table t = Csv.read(dir.resolve("samples-" + k + ".csv"));
            assertThat(t.names()).containsExactly("parameter_1", "parameter_2");
            assertThat(t.values().rows()).isEqualTo(500);
        }
        Path npy = dir.resolve("single.npy");
        Files.writeString(dir.resolve("one.csv"), "a,b\n0.1,0.2\n");
        Cli.Result one = Cli.run("sample", "--model", model.toString(), "--observation",
                dir.resolve("one.csv").toString(), "--num", "200", "--seed", "1", "--out",
                npy.toString());
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(Npy.readMatrix(npy).rows()).isEqualTo(200);
        assertThat(one.out()).contains("(seed 1)");
        Path again = dir.resolve("again.npy");
        assertThat(Cli.run("sample", "--model", model.toString(), "--observation",
                dir.resolve("one.csv").toString(), "--num", "200", "--seed", "1", "--out",
                again.toString(), "--quiet").code()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(npy)); // same seed

        Cli.Result info = Cli.run("info", model.toString());
        assertThat(info.code()).as(info.toString()).isZero();
        assertThat(info.out()).contains("nsf", "seed           3", "x dimension    2");

        // diagnose sbc: the task is found through model.sbi4j.report.json
        Path sbcDir = dir.resolve("sbc");
        Cli.Result sbc = Cli.run("diagnose", "sbc", "--model", model.toString(), "--num-tests",
                "40", "--num-samples", "50", "--seed", "5", "--out", sbcDir.toString());
        assertThat(sbc.code()).as(sbc.toString()).isZero();
        assertThat(sbc.out()).contains("parameter_1", "sbc: ");
        NpyArray ranks = Npy.read(sbcDir.resolve("ranks.npy"));
        assertThat(ranks.shape()).containsExactly(40, 2);
        assertThat(java.util.Arrays.stream(ranks.longs()).allMatch(r -> r >= 0 && r <= 50)).isTrue();
        assertThat(JsonFiles.read(sbcDir.resolve("sbc.json"))).containsKey("calibrated");
        assertThat(sbc.out()).contains("sbc (ECDF bands): ");
        assertThat(JsonFiles.read(sbcDir.resolve("sbc_ecdf.json"))).containsKey("rank_sets");
        assertThat(sbcDir.resolve("sbc_ecdf.png")).isNotEmptyFile();

        Path covDir = dir.resolve("coverage");
        Cli.Result cov = Cli.run("diagnose", "coverage", "--model", model.toString(), "--task",
                "two_moons", "--num-tests", "40", "--num-samples", "50", "--seed", "5", "--out",
                covDir.toString());
        assertThat(cov.code()).as(cov.toString()).isZero();
        assertThat(Csv.read(covDir.resolve("coverage.csv")).names()).startsWith("level", "hpd");

        Cli.Result ident = Cli.run("diagnose", "identifiability", "--model", model.toString(),
                "--observation", dir.resolve("one.csv").toString(), "--num-samples", "300",
                "--seed", "2", "--out", dir.resolve("ident").toString());
        assertThat(ident.code()).as(ident.toString()).isZero();
        assertThat(dir.resolve("ident/identifiability-1.json")).isRegularFile();

        Cli.Result ppc = Cli.run("diagnose", "ppc", "--model", model.toString(), "--observation",
                dir.resolve("one.csv").toString(), "--num-samples", "200", "--seed", "2");
        assertThat(ppc.code()).as(ppc.toString()).isZero();
        assertThat(ppc.out()).startsWith("ppc observation 1: ");

        Cli.Result mis = Cli.run("diagnose", "misspecification", "--model", model.toString(),
                "--observation", dir.resolve("one.csv").toString(), "--alpha", "0.05");
        assertThat(mis.code()).as(mis.toString()).isZero();
        assertThat(mis.out().strip()).matches("observation 1 (inside|outside) p=[0-9.e-]+");
        assertThat(Cli.run("diagnose", "misspecification", "--model", model.toString(),
                "--observation", dir.resolve("one.csv").toString(), "--alpha", "1.5").code())
                .isNotZero();

        // c2st of a sample set against itself cannot tell them apart; against shifted samples it can
        Path c2st = dir.resolve("c2st.json");
        Cli.Result same = Cli.run("diagnose", "c2st", dir.resolve("samples-1.csv").toString(),
                dir.resolve("samples-1.csv").toString(), "--seed", "1", "--out", c2st.toString());
        assertThat(same.code()).as(same.toString()).isZero();
        assertThat(((Number) JsonFiles.read(c2st).get("accuracy")).doubleValue())
                .isBetween(0.3, 0.7); // identical sets: chance level, ±0.2 for 1,000 points in 5 folds

        Path corner = dir.resolve("corner.png");
        Cli.Result plot = Cli.run("plot", dir.resolve("samples-1.csv").toString(), "--out",
                corner.toString(), "--truth", "0.1,0.2");
        assertThat(plot.code()).as(plot.toString()).isZero();
        assertThat(corner).isNotEmptyFile();
        Path loss = dir.resolve("loss.png");
        Cli.Result lossPlot = Cli.run("plot", TrainingReports.reportFile(model).toString(), "--out",
                loss.toString());
        assertThat(lossPlot.code()).as(lossPlot.toString()).isZero();
        assertThat(loss).isNotEmptyFile();
    }
}
