package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every subcommand answers --help with its usage and exit code 0; usage errors exit 2. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "train", "sample", "info", "tasks", "diagnose",
            "diagnose sbc", "diagnose coverage", "diagnose c2st", "diagnose ppc",
            "diagnose identifiability", "diagnose misspecification", "plot", "run", "merge",
            "demo", "bench"})
    void helpPrintsUsage(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: sbi4j " + command).contains("--help");
    }

    @Test
    void tasksListsTheBuiltInSimulatorsWithDimensions() {
        Cli.Result r = Cli.run("tasks");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("two_moons\\s+2\\s+2")
                .containsPattern("gaussian_linear\\s+10\\s+10").containsPattern("slcp\\s+5\\s+8");
    }

    @Test
    void usageErrorsExitWith2AndEndWithAnErrorLine() {
        Cli.Result missing = Cli.run("simulate", "--task", "two_moons", "--out", "target/none");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.lastErrLine()).startsWith("error: ").contains("--num");
        Cli.Result both = Cli.run("simulate", "--task", "two_moons", "--job", "j.yaml",
                "--num", "5", "--out", "target/none");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.lastErrLine()).isEqualTo("error: give either --task or --job, not both");
        Cli.Result shard = Cli.run("simulate", "--task", "two_moons", "--num", "5", "--shard",
                "3/2", "--out", "target/none");
        assertThat(shard.code()).isEqualTo(2);
        assertThat(shard.lastErrLine()).contains("--shard must be i/N");
        Cli.Result diag = Cli.run("diagnose");
        assertThat(diag.code()).isEqualTo(2);
        assertThat(diag.lastErrLine()).contains("missing diagnostic");
    }
}
