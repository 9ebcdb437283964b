package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.workflow.TrainingReports;

/**
 * Defects a new user hit, on the command line (each test named after the issue's item). The
 * model is a 0.1.0 golden file of sbi4j-core's tests (x of dimension 4, see
 * {@link GoldenModelsCliTest}).
 */
class NewUserIssueCliTest {

    static final Path MODEL = GoldenModelsCliTest.GOLDEN.resolve("nsf.sbi4j");

    @TempDir
    Path tmp;

    private static void assertError(Cli.Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.lastErrLine()).as(r.toString()).startsWith("error: ").contains(fragments);
    }

    @Test
    void item2_headerlessObservationCsvKeepsItsFirstRow() throws Exception {
        Path two = Files.writeString(tmp.resolve("two.csv"), "0.1,-0.2,0.3,0.4\n0.2,0.1,0.3,0.2\n");
        Path out = tmp.resolve("s.csv");
        Cli.Result r = Cli.run("sample", "--model", MODEL.toString(), "--observation",
                two.toString(), "--num", "20", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(tmp.resolve("s-1.csv")).isRegularFile();
        assertThat(tmp.resolve("s-2.csv")).isRegularFile();

        Path one = Files.writeString(tmp.resolve("one.csv"), "0.1,-0.2,0.3,0.4\n");
        Path single = tmp.resolve("single.csv");
        Cli.Result r1 = Cli.run("sample", "--model", MODEL.toString(), "--observation",
                one.toString(), "--num", "20", "--seed", "3", "--out", single.toString());
        assertThat(r1.code()).as(r1.toString()).isZero();
        assertThat(Files.readAllLines(single)).hasSize(21);
    }

    @Test
    void item4_diagnoseSbcRefusesAnExistingOutBeforeComputing() throws Exception {
        // The job's simulator program does not exist: simulating would fail with another error.
        Path job = Files.writeString(tmp.resolve("toy.yaml"), GoldenModelsCliTest.JOB);
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        for (String diagnostic : new String[] {"sbc", "coverage"}) {
            Cli.Result r = Cli.run("diagnose", diagnostic, "--model", MODEL.toString(), "--job",
                    job.toString(), "--num-tests", "10", "--num-samples", "10", "--seed", "5",
                    "--out", existing.toString());
            assertError(r, "exists and is not empty");
            assertThat(r.err()).doesNotContain("test simulations");
        }
        assertThat(existing.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void item7_trainOnAnInterruptedSimulationFolderSaysToFinishIt() throws Exception {
        Path sims = tmp.resolve("half");
        SimulationStore store = SimulationStore.open(sims,
                StoreSettings.of("task:two_moons", "p", 1, 200, 100, 2, 2));
        assertThat(store.missing()).hasSize(2);
        assertError(Cli.run("train", "--data", sims.toString(), "--out",
                tmp.resolve("m.sbi4j").toString()), "unfinished simulation run",
                "same 'sbi4j simulate' command");
    }

    @Test
    void item13_emptyModelFileUnlimitedEpochsAndThreadsHelp() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.sbi4j"));
        assertError(Cli.run("info", empty.toString()), "empty file");

        assertThat(TrainingReports.settingText("training.max_epochs",
                Integer.toString(Integer.MAX_VALUE))).isEqualTo("unlimited");
        assertThat(TrainingReports.settingText("training.max_epochs", "3")).isEqualTo("3");

        for (String command : new String[] {"train", "sample"}) {
            Cli.Result help = Cli.run(command, "--help");
            assertThat(help.out()).as(help.toString()).contains("'train' and 'sample' do not use")
                    .doesNotContain("Threads for simulation (default");
        }
    }

    @Test
    void item12_aModelWithoutReportAndTheLibraryRouteOfTheReadme() throws Exception {
        // a model saved by PosteriorFiles.save: no MODEL.report.json beside it
        Path model = Files.copy(MODEL, tmp.resolve("saved.sbi4j"));
        Cli.Result r = Cli.run("diagnose", "sbc", "--model", model.toString(), "--num-tests",
                "10", "--num-samples", "10", "--seed", "1");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.lastErrLine()).contains(model + " has no training report",
                "give --task NAME or --job FILE").doesNotContain(".report.json");

        // the README's Java snippet imports what it uses, and every import is a class
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int open = readme.indexOf("```java\n");
        String snippet = readme.substring(open, readme.indexOf("```\n", open + 8));
        java.util.List<String> imports = snippet.lines().filter(l -> l.startsWith("import "))
                .map(l -> l.substring(7, l.length() - 1)).toList();
        for (String type : new String[] {"Prior", "Priors", "Simulator", "NpeResult", "Npe",
            "NpeSettings", "ConditionedPosterior", "Matrix", "RandomSource", "List", "Interval",
            "PosteriorFiles"}) {
            assertThat(snippet).contains(type);
            assertThat(imports).as("import of " + type).anyMatch(i -> i.endsWith("." + type));
        }
        for (String i : imports) {
            assertThat(Class.forName(i)).as(i).isNotNull();
        }
        // the commands find a JDK 25 first; classpath.sh names the old-java failure
        assertThat(readme).contains(". scripts/find-jdk.sh && sbi4j_find_jdk",
                "$(../../scripts/classpath.sh)", "\"$JAVA_HOME/bin/javac\" -cp \"$CP\"");
        assertThat(Files.readString(root.resolve("scripts/classpath.sh")))
                .contains("UnsupportedClassVersionError");
    }
}
