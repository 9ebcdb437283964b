package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.workflow.SimulationFolder;
import org.sbi4j.workflow.Source;
import org.sbi4j.workflow.StoreRunner;

/**
 * Issue 17, items 1 and 8 on the command line: a simulation folder that carries its prior, and
 * interruptions that say what was kept and how to resume.
 */
class NewUserIssueFolderCliTest {

    @TempDir
    Path tmp;

    private static Path job(Path dir, double half) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("job.yaml"), """
                priors:
                  - {name: a, distribution: uniform, low: %s, high: %s}
                  - {name: b, distribution: "uniform(-1, 1)"}
                simulator: {task: two_moons}
                simulations: 300
                """.formatted(-half, half));
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void item1_aSimulationFolderKeepsItsPriorAndRefusesAJobEditedSince() throws Exception {
        Path dir = tmp.resolve("study");
        Path job = job(dir, 1);
        Path sims = dir.resolve("sims");
        ok("simulate", "--job", job.toString(), "--num", "300", "--seed", "1", "--out",
                sims.toString(), "--quiet");
        Map<String, Object> meta = SimulationFolder.readMetadata(sims);
        assertThat(meta.get("stored_job").toString()).contains("low=-1.0", "high=1.0",
                "task=two_moons");

        job(dir, 0.5);  // the prior of a narrowed after simulating
        Path model = tmp.resolve("m.sbi4j");
        Cli.Result edited = Cli.run("train", "--data", sims.toString(), "--out",
                model.toString(), "--max-epochs", "1", "--seed", "1", "--quiet");
        assertThat(edited.code()).as(edited.toString()).isEqualTo(1);
        assertThat(edited.lastErrLine()).startsWith("error: the job file " + job)
                .contains("now gives the prior Independent[a ~ uniform(-0.5, 0.5)",
                        "records Independent[a ~ uniform(-1.0, 1.0)", "--prior-from-data");
        assertThat(model).doesNotExist();

        Cli.Result explicit = ok("train", "--data", sims.toString(), "--job", job.toString(),
                "--out", tmp.resolve("explicit.sbi4j").toString(), "--max-epochs", "1",
                "--seed", "1", "--quiet");
        assertThat(explicit.err()).contains("warning: the prior of job " + job,
                "simulations were drawn from another prior");

        ok("train", "--data", sims.toString(), "--out", model.toString(), "--max-epochs", "1",
                "--seed", "1", "--quiet", "--prior-from-data");
        assertThat(ok("info", model.toString()).out()).contains("a in [-1.0, 1.0]");

        // moved: the recorded job file is gone, the stored prior and simulator are used
        Path moved = tmp.resolve("moved");
        Files.move(dir, moved);
        Path m2 = tmp.resolve("m2.sbi4j");
        Cli.Result r = ok("train", "--data", moved.resolve("sims").toString(), "--out",
                m2.toString(), "--max-epochs", "1", "--seed", "1");
        assertThat(r.err()).contains("using the prior stored in", "is gone");
        assertThat(ok("info", m2.toString()).out()).contains("a in [-1.0, 1.0]");
        Cli.Result sbc = ok("diagnose", "sbc", "--model", m2.toString(), "--num-tests", "10",
                "--num-samples", "10", "--seed", "2", "--quiet");
        assertThat(sbc.out()).contains("sbc: ");
    }

    @Test
    void item8_anInterruptedSimulationSaysWhatIsKeptAndTheRerunResumes() throws Exception {
        Path sims = tmp.resolve("sims");
        try (Source src = Source.ofTask("two_moons", true)) {
            SimulationStore store = SimulationFolder.openNew(sims,
                    SimulationFolder.settings(src, 5, 2000), false);
            Thread caller = Thread.currentThread();
            // a stop request (Ctrl-C in a Java program) during the third chunk of 100
            assertThatThrownBy(() -> StoreRunner.run(store, src.prior(), src.simulator(), false,
                    1, (done, all) -> {
                        if (done == 250) {
                            caller.interrupt();
                        }
                    })).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("300 of 2000 simulations are kept in " + sims)
                    .hasMessageContaining("run the same command again to resume");
            assertThat(Thread.interrupted()).as("the interrupt is passed on").isTrue();
        }
        double first = SimulationFolder.seconds(sims);
        assertThat(first).isPositive();

        Cli.Result resumed = ok("simulate", "--task", "two_moons", "--num", "2000", "--seed", "5",
                "--out", sims.toString());
        assertThat(resumed.err()).contains("resuming: 300 of 2000 simulations already done");
        double total = ((Number) JsonFiles.read(sims.resolve("metadata.json")).get("seconds"))
                .doubleValue();
        assertThat(total).as("seconds of both invocations").isGreaterThan(first);

        Path clean = tmp.resolve("clean");
        ok("simulate", "--task", "two_moons", "--num", "2000", "--seed", "5", "--out",
                clean.toString(), "--quiet");
        for (String f : new String[] {"theta.npy", "x.npy", "index.npy"}) {
            assertThat(Files.readAllBytes(sims.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(clean.resolve(f)));
        }
    }

    @Test
    void item8_ctrlCInSimulateSaysWhatWasKeptAndHowToResume() throws Exception {
        Path job = Files.writeString(tmp.resolve("slow.yaml"), """
                priors: [{name: a, distribution: "uniform(0, 1)"}]
                simulator: {class: %s}
                simulations: 2000
                """.formatted(SlowSimulator.class.getName()));
        Path out = tmp.resolve("out");
        Process p = child(tmp.resolve("stderr.txt"), "simulate", "--job", job.toString(),
                "--num", "2000", "--seed", "1", "--threads", "1", "--out", out.toString());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(out.resolve("theta_100_200.npy")) && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive()).as("still simulating after two chunks").isTrue();
        p.destroy();  // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(tmp.resolve("stderr.txt"));
        long kept = SimulationStore.openExisting(out).chunks().stream()
                .mapToLong(c -> c.range().size()).sum();
        assertThat(kept).isGreaterThanOrEqualTo(200).isLessThan(2000);
        assertThat(err).contains("warning: simulate: interrupted; " + kept + " of 2000"
                + " simulations are kept in " + out, "run the same command again to resume");
    }

    /** Starts {@code sbi4j ARGS} in a JVM of its own, stderr to {@code err}. */
    private static Process child(Path err, String... args) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
    }

    @Test
    void item8_ctrlCInTrainSaysWhatWasLostAndHowToStartAgain() throws Exception {
        Path sims = tmp.resolve("sims");
        ok("simulate", "--task", "two_moons", "--num", "500", "--seed", "1", "--out",
                sims.toString(), "--quiet");
        Path err = tmp.resolve("train-err.txt");
        Path model = tmp.resolve("m.sbi4j");
        Process p = child(err, "train", "--data", sims.toString(), "--out", model.toString(),
                "--preset", "calibrated", "--seed", "1");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while ((!Files.exists(err) || !Files.readString(err).contains("train: epoch"))
                && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).as("still training").isTrue();
        p.destroy();  // SIGTERM: the shutdown hooks run, as on Ctrl-C
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(err)).contains("warning: train: interrupted during ensemble"
                + " member ", " of 5 (at epoch ", "nothing was written: " + model,
                "Run the same command again");
        assertThat(model).doesNotExist();
    }

    @Test
    void item8_anInterruptedTrainingNamesTheMemberLostAndHowToStartAgain() {
        Progress quiet = new Progress(new java.io.PrintWriter(java.io.Writer.nullWriter()), true);
        try (TrainInterruption t = new TrainInterruption(5, Path.of("m.sbi4j"), quiet, null)) {
            for (int e : new int[] {1, 2, 3, 1, 2}) {
                t.observe(new EpochRecord(e, 1, 1, 1e-3, 0.1, 0));
            }
            assertThat(t.message()).contains("interrupted during ensemble member 2 of 5",
                    "at epoch 2", "1 finished member lost", "nothing was written: m.sbi4j",
                    "Run the same command again");
        }
        try (TrainInterruption early = new TrainInterruption(5, Path.of("m.sbi4j"), quiet, null)) {
            assertThat(early.message()).contains("member 1 of 5 (before its first epoch ended;"
                    + " 0 finished members lost)");
        }
        try (TrainInterruption single = new TrainInterruption(1, Path.of("m.sbi4j"), quiet, null)) {
            single.observe(new EpochRecord(7, 1, 1, 1e-3, 0.1, 0));
            assertThat(single.message()).contains("interrupted at epoch 7")
                    .doesNotContain("member");
        }
    }

    /** One parameter, x = θ, 5 ms per simulation (slow enough to interrupt mid-run). */
    public static final class SlowSimulator implements org.sbi4j.sim.Simulator {
        @Override
        public int thetaDim() {
            return 1;
        }

        @Override
        public int xDim() {
            return 1;
        }

        @Override
        public void simulate(float[] theta, int thetaOff, org.apache.commons.rng.UniformRandomProvider rng,
                             float[] x, int xOff) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x[xOff] = theta[thetaOff];
        }
    }
}
