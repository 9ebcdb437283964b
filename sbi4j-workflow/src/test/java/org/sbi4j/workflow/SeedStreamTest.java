package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sbi4j.sim.SimulationStreams;

class SeedStreamTest {

    /** The purposes drawn with a per-item offset (observation k). */
    static final Set<SeedStream> WITH_OFFSETS = EnumSet.of(SeedStream.SAMPLES,
            SeedStream.SBIBM_C2ST, SeedStream.SEQUENTIAL_RUN);

    @Test
    void indicesAreDistinctAndOffsetRangesHoldNoOtherIndex() {
        long[] all = Arrays.stream(SeedStream.values()).mapToLong(SeedStream::index).toArray();
        assertThat(Arrays.stream(all).distinct().count()).isEqualTo(all.length);
        for (SeedStream s : WITH_OFFSETS) {
            for (SeedStream other : SeedStream.values()) {
                if (other != s) {
                    long d = other.index() - s.index();
                    assertThat(d >= 0 && d < 0x1000).as(other + " inside the offsets of " + s)
                            .isFalse();
                }
            }
        }
        // far above any simulation index a run can have (simulation i uses stream i)
        assertThat(Arrays.stream(all).min().orElseThrow()).isGreaterThan(1L << 40);
    }

    /**
     * The indices are part of the results: samples written before this registry existed were
     * drawn from streams 0x5B14_5A3B_0000 + k, SBC from 0x5B14_D1A6_1000. They must stay.
     */
    @Test
    void streamsAreTheSimulationStreamsOfTheFixedIndices() {
        long seed = 42;
        assertThat(SeedStream.SAMPLES.streamFor(seed, 3).nextLong())
                .isEqualTo(SimulationStreams.streamFor(seed, 0x5B14_5A3B_0003L).nextLong());
        assertThat(SeedStream.SBC.streamFor(seed).nextLong())
                .isEqualTo(SimulationStreams.streamFor(seed, 0x5B14_D1A6_1000L).nextLong());
        assertThat(SeedStream.TEST_PAIRS.seedFor(seed))
                .isEqualTo(SimulationStreams.seedFor(seed, 0x5B14_D1A6_0000L));
        assertThat(SeedStream.PPC_SIMULATIONS.index()).isEqualTo(SeedStream.PPC.index() + 1);
        assertThat(SeedStream.SAMPLES.streamFor(seed, 1).nextLong())
                .isNotEqualTo(SeedStream.SAMPLES.streamFor(seed, 2).nextLong());
    }

    @Test
    void negativeOffsetsAreRefused() {
        assertThatThrownBy(() -> SeedStream.SAMPLES.index(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SAMPLES")
                .hasMessageContaining("-1");
    }
}
