package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.train.Checkpoints;

/**
 * Issue 25, "must show": {@code train --checkpoints DIR} killed with SIGKILL
 * ({@link Process#destroyForcibly()}) in a separate JVM, during the second member of an
 * ensemble of two, and run again with the same command writes the same model bytes as an
 * uninterrupted run: the first member resumes from the checkpoint of the epoch that ended it,
 * the second from its last finished epoch.
 */
class TrainCrashResumeTest {

    @TempDir
    Path tmp;

    private List<String> train(Path data, Path out, Path checkpoints) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out",
                out.toString(), "--seed", "5", "--estimator", "nsf", "--hidden-features", "16",
                "--transforms", "2", "--ensemble", "2", "--stop-after-epochs", "8",
                "--max-epochs", "60", "--preset", "sbi", "--quiet"));
        if (checkpoints != null) {
            args.addAll(List.of("--checkpoints", checkpoints.toString()));
        }
        return args;
    }

    @Test
    void aTrainingKilledWithSigkillResumesToTheModelOfAnUninterruptedRun() throws Exception {
        Path data = tmp.resolve("data");
        Cli.Result sim = Cli.run("simulate", "--task", "two_moons", "--num", "1500", "--seed",
                "3", "--out", data.toString(), "--quiet");
        assertThat(sim.code()).as(sim.toString()).isZero();

        Path ckpt = tmp.resolve("ckpt");
        Path killed = tmp.resolve("killed.sbi4j");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(train(data, killed, ckpt));
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        int secondMemberEpoch = 0;
        while (secondMemberEpoch < 2 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            Path f = ckpt.resolve("member-1.ckpt");
            if (Files.exists(f)) {
                try {
                    secondMemberEpoch = Checkpoints.load(f).epoch();
                } catch (java.io.IOException partlyVisible) {
                    // replaced atomically, but it may vanish between exists and load
                }
            }
        }
        boolean aliveAtKill = child.isAlive();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(aliveAtKill).as("the child was still training when killed; its log: %s",
                Files.readString(log)).isTrue();
        assertThat(secondMemberEpoch).isGreaterThanOrEqualTo(2);
        assertThat(killed).doesNotExist();

        Cli.Result resumed = Cli.run(train(data, killed, ckpt).toArray(String[]::new));
        assertThat(resumed.code()).as(resumed.toString()).isZero();

        Path clean = tmp.resolve("clean.sbi4j");
        Cli.Result whole = Cli.run(train(data, clean, null).toArray(String[]::new));
        assertThat(whole.code()).as(whole.toString()).isZero();
        assertThat(Files.readAllBytes(killed)).isEqualTo(Files.readAllBytes(clean));

        // checkpoints of another training are refused, not resumed
        Cli.Result other = Cli.run(train(data, tmp.resolve("other.sbi4j"), ckpt).stream()
                .map(a -> a.equals("5") ? "6" : a).toArray(String[]::new));
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.lastErrLine()).contains("holds checkpoints of another training")
                .contains("seed 5").contains("seed 6");
    }
}
