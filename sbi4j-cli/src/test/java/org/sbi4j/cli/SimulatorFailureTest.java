package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreChunk;

/**
 * The error table of docs/cli.md, simulator rows: an external program that crashes, hangs,
 * prints garbage or answers with the wrong row count or row length stops {@code simulate} with
 * exit code 1 and one {@code error:} line, keeping the chunks simulated before.
 */
class SimulatorFailureTest {

    static final Path SCRIPT = Path.of("src", "test", "resources", "simulators",
            "bad_simulator.py").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path job(Path dir, String mode, int after) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("job.json"), """
                {"priors": [{"name": "a", "distribution": "normal(0, 1)"},
                            {"name": "b", "distribution": "uniform(-1, 1)"}],
                 "simulator": {"command": ["python3", "%s", "%s", "%d"], "x_dim": 2,
                               "batch_size": 25},
                 "simulations": 1000}
                """.formatted(SCRIPT.toString().replace("\\", "\\\\"), mode, after));
    }

    private static Cli.Result simulate(Path job, Path out, String... extra) {
        String[] base = {"simulate", "--job", job.toString(), "--num", "1000", "--seed", "3",
                "--threads", "1", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @ParameterizedTest
    @CsvSource({"crash, exited", "hang, time-out of 3.0 s", "garbage, not JSON", "rows, 'expected 25 rows in \"x\", got 24'",
            "length, 1 values"})
    void aBrokenSimulatorStopsTheRunWithOneErrorLine(String mode, String fragment)
            throws Exception {
        Path dir = tmp.resolve(mode);
        // Only the hang waits for the time-out; the others fail as soon as they answer.
        Cli.Result r = mode.equals("hang")
                ? simulate(job(dir, mode, 0), dir.resolve("out"), "--timeout", "3")
                : simulate(job(dir, mode, 0), dir.resolve("out"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.lastErrLine()).as(r.toString()).startsWith("error: the simulator failed: ")
                .contains(fragment).contains("run the same command again to resume");
        assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(dir.resolve("out/theta.npy")).doesNotExist();
    }

    @Test
    void aCrashKeepsTheFinishedChunksAndTheSameCommandResumes() throws Exception {
        // 1000 simulations in store chunks of 100, each chunk 4 requests of batch_size 25 rows:
        // crashing from request 10 on keeps the first two chunks.
        Path dir = tmp.resolve("flaky");
        Path job = job(dir, "crash", 10);
        Path out = dir.resolve("out");
        Cli.Result r = simulate(job, out);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.lastErrLine()).contains("200 of 1000 simulations are kept");
        SimulationStore store = SimulationStore.openExisting(out);
        assertThat(store.chunks()).extracting(StoreChunk::range).extracting(x -> x.to())
                .containsExactly(100L, 200L);

        Files.writeString(dir.resolve("fixed"), "");
        Cli.Result resumed = simulate(job, out);
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("kept 1000 of 1000 simulations");

        Path clean = tmp.resolve("clean");
        Cli.Result full = simulate(job(clean, "ok", 0), clean.resolve("out"));
        assertThat(full.code()).as(full.toString()).isZero();
        for (String f : new String[] {"theta.npy", "x.npy", "index.npy"}) {
            assertThat(Files.readAllBytes(out.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(clean.resolve("out").resolve(f)));
        }
    }
}
