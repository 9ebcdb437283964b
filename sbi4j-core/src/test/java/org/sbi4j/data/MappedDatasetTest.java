package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.FileFormatException;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.tensor.Matrix;

class MappedDatasetTest {

    static final int N = 1003;

    @TempDir
    Path tmp;

    /** θ_r = (r, −r), x_r = (r, r/2, 7), index_r = 10·r + 1: every value tells its row. */
    private Path write(int n, boolean withIndex) throws IOException {
        Matrix theta = Matrix.of(n, 2);
        Matrix x = Matrix.of(n, 3);
        long[] index = new long[n];
        for (int r = 0; r < n; r++) {
            theta.data()[2 * r] = r;
            theta.data()[2 * r + 1] = -r;
            x.data()[3 * r] = r;
            x.data()[3 * r + 1] = r / 2f;
            x.data()[3 * r + 2] = 7;
            index[r] = 10L * r + 1;
        }
        Npy.write(tmp.resolve("theta.npy"), theta);
        Npy.write(tmp.resolve("x.npy"), x);
        if (withIndex) {
            Npy.writeLong(tmp.resolve("index.npy"), index);
        }
        return tmp;
    }

    /** Reads an epoch; checks every batch row is consistent; returns the indices in order. */
    private static List<Long> epoch(BatchSource b) {
        Matrix theta = b.newThetaBuffer();
        Matrix x = b.newXBuffer();
        long[] idx = new long[b.batchSize()];
        List<Long> seen = new ArrayList<>();
        int batches = 0;
        while (b.next(theta, x, idx)) {
            batches++;
            for (int r = 0; r < theta.rows(); r++) {
                float row = theta.get(r, 0);
                assertThat(theta.get(r, 1)).isEqualTo(-row);
                assertThat(x.get(r, 1)).isEqualTo(row / 2f);
                assertThat(idx[r]).isEqualTo(10L * (long) row + 1);
                seen.add(idx[r]);
            }
        }
        assertThat(batches).isEqualTo(b.batchesPerEpoch());
        return seen;
    }

    @Test
    void inOrderEpochVisitsEveryRowInFileOrder() throws IOException {
        try (MappedDataset d = MappedDataset.open(write(N, true))) {
            assertThat(d.size()).isEqualTo(N);
            assertThat(d.thetaDim()).isEqualTo(2);
            assertThat(d.xDim()).isEqualTo(3);
            List<Long> seen = epoch(d.batches(64, 100, 3));
            assertThat(seen).hasSize(N);
            for (int r = 0; r < N; r++) {
                assertThat(seen.get(r)).isEqualTo(10L * r + 1);
            }
        }
    }

    @Test
    void shuffledEpochsAreSeededPermutationsMixingBlocks() throws IOException {
        try (MappedDataset d = MappedDataset.open(write(N, true))) {
            MappedBatches b = d.batches(50, 100, 3);
            b.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            List<Long> first = epoch(b);
            b.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            assertThat(epoch(b)).isEqualTo(first);
            b.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
            List<Long> other = epoch(b);
            assertThat(other).isNotEqualTo(first);
            long[] sorted = first.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] all = new long[N];
            Arrays.setAll(all, r -> 10L * r + 1);
            assertThat(sorted).isEqualTo(all);
            // the first window holds 3 blocks of 100 rows: its rows come from more than one block
            long blocksInFirstBatch = first.subList(0, 50).stream().map(i -> (i - 1) / 10 / 100)
                    .distinct().count();
            assertThat(blocksInFirstBatch).isGreaterThan(1);
        }
    }

    @Test
    void withoutIndexFileRowsAreTheirOwnIndicesAndViewsLoad() throws IOException {
        try (MappedDataset d = MappedDataset.open(write(N, false))) {
            MappedDataset tail = d.rows(1000, N);
            assertThat(tail.size()).isEqualTo(3);
            Dataset loaded = tail.load(0, 3);
            assertThat(loaded.index()).containsExactly(1000, 1001, 1002);
            assertThat(loaded.theta().get(2, 0)).isEqualTo(1002f);
            assertThatThrownBy(() -> d.rows(5, 5)).hasMessageContaining("empty or outside");
        }
    }

    @Test
    void badFilesAreRefusedWithTheirNames() throws IOException {
        write(10, false);
        Npy.write(tmp.resolve("x.npy"), Matrix.of(9, 3));
        assertThatThrownBy(() -> MappedDataset.open(tmp)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("x.npy").hasMessageContaining("has 9 rows but theta has 10");
        Npy.write(tmp.resolve("x.npy"), NpyArray.ofDouble(new double[30], 10, 3));
        assertThatThrownBy(() -> MappedDataset.open(tmp))
                .hasMessageContaining("expected a 2-d <f4 array, found <f8");
    }

    @Test
    void nonFiniteValuesAreReportedWhenTheirWindowIsRead() throws IOException {
        write(10, true);
        Matrix x = Npy.readMatrix(tmp.resolve("x.npy"));
        x.data()[3 * 6 + 2] = Float.NaN;
        Npy.write(tmp.resolve("x.npy"), x);
        try (MappedDataset d = MappedDataset.open(tmp)) {
            assertThatThrownBy(() -> epoch(d.batches(4, 5, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x row 6 (simulation 61), column 2 is NaN");
        }
    }

    @Test
    void inMemoryAdapterMatchesTheBatchIterator() {
        Matrix theta = Matrix.of(5, 2);
        Matrix x = Matrix.of(5, 3);
        for (int r = 0; r < 5; r++) {
            theta.data()[2 * r] = r;
            theta.data()[2 * r + 1] = -r;
            x.data()[3 * r] = r;
            x.data()[3 * r + 1] = r / 2f;
        }
        long[] index = {1, 11, 21, 31, 41};
        BatchSource b = BatchSource.of(Dataset.of(theta, x, index), 2);
        assertThat(b.size()).isEqualTo(5);
        assertThat(b.batchesPerEpoch()).isEqualTo(3);
        b.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        assertThat(epoch(b)).containsExactlyInAnyOrder(1L, 11L, 21L, 31L, 41L);
    }
}
