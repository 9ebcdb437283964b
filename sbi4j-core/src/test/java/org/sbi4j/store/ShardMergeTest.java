package org.sbi4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.sim.SimulationProgress;

class ShardMergeTest {

    @TempDir
    Path tmp;

    @Test
    void shardRangesPartitionTheRunWithSizesDifferingByAtMostOne() {
        for (long n : new long[] {0, 1, 7, 100, 1001}) {
            for (int shards : new int[] {1, 2, 3, 7, 16}) {
                long at = 0;
                for (int i = 0; i < shards; i++) {
                    IndexRange r = IndexRange.shard(i, shards, n);
                    assertThat(r.from()).isEqualTo(at);
                    assertThat(r.size()).isBetween(n / shards, n / shards + 1);
                    at = r.to();
                }
                assertThat(at).isEqualTo(n);
            }
        }
        assertThat(IndexRange.shard(1, 3, 10)).isEqualTo(new IndexRange(3, 6));
        assertThatThrownBy(() -> IndexRange.shard(3, 3, 10))
                .hasMessageContaining("shard 3 of 3 does not exist");
    }

    /** Runs shard i of N of the test run into tmp/shard-i; finished or not. */
    private Path shard(long seed, int i, int shards, boolean finish) throws IOException {
        Path dir = tmp.resolve("shard-" + seed + "-" + i);
        SimulationStore s = SimulationStore.open(dir,
                StoreModels.settings(seed, 250, 30).shard(i, shards));
        s.run(SimulationStoreTest.PRIOR, new StoreModels.Line(0), 1, SimulationProgress.NONE);
        if (finish) {
            s.finish();
        }
        return dir;
    }

    @Test
    void mergedShardsEqualOneUninterruptedRunWhateverTheOrderAndState() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(shard(5, 2, 3, true), shard(5, 0, 3, false),
                shard(5, 1, 3, true)));
        Path out = tmp.resolve("merged");
        StoreSummary s = ShardMerge.merge(dirs, out, false);
        assertThat(s.attempted()).isEqualTo(250);
        SimulationStoreTest.assertSameAsInMemoryRun(out, 5, 250);
        SimulationStore merged = SimulationStore.openExisting(out);
        assertThat(merged.isFinished()).isTrue();
        assertThat(merged.settings().indexRange()).isEqualTo(new IndexRange(0, 250));
        assertThat(merged.summary()).isEqualTo(s);
        // the shard folders are only read
        assertThat(SimulationStore.openExisting(dirs.get(1)).isFinished()).isFalse();
    }

    @Test
    void gapsOverlapsAndForeignShardsAreReported() throws IOException {
        Path a = shard(5, 0, 4, true);
        Path c = shard(5, 2, 4, true);
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, c), out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing [62, 125), [187, 250)");
        Path other = shard(6, 1, 4, true);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, other), out, false))
                .hasMessageContaining("different runs (seed: \"5\" vs \"6\")");
        Path wide = tmp.resolve("wide");
        SimulationStore w = SimulationStore.open(wide,
                StoreModels.settings(5, 250, 30).range(new IndexRange(50, 130)));
        w.run(SimulationStoreTest.PRIOR, new StoreModels.Line(0), 1, SimulationProgress.NONE);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, wide, c), out, false))
                .hasMessageContaining("[0, 62) and ").hasMessageContaining("[50, 130) overlap");
        assertThat(out).doesNotExist();
    }

    @Test
    void anIncompleteShardIsRefused() throws IOException {
        Path a = tmp.resolve("half");
        SimulationStore.open(a, StoreModels.settings(5, 250, 30).shard(0, 2));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a), tmp.resolve("o"), false))
                .hasMessageContaining("is incomplete: 5 chunks missing, the first [0, 30)");
    }

    @Test
    void aNonEmptyOutputNeedsOverwriteWhichKeepsForeignFiles() throws IOException {
        List<Path> dirs = List.of(shard(5, 0, 2, true), shard(5, 1, 2, true));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("README"), "keep me");
        Files.writeString(out.resolve("theta.npy"), "stale");
        assertThatThrownBy(() -> ShardMerge.merge(dirs, out, false))
                .hasMessageContaining("is not empty");
        ShardMerge.merge(dirs, out, true);
        SimulationStoreTest.assertSameAsInMemoryRun(out, 5, 250);
        assertThat(out.resolve("README")).hasContent("keep me");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(dirs.get(0), out), out, true))
                .hasMessageContaining("is also a shard");
    }
}
