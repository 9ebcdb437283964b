package org.sbi4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.sim.SimulationProgress;

/**
 * Kills a store run with SIGKILL ({@link Process#destroyForcibly()}) in a separate JVM after its
 * first chunk, resumes it here, and compares the files with an uninterrupted run's, byte for
 * byte. The child needs 2 ms per simulation (≈ 4 s for the whole run), so the kill lands while
 * most chunks are still to do (normally ~4 s in all; 30 s is only the limit for a loaded machine).
 */
class KilledRunTest {

    static final long SEED = 2024;
    static final int N = 2000;
    static final int CHUNK = 50;

    @TempDir
    Path tmp;

    @Test
    void aRunKilledPartWayResumesToTheFilesOfAnUninterruptedRun() throws Exception {
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowRunMain.class.getName(), dir.toString(), Long.toString(SEED),
                Integer.toString(N), Integer.toString(CHUNK), "2")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int done = 0;
        while (done < 1 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
            done = completedChunks(dir);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(done).as("chunks done before the kill; child log: %s",
                Files.exists(tmp.resolve("child.log")) ? Files.readString(tmp.resolve("child.log"))
                        : "none").isGreaterThanOrEqualTo(1);

        SimulationStore resumed = SimulationStore.open(dir, StoreModels.settings(SEED, N, CHUNK));
        int before = resumed.chunks().size();
        assertThat(before).isBetween(1, N / CHUNK - 1);
        StoreModels.Line counting = new StoreModels.Line(0);
        resumed.run(SimulationStoreTest.PRIOR, counting, 2, SimulationProgress.NONE);
        assertThat(counting.calls.get()).isEqualTo(N - (long) before * CHUNK);
        resumed.finish();

        Path clean = tmp.resolve("clean");
        SimulationStore whole = SimulationStore.open(clean, StoreModels.settings(SEED, N, CHUNK));
        whole.run(SimulationStoreTest.PRIOR, new StoreModels.Line(0), 1, SimulationProgress.NONE);
        whole.finish();
        for (String f : List.of("theta.npy", "x.npy", "index.npy", "manifest.json")) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(clean.resolve(f)));
        }
        SimulationStoreTest.assertSameAsInMemoryRun(dir, SEED, N);
    }

    /** Completed chunks in the manifest as the child last wrote it (0 if not there yet). */
    private static int completedChunks(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(Manifest.FILE))) {
            return 0;
        }
        return Manifest.read(dir).chunks().size();
    }
}
