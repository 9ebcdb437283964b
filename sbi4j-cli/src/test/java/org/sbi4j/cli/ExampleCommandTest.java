package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.examples.Lorenz96Example;
import picocli.CommandLine;

/** {@code sbi4j example NAME} at smoke settings: files, summary lines, the likelihood slice. */
class ExampleCommandTest {

    private static String run(String... args) {
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        CommandLine cl = new CommandLine(new ExampleCommand());
        cl.setOut(new PrintWriter(so, true));
        cl.setErr(new PrintWriter(se, true));
        assertThat(cl.execute(args)).as("exit code; stderr: %s", se).isZero();
        return so.toString();
    }

    @Test
    void bananaWritesSamplesPlotsAndAC2stLine(@TempDir Path dir) throws Exception {
        String out = run("banana", "--out", dir.toString(), "--num", "500", "--max-epochs", "3",
                "--seed", "1", "--samples", "200", "--quiet", "--threads", "2");
        assertThat(out).contains("c2st ").contains("theta_1");
        assertThat(Files.readAllLines(dir.resolve("samples.csv"))).hasSize(201)
                .first().isEqualTo("theta_1,theta_2");
        for (String f : List.of("summary.md", "corner.png", "corner.svg", "loss.png")) {
            assertThat(dir.resolve(f)).exists();
        }
    }

    @Test
    void galaxyImageWritesC2stForThreeObservationsSbcAndPredictiveImages(@TempDir Path dir)
            throws Exception {
        String out = run("galaxy_image", "--out", dir.toString(), "--num", "300", "--max-epochs", "2",
                "--seed", "1", "--samples", "100", "--quiet", "--threads", "2",
                "--embedding-set", "channels=4,8");
        assertThat(out).contains("embedding cnn2d").contains("observation 3: log_mass")
                .contains("SBC with N = 300");
        assertThat(Files.readAllLines(dir.resolve("samples.csv")).get(0)).isEqualTo("log_mass");
        for (String f : List.of("summary.md", "corner.png", "sbc_ranks.png", "posterior_predictive.png",
                "posterior_predictive.svg", "samples_obs2.csv", "samples_obs3.csv")) {
            assertThat(dir.resolve(f)).exists();
        }
    }

    @Test
    void anEmbeddingIsRefusedForAnExampleWithItsOwn(@TempDir Path dir) {
        StringWriter se = new StringWriter();
        CommandLine cl = new CommandLine(new ExampleCommand());
        cl.setErr(new PrintWriter(se, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("banana", "--out", dir.toString(), "--embedding", "none", "--quiet"))
                .isNotZero();
    }

    @Test
    void countingInfersOnlyTheSignalStrength(@TempDir Path dir) throws Exception {
        String out = run("counting_experiment", "--out", dir.toString(), "--num", "500",
                "--max-epochs", "3", "--seed", "1", "--samples", "200", "--quiet", "--threads", "2");
        assertThat(Files.readAllLines(dir.resolve("samples.csv")).get(0)).isEqualTo("mu");
        assertThat(out).contains("MCMC reference");
    }

    /**
     * The chaotic dynamics make the long-window likelihood rugged: on the 401-point grid the
     * short window (1 time unit, below the ~2 time-unit horizon over which errors in F grow
     * visibly) has a single smooth peak (at most 2 local maxima allowing for a flat tail), the
     * long window (20 time units) many more.
     */
    @Test
    void lorenz96WritesTheAmortisedTableAndARuggedLongSlice(@TempDir Path dir) throws Exception {
        run("lorenz96", "--out", dir.toString(), "--num", "500", "--max-epochs", "10", "--seed", "1",
                "--samples", "200", "--quiet", "--threads", "2");
        assertThat(Files.readAllLines(dir.resolve("amortised.csv"))).hasSize(1 + Lorenz96Example.TESTS);
        List<String> slice = Files.readAllLines(dir.resolve("likelihood_slice.csv"));
        assertThat(slice.get(0)).isEqualTo("F,loglik_short,loglik_long");
        double[] s = new double[slice.size() - 1];
        double[] l = new double[slice.size() - 1];
        for (int i = 1; i < slice.size(); i++) {
            String[] p = slice.get(i).split(",");
            s[i - 1] = Double.parseDouble(p[1]);
            l[i - 1] = Double.parseDouble(p[2]);
        }
        assertThat(Lorenz96Example.localMaxima(s)).isLessThanOrEqualTo(2);
        assertThat(Lorenz96Example.localMaxima(l)).isGreaterThan(10);
        assertThat(dir.resolve("likelihood_slice.png")).exists();
        assertThat(dir.resolve("amortised.png")).exists();
    }

    @Test
    void galaxyReportNamesTheConstrainedCombination(@TempDir Path dir) throws Exception {
        String out = run("galaxy_clustering", "--out", dir.toString(), "--num", "1000",
                "--max-epochs", "20", "--seed", "1", "--samples", "200", "--quiet", "--threads", "2");
        // the fast setting fits roughly; the log-space listing must still lead with log A + c log b
        assertThat(out).contains("identifiability: ").contains("log space: log A + ");
    }
}
