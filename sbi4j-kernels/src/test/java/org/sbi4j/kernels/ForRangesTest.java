package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Kernels#forRanges}: every index once, block-aligned parts, nesting and failures. */
class ForRangesTest {

    @Test
    void everyIndexIsVisitedOnceInBlockAlignedParts() {
        for (Kernels k : new Kernels[] {KernelProvider.scalar(), VectorKernels.create(1),
                VectorKernels.create(2), VectorKernels.create(3), ScalarKernels.create(Parallelism.of(2)),
                ScalarKernels.create(Parallelism.of(3))}) {
            for (int m : new int[] {1, 2, 7, 64, 1000}) {
                for (int block : new int[] {1, 4, 128}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(m);
                    AtomicIntegerArray parts = new AtomicIntegerArray(8);
                    k.forRanges(m, block, (part, from, to) -> {
                        assertThat(from % block).as("%s m=%d part %d from", k.name(), m, part).isZero();
                        assertThat(part).isLessThan(k.parallelism());
                        parts.incrementAndGet(part);
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < m; i++) {
                        assertThat(seen.get(i)).as("%s m=%d block=%d index %d", k.name(), m, block, i)
                                .isEqualTo(1);
                    }
                    for (int p = 0; p < 8; p++) {
                        assertThat(parts.get(p)).as("part %d runs at most once", p).isLessThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aNestedCallRunsOnTheCallerAlone() {
        VectorKernels k = VectorKernels.create(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(2);
        k.forRanges(2, 1, (part, from, to) -> k.forRanges(10, 1, (p2, f2, t2) -> {
            assertThat(p2).isZero();
            assertThat(f2).isZero();
            assertThat(t2).isEqualTo(10);
            inner.incrementAndGet(part);
        }));
        assertThat(inner.get(0)).isEqualTo(1);
        assertThat(inner.get(1)).isEqualTo(1);
    }

    @Test
    void aFailureInAnyPartReachesTheCaller() {
        VectorKernels k = VectorKernels.create(2);
        assertThatThrownBy(() -> k.forRanges(2, 1, (part, from, to) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        // the pool is usable afterwards
        AtomicIntegerArray seen = new AtomicIntegerArray(2);
        k.forRanges(2, 1, (part, from, to) -> seen.incrementAndGet(from));
        assertThat(seen.get(0) + seen.get(1)).isEqualTo(2);
    }
}
