package org.sbi4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.junit.jupiter.api.Test;

class SimulationStreamsTest {

    @Test
    void mix64IsTheSplitMix64OutputFunction() {
        // known answer: the first output of SplitMix64 seeded with 0 (Vigna's reference code)
        assertThat(SimulationStreams.mix64(SimulationStreams.GAMMA)).isEqualTo(0xE220A8397B1DCDAFL);
        SplitMix64 ref = new SplitMix64(12345L);
        assertThat(SimulationStreams.mix64(12345L + SimulationStreams.GAMMA)).isEqualTo(ref.nextLong());
    }

    @Test
    void streamIsXoRoShiRo128PlusPlusSeededByTheDocumentedSplitMix64Outputs() {
        long runSeed = -77;
        long h = new SplitMix64(runSeed - SimulationStreams.GAMMA).nextLong(); // = mix64(runSeed)
        for (long i : new long[] {0, 1, 2, 1_000_003}) {
            SplitMix64 sm = new SplitMix64(h);
            for (long k = 0; k < 2 * i; k++) {
                sm.nextLong();
            }
            long s0 = sm.nextLong();
            long s1 = sm.nextLong();
            UniformRandomProvider expected = new XoRoShiRo128PlusPlus(s0, s1);
            UniformRandomProvider actual = SimulationStreams.streamFor(runSeed, i);
            for (int k = 0; k < 5; k++) {
                assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
            }
            assertThat(SimulationStreams.seedFor(runSeed, i)).isEqualTo(s0 >>> 11);
        }
    }

    @Test
    void seedsAreDistinctJsonSafeIntegers() {
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 20_000; i++) {
            long s = SimulationStreams.seedFor(7, i);
            assertThat(s).isBetween(0L, (1L << 53) - 1);
            seen.add(s);
        }
        // a collision among 20000 53-bit values has probability ~2e-8
        assertThat(seen).hasSize(20_000);
        assertThat(SimulationStreams.seedFor(8, 0)).isNotEqualTo(SimulationStreams.seedFor(7, 0));
    }

    @Test
    void rejectsNegativeIndices() {
        assertThatThrownBy(() -> SimulationStreams.streamFor(1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
