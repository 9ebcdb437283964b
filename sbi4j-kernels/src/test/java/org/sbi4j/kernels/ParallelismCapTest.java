package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Parallelism}: the cap limits the parts of a split, on the calling thread only. */
class ParallelismCapTest {

    private static Set<Integer> partsUsed(Kernels k, int m) {
        Set<Integer> parts = ConcurrentHashMap.newKeySet();
        k.forRanges(m, 1, (part, from, to) -> parts.add(part));
        return parts;
    }

    @Test
    void theCapLimitsThePartsOfASplitAndEndsWithTheCall() {
        VectorKernels k = VectorKernels.create(3);
        assertThat(Parallelism.cap()).isEqualTo(Integer.MAX_VALUE);
        assertThat(partsUsed(k, 30)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(Parallelism.call(1, () -> partsUsed(k, 30))).containsExactly(0);
        assertThat(Parallelism.call(2, () -> partsUsed(k, 30))).containsExactlyInAnyOrder(0, 1);
        // a cap above the pool's size changes nothing; the innermost call wins
        assertThat(Parallelism.call(8, () -> partsUsed(k, 30))).hasSize(3);
        assertThat(Parallelism.call(8, () -> Parallelism.call(1, Parallelism::cap))).isEqualTo(1);
        assertThat(partsUsed(k, 30)).hasSize(3);
        int[] seen = new int[1];
        Parallelism.run(2, () -> seen[0] = Parallelism.cap());
        assertThat(seen[0]).isEqualTo(2);
        assertThat(Parallelism.cap()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void productsGiveTheSameBitsUnderAnyCap() {
        VectorKernels k = VectorKernels.create(2, 0); // split every product
        int m = 64;
        int n = 33;
        int kk = 17;
        Random r = new Random(3);
        float[] a = new float[m * kk];
        float[] b = new float[kk * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
        float[] free = new float[m * n];
        float[] capped = new float[m * n];
        k.gemmNN(m, n, kk, 1f, a, 0, b, 0, 0f, free, 0);
        Parallelism.run(1, () -> k.gemmNN(m, n, kk, 1f, a, 0, b, 0, 0f, capped, 0));
        assertThat(capped).containsExactly(free);
    }

    @Test
    void aCapBelowOneIsRefusedWithTheValue() {
        assertThatThrownBy(() -> Parallelism.run(0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Parallelism.call(-2, () -> 1)).hasMessageContaining("got -2");
    }
}
