package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error table of docs/cli.md, rows without an external simulator: each failure gives exit
 * code 1 and one clear {@code error:} line as the last line on stderr, and leaves existing files
 * alone. (Simulator failures: {@link SimulatorFailureTest}.)
 */
class ErrorTableTest {

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainSmallModel() {
        Path sims = shared.resolve("sims");
        assertThat(Cli.run("simulate", "--task", "two_moons", "--num", "300", "--seed", "1",
                "--out", sims.toString(), "--quiet").code()).isZero();
        model = shared.resolve("m.sbi4j");
        assertThat(Cli.run("train", "--data", sims.toString(), "--max-epochs", "2", "--seed", "1",
                "--out", model.toString(), "--quiet").code()).isZero();
    }

    private static void assertError(Cli.Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.lastErrLine()).as(r.toString()).startsWith("error: ").contains(fragments);
    }

    @Test
    void missingFile() {
        Path none = tmp.resolve("absent.csv");
        assertError(Cli.run("sample", "--model", model.toString(), "--observation",
                none.toString(), "--out", tmp.resolve("s.csv").toString(), "--seed", "1"),
                "no such file", "absent.csv");
        assertError(Cli.run("info", tmp.resolve("absent.sbi4j").toString()), "no such file");
    }

    @Test
    void observationOfTheWrongDimension() throws Exception {
        Path obs = Files.writeString(tmp.resolve("obs.csv"), "a,b,c\n1,2,3\n");
        assertError(Cli.run("sample", "--model", model.toString(), "--observation",
                obs.toString(), "--out", tmp.resolve("s.csv").toString(), "--seed", "1"),
                "has 3 values per row but the model expects x of dimension 2");
        assertThat(tmp.resolve("s.csv")).doesNotExist();
    }

    @Test
    void nanInAnObservation() throws Exception {
        Path obs = Files.writeString(tmp.resolve("obs.csv"), "a,b\n0.1,0.2\n0.3,nan\n");
        assertError(Cli.run("sample", "--model", model.toString(), "--observation",
                obs.toString(), "--out", tmp.resolve("s.csv").toString(), "--seed", "1"),
                "observation 2", "NaN in column 2");
    }

    @Test
    void unknownJobKey() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"),
                "simulator:\n  task: two_moons\nsimulatons: 100\n");
        assertError(Cli.run("simulate", "--job", job.toString(), "--num", "10", "--seed", "1",
                "--out", tmp.resolve("o").toString()), "simulatons");
    }

    @Test
    void badDistributionArgument() throws Exception {
        Path job = Files.writeString(tmp.resolve("job.yaml"), """
                priors:
                  - {name: a, distribution: normal, mean: 0, sd: -1}
                simulator: {task: two_moons}
                simulations: 100
                """);
        assertError(Cli.run("run", job.toString()), "sd");
    }

    @Test
    void trainingOnAnUnfinishedRunSaysHowToFinishIt() throws Exception {
        Path sims = tmp.resolve("half");
        org.sbi4j.store.SimulationStore store = org.sbi4j.store.SimulationStore.open(sims,
                org.sbi4j.store.StoreSettings.of("task:two_moons", "p", 1, 200, 100, 2, 2));
        assertThat(store.missing()).hasSize(2);
        assertError(Cli.run("train", "--data", sims.toString(), "--task", "two_moons", "--out",
                tmp.resolve("m.sbi4j").toString()), "unfinished simulation run",
                "same 'sbi4j simulate' command");
    }

    @Test
    void damagedModelFile() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path damaged = tmp.resolve("damaged.sbi4j");
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertError(Cli.run("info", damaged.toString()), "damaged.sbi4j");
        Path obs = Files.writeString(tmp.resolve("obs.csv"), "a,b\n0.1,0.2\n");
        assertError(Cli.run("sample", "--model", damaged.toString(), "--observation",
                obs.toString(), "--out", tmp.resolve("s.csv").toString()), "damaged.sbi4j");
    }

    @Test
    void existingOutputFolderAndFiles() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Path keep = Files.writeString(out.resolve("notes.txt"), "mine");
        assertError(Cli.run("simulate", "--task", "two_moons", "--num", "10", "--seed", "1",
                "--out", out.toString()), "exists and is not empty", "--overwrite");
        assertThat(keep).hasContent("mine");
        assertThat(out.resolve("theta.npy")).doesNotExist();

        // the finished run is not simulated again, nor is the trained model replaced
        Path sims = shared.resolve("sims");
        byte[] theta = Files.readAllBytes(sims.resolve("theta.npy"));
        assertError(Cli.run("simulate", "--task", "two_moons", "--num", "300", "--seed", "1",
                "--out", sims.toString()), "already holds this finished run");
        assertError(Cli.run("simulate", "--task", "two_moons", "--num", "300", "--seed", "2",
                "--out", sims.toString()), "different simulation run");
        assertThat(Files.readAllBytes(sims.resolve("theta.npy"))).isEqualTo(theta);
        byte[] m = Files.readAllBytes(model);
        assertError(Cli.run("train", "--data", sims.toString(), "--max-epochs", "1", "--out",
                model.toString()), "exists", "--overwrite");
        assertThat(Files.readAllBytes(model)).isEqualTo(m);
        Path job = Files.writeString(tmp.resolve("job.yaml"),
                "simulator: {task: two_moons}\nsimulations: 50\noutput: busy\n");
        assertError(Cli.run("run", job.toString()), "exists and is not empty");
    }
}
