package org.sbi4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;

class SimulationStoreTest {

    static final Prior PRIOR = StoreModels.box(2);

    @TempDir
    Path tmp;

    /** The files of one uninterrupted in-memory run: the reference for every store layout. */
    static void assertSameAsInMemoryRun(Path dir, long seed, int n) throws IOException {
        SimulationResult r = Simulations.run(PRIOR, new StoreModels.Line(0), n, seed, 1,
                SimulationProgress.NONE);
        assertThat(Files.readAllBytes(dir.resolve("theta.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(r.theta())));
        assertThat(Files.readAllBytes(dir.resolve("x.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(r.x())));
        assertThat(Files.readAllBytes(dir.resolve("index.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(r.index())));
    }

    @Test
    void finishedStoreHoldsTheRowsOfAnInMemoryRunAndNoChunkFiles() throws IOException {
        Path dir = tmp.resolve("run");
        SimulationStore store = SimulationStore.open(dir, StoreModels.settings(7, 230, 50));
        store.run(PRIOR, new StoreModels.Line(0), 2, SimulationProgress.NONE);
        assertThat(store.isComplete()).isTrue();
        assertThat(store.chunks()).extracting(StoreChunk::range).containsExactly(
                new IndexRange(0, 50), new IndexRange(50, 100), new IndexRange(100, 150),
                new IndexRange(150, 200), new IndexRange(200, 230));
        StoreSummary s = store.finish();
        assertSameAsInMemoryRun(dir, 7, 230);
        // about 10% of θ0 ~ U(-1, 1) exceed 0.8 and fail: some, but not most, rows are invalid
        assertThat(s.invalid()).isBetween(1L, 60L);
        assertThat(s.attempted()).isEqualTo(230);
        assertThat(s.failureExamples()).first().asString().startsWith("simulation ");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "manifest.json", "theta.npy", "x.npy", "index.npy");
        }
        SimulationStore again = SimulationStore.openExisting(dir);
        assertThat(again.isFinished()).isTrue();
        assertThat(again.load().index()).isEqualTo(Npy.read(dir.resolve("index.npy")).longs());
        SimulationStore reopened = SimulationStore.open(dir, StoreModels.settings(7, 230, 50));
        StoreModels.Line idle = new StoreModels.Line(0);
        reopened.run(PRIOR, idle, 1, SimulationProgress.NONE);
        assertThat(idle.calls.get()).isZero();
        assertThat(reopened.finish()).isEqualTo(s);
        assertSameAsInMemoryRun(dir, 7, 230);
    }

    @Test
    void resumeAfterACrashRunsOnlyTheMissingChunksAndGivesTheSameFiles() throws IOException {
        Path dir = tmp.resolve("run");
        StoreSettings settings = StoreModels.settings(11, 300, 40);
        SimulationStore first = SimulationStore.open(dir, settings);
        assertThatThrownBy(() -> first.run(PRIOR, new StoreModels.Crashing(130), 1,
                SimulationProgress.NONE)).isInstanceOf(OutOfMemoryError.class);
        // 130 simulations finish chunks [0,40), [40,80), [80,120); the fourth dies mid-way
        SimulationStore resumed = SimulationStore.open(dir, settings);
        assertThat(resumed.chunks()).hasSize(3);
        assertThat(resumed.missing()).first().isEqualTo(new IndexRange(120, 160));
        StoreModels.Line counting = new StoreModels.Line(0);
        long[] firstUpdate = {-1};
        resumed.run(PRIOR, counting, 2, (done, total) -> {
            if (firstUpdate[0] < 0) {
                firstUpdate[0] = done;
            }
        });
        assertThat(counting.calls.get()).isEqualTo(300 - 120);
        assertThat(firstUpdate[0]).isGreaterThan(120);
        resumed.finish();
        assertSameAsInMemoryRun(dir, 11, 300);
    }

    @Test
    void aFolderWithAnotherRunIsRefusedNamingTheSetting() throws IOException {
        Path dir = tmp.resolve("run");
        SimulationStore.open(dir, StoreModels.settings(1, 100, 10));
        assertThatThrownBy(() -> SimulationStore.open(dir, StoreModels.settings(2, 100, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed: \"1\" there vs \"2\" requested");
        assertThatThrownBy(() -> SimulationStore.open(dir, StoreModels.settings(1, 100, 20)))
                .hasMessageContaining("chunk size");
        StoreSettings other = StoreSettings.of("two_moons", "box(-1, 1)^2", 1, 100, 10, 2, 3);
        assertThatThrownBy(() -> SimulationStore.open(dir, other))
                .hasMessageContaining("simulator: \"line\" there vs \"two_moons\"");
    }

    @Test
    void aNonEmptyFolderWithoutManifestIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SimulationStore.open(dir, StoreModels.settings(1, 10, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty and holds no manifest.json");
        assertThatThrownBy(() -> SimulationStore.openExisting(dir))
                .hasMessageContaining("is not a simulation store");
    }

    @Test
    void finishingAnIncompleteStoreNamesTheMissingChunk() throws IOException {
        SimulationStore store = SimulationStore.open(tmp.resolve("r"), StoreModels.settings(1, 30, 10));
        assertThatThrownBy(store::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 chunks are missing, the first [0, 10)");
    }

    @Test
    void chunksFromElsewhereAreCheckedBeforeTheyAreWritten() throws IOException {
        SimulationStore store = SimulationStore.open(tmp.resolve("r"), StoreModels.settings(3, 30, 10));
        SimulationResult r = Simulations.builder(PRIOR, new StoreModels.Line(0)).seed(3).threads(1)
                .run(10, 20);
        assertThatThrownBy(() -> store.writeChunk(new IndexRange(0, 10), r))
                .hasMessageContaining("out of order or outside chunk [0, 10)");
        assertThatThrownBy(() -> store.writeChunk(new IndexRange(10, 25), r))
                .hasMessageContaining("is not chunk [10, 25)");
        assertThatThrownBy(() -> store.writeChunk(new IndexRange(25, 35), r))
                .hasMessageContaining("outside the store's range [0, 30)");
        store.writeChunk(new IndexRange(10, 20), r);
        assertThatThrownBy(() -> store.writeChunk(new IndexRange(15, 25), r))
                .hasMessageContaining("overlaps the completed chunk [10, 20)");
        assertThat(store.missing()).containsExactly(new IndexRange(0, 10), new IndexRange(20, 30));
    }

    @Test
    void priorAndSimulatorMustMatchTheSettings() throws IOException {
        SimulationStore store = SimulationStore.open(tmp.resolve("r"),
                StoreSettings.of("line", "box", 1, 10, 5, 2, 4));
        assertThatThrownBy(() -> store.run(PRIOR, new StoreModels.Line(0), 1,
                SimulationProgress.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x of shape [4]");
    }

    @Test
    void manifestRoundTripsThroughJsonIncludingEscapes() {
        StoreSettings s = new StoreSettings("sim \"q\"\\", "prior\nline", -5, 100, 20, 60, 7, 3,
                new int[] {2, 4});
        Manifest m = new Manifest(s, List.of(new StoreChunk(new IndexRange(27, 34), 6,
                List.of("simulation 30: bad \"θ\"\t"))), false);
        Manifest back = Manifest.fromJson(m.toJson());
        assertThat(back.settings()).isEqualTo(s);
        assertThat(back.chunks()).isEqualTo(m.chunks());
        assertThat(back.finished()).isFalse();
        assertThat(back.missing()).containsExactly(new IndexRange(20, 27), new IndexRange(34, 41),
                new IndexRange(41, 48), new IndexRange(48, 55), new IndexRange(55, 60));
    }

    @Test
    void aCorruptManifestIsReportedWithItsPath() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("r"));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"other\"}");
        assertThatThrownBy(() -> SimulationStore.openExisting(dir))
                .hasMessageContaining("manifest.json").hasMessageContaining("format is other");
    }
}
