package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class BatchIteratorTest {

    @Test
    void everyRowOncePerEpochWithAShortLastBatchInTheSameBuffers() {
        Dataset d = DatasetTest.numbered(23);
        BatchIterator it = d.batches(5);
        Matrix t = it.newThetaBuffer();
        Matrix x = it.newXBuffer();
        float[] tData = t.data();
        long[] idx = new long[5];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        List<Long> previousOrder = null;
        for (int epoch = 0; epoch < 3; epoch++) {
            it.reset(rng);
            List<Long> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            while (it.next(t, x, idx)) {
                sizes.add(t.rows());
                assertThat(x.rows()).isEqualTo(t.rows());
                for (int r = 0; r < t.rows(); r++) {
                    float i = idx[r] - 100;
                    assertThat(t.row(r)).containsExactly(i, 0f - i);
                    assertThat(x.row(r)).containsExactly(10 * i, 10 * i + 1, 10 * i + 2);
                    seen.add(idx[r]);
                }
            }
            assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.range(100, 123).boxed().toList());
            assertThat(seen).isNotEqualTo(previousOrder);
            previousOrder = seen;
            assertThat(it.next(t, x)).isFalse();
        }
        assertThat(t.data()).isSameAs(tData);
        assertThat(it.batchesPerEpoch()).isEqualTo(5);
    }

    @Test
    void newIteratorAndResetInOrderGoInRowOrder() {
        BatchIterator it = DatasetTest.numbered(4).batches(3);
        Matrix t = it.newThetaBuffer();
        Matrix x = it.newXBuffer();
        long[] idx = new long[3];
        assertThat(it.next(t, x, idx)).isTrue();
        assertThat(idx).containsExactly(100, 101, 102);
        it.resetInOrder();
        assertThat(it.hasNext()).isTrue();
        it.next(t, x, idx);
        assertThat(idx).containsExactly(100, 101, 102);
    }

    @Test
    void sameSeedGivesSameBatches() {
        Dataset d = DatasetTest.numbered(30);
        long[] a = firstBatch(d, 11L);
        long[] b = firstBatch(d, 11L);
        assertThat(a).isEqualTo(b).isNotEqualTo(firstBatch(d, 12L));
    }

    private static long[] firstBatch(Dataset d, long seed) {
        BatchIterator it = d.batches(8);
        long[] idx = new long[8];
        it.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        it.next(it.newThetaBuffer(), it.newXBuffer(), idx);
        return idx;
    }

    @Test
    void rejectsBuffersThatCannotHoldABatch() {
        BatchIterator it = DatasetTest.numbered(10).batches(4);
        assertThatThrownBy(() -> it.next(Matrix.of(3, 2), it.newXBuffer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("theta buffer with capacity 3x2 cannot hold a batch of 4x2");
        assertThatThrownBy(() -> it.next(it.newThetaBuffer(), Matrix.of(4, 2)))
                .hasMessageContaining("x buffer");
        assertThatThrownBy(() -> DatasetTest.numbered(3).batches(0))
                .hasMessageContaining("batch size must be >= 1, got 0");
    }
}
