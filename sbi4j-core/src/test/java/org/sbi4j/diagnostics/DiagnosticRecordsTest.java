package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The diagnostics' result records and the parallel loop, on small hand-made cases. */
class DiagnosticRecordsTest {

    private static RankCheck check(int[] ranks) {
        return RankCheck.of("p", false, ranks, 9, 0.01, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
    }

    /** ranks 0..9 twice: uniform (see RankCheckAndPpcByHandTest); all ranks 0: skewed low. */
    private static final int[] UNIFORM = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void sbcResultIsCalibratedOnlyIfNoCheckRejects() {
        SbcRanks r = new SbcRanks(9, new int[][] {{0, 0}, {1, 1}}, null, null);
        RankCheck good = check(UNIFORM);
        RankCheck bad = check(new int[20]);
        assertThat(good.rejected()).isFalse();
        assertThat(bad.rejected()).isTrue();
        assertThat(new SbcResult(r, List.of("a", "b"), 0.01, List.of(good, good), null, "v")
                .calibrated()).isTrue();
        assertThat(new SbcResult(r, List.of("a", "b"), 0.01, List.of(good, bad), null, "v")
                .calibrated()).isFalse();
        assertThat(new SbcResult(r, List.of("a", "b"), 0.01, List.of(good, good), good, "v")
                .calibrated()).isTrue();
        assertThat(new SbcResult(r, List.of("a", "b"), 0.01, List.of(good, good), bad, "v")
                .calibrated()).isFalse();
        List<String> names = new ArrayList<>(List.of("a", "b"));
        SbcResult s = new SbcResult(r, names, 0.01, List.of(good, bad), null, "v");
        names.set(0, "z");
        assertThat(s.names()).containsExactly("a", "b");
        assertThat(s.parameter("a")).isSameAs(good);
        assertThat(s.parameter("b")).isSameAs(bad);
        assertThatThrownBy(() -> s.parameter("c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no parameter named 'c' in [a, b]");
    }

    @Test
    void c2stResultAndDirectionCopyTheirArrays() {
        double[] acc = {0.5, 0.6};
        int[] ep = {3, 4};
        C2stResult c = new C2stResult(0.55, acc, ep, "v");
        acc[0] = 9;
        ep[0] = 9;
        c.foldAccuracies()[1] = 9;
        c.foldEpochs()[1] = 9;
        assertThat(c.foldAccuracies()).containsExactly(0.5, 0.6);
        assertThat(c.foldEpochs()).containsExactly(3, 4);
        double[] co = {1, -1};
        Direction d = new Direction("theta", co, "a - b", 0.5, 2.0, true);
        co[0] = 9;
        d.coefficients()[1] = 9;
        assertThat(d.coefficients()).containsExactly(1.0, -1.0);
        assertThat(d.ratio()).isEqualTo(0.25);
    }

    @Test
    void parallelForEachVisitsEveryIndexOnceWithAnyNumberOfThreads() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(10);
            Parallel.forEach(10, threads, seen::incrementAndGet);
            for (int i = 0; i < 10; i++) {
                assertThat(seen.get(i)).as("threads %d index %d", threads, i).isEqualTo(1);
            }
        }
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Parallel.forEach(4, 1, order::add);
        assertThat(order).containsExactly(0, 1, 2, 3); // one thread: in order, on the caller
        Parallel.forEach(0, 4, i -> {
            throw new AssertionError("no index");
        });
    }

    @Test
    void parallelForEachPassesOnTheTasksFailure() {
        assertThatThrownBy(() -> Parallel.forEach(50, 3, i -> {
            if (i == 7) {
                throw new IllegalStateException("bad index 7");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad index 7");
        assertThatThrownBy(() -> Parallel.forEach(50, 3, i -> {
            if (i == 7) {
                throw new AssertionError("error at 7");
            }
        })).isInstanceOf(AssertionError.class).hasMessage("error at 7");
    }
}
