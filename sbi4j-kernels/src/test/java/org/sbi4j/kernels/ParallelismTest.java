package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallelism}: one thread service for the scalar and the Vector kernels; the split does
 * not change a bit; the thread count can be changed at run time.
 */
class ParallelismTest {

    @Test
    void scalarAndVectorKernelsGiveTheSameBitsOnOneAndTwoThreads() {
        int m = 259, n = 131, k = 200; // 2·m·n·k ≈ 13.6 M flops: above both split thresholds
        for (String form : List.of("NN", "TN", "NT")) {
            Kernels[] scalar = {ScalarKernels.create(Parallelism.of(1)), ScalarKernels.create(Parallelism.of(2))};
            Kernels[] vector = {VectorKernels.create(Parallelism.of(1), VectorKernels.DEFAULT_MIN_FLOPS),
                VectorKernels.create(Parallelism.of(2), VectorKernels.DEFAULT_MIN_FLOPS)};
            for (Kernels[] pair : List.of(scalar, vector)) {
                float[] one = product(pair[0], form, m, n, k);
                assertArrayEquals(one, product(pair[1], form, m, n, k), pair[0].name() + " " + form);
            }
            // the scalar split also agrees with the serial reference instance
            assertArrayEquals(product(ScalarKernels.INSTANCE, form, m, n, k), product(scalar[1], form, m, n, k));
        }
    }

    @Test
    void largeScalarProductsRunOnTwoThreads() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallelism two = Parallelism.of(2);
        ScalarKernels k = ScalarKernels.create(two);
        assertThat(k.parallelism()).isEqualTo(2);
        k.forRanges(100, 1, (part, from, to) -> threads.add(Thread.currentThread()));
        assertThat(threads).as("threads that ran the parts").hasSize(2);
        assertThat(KernelProvider.scalar().parallelism()).as("the serial reference").isEqualTo(1);
    }

    @Test
    void theThreadCountCanBeChangedAndEveryIndexIsStillVisitedOnce() {
        Parallelism p = Parallelism.of(1);
        Kernels k = ScalarKernels.create(p);
        for (int threads : new int[] {1, 3, 2, 2, 1, 2}) {
            p.setThreads(threads);
            assertThat(k.parallelism()).isEqualTo(threads);
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            AtomicIntegerArray parts = new AtomicIntegerArray(4);
            k.forRanges(1000, 16, (part, from, to) -> {
                parts.incrementAndGet(part);
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 1000; i++) {
                assertThat(seen.get(i)).as("%d threads, index %d", threads, i).isEqualTo(1);
            }
            int used = 0;
            for (int t = 0; t < 4; t++) {
                used += parts.get(t);
            }
            assertThat(used).as("parts with %d threads", threads).isEqualTo(threads);
        }
    }

    @Test
    void kernelProviderSetsTheProcessWideThreads() {
        int before = KernelProvider.get().parallelism();
        try {
            KernelProvider.setThreads(1);
            assertThat(KernelProvider.get().parallelism()).isEqualTo(1);
            assertThat(KernelProvider.parallelism().threads()).isEqualTo(1);
            KernelProvider.setThreads(2);
            assertThat(KernelProvider.get().parallelism()).isEqualTo(2);
        } finally {
            KernelProvider.setThreads(before);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Parallelism.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be >= 1: 0");
        assertThatThrownBy(() -> Parallelism.of(2).setThreads(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Parallelism.serial().setThreads(2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("serial");
        assertThatThrownBy(() -> Parallelism.of(2).forRanges(10, 0, (part, from, to) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block");
        Parallelism p = Parallelism.of(2);
        assertThatThrownBy(() -> p.forRanges(10, 1, (part, from, to) -> p.setThreads(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside");
        assertThat(p.threads()).isEqualTo(2);
        assertThatThrownBy(() -> KernelProvider.defaultThreads("two", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sbi4j.threads").hasMessageContaining("two");
        assertThatThrownBy(() -> KernelProvider.defaultThreads("0", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThat(KernelProvider.defaultThreads(" ", 4)).isEqualTo(4);
        assertThat(KernelProvider.defaultThreads("3", 4)).isEqualTo(3);
    }

    private static float[] product(Kernels k, String form, int m, int n, int kk) {
        float[] a = TestArrays.uniform(m * kk, 1);
        float[] b = TestArrays.uniform(kk * n, 2);
        float[] c = TestArrays.uniform(m * n, 3);
        switch (form) {
            case "NN" -> k.gemmNN(m, n, kk, 0.75f, a, 0, b, 0, 0.5f, c, 0);
            case "TN" -> k.gemmTN(m, n, kk, 0.75f, a, 0, b, 0, 0.5f, c, 0);
            default -> k.gemmNT(m, n, kk, 0.75f, a, 0, b, 0, 0.5f, c, 0);
        }
        return c;
    }
}
