package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * APT (SNPE-C) end to end on the conjugate Gaussian of {@link SequentialNpeTest}: the posterior
 * at x_o is N(x_o / 1.09, 0.09/1.09 · I₂) (sd 0.2874), although rounds 1 and 2 simulate from
 * the posterior rather than the prior.
 */
class AptTest {

    static SequentialNpe apt(int rounds, int perRound) {
        return SequentialNpeTest.tsnpe(rounds, perRound).method(AptSettings.defaults());
    }

    @Test
    void atomicLossPosteriorMatchesTheAnalyticOne() {
        SequentialResult r = apt(3, 700).run();
        assertThat(r.rounds()).hasSize(3);
        assertThat(r.rounds().get(0).proposal()).isEqualTo("the prior");
        assertThat(r.rounds().get(1).proposal()).contains("the posterior at x_o")
                .contains("leakage");
        Matrix s = SequentialNpeTest.samples(r, 10_000);
        double post = 1 / (1 + SequentialNpeTest.SIGMA * SequentialNpeTest.SIGMA);
        double sd = Math.sqrt(SequentialNpeTest.SIGMA * SequentialNpeTest.SIGMA * post);
        double[] spread = new double[2];
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < s.rows(); i++) {
                mean += s.get(i, j) / s.rows();
                sq += (double) s.get(i, j) * s.get(i, j) / s.rows();
            }
            spread[j] = Math.sqrt(sq - mean * mean);
            // the same tolerances as the TSNPE test
            assertThat(Math.abs(mean - SequentialNpeTest.XO[j] * post)).as("mean %d", j)
                    .isLessThan(0.25 * sd);
            assertThat(spread[j] / sd).as("sd %d", j).isBetween(0.8, 1.25);
        }
        // and the same numbers for one thread as for two
        assertThat(SequentialNpeTest.samples(apt(2, 300).threads(1).run(), 300).toArray())
                .isEqualTo(SequentialNpeTest.samples(apt(2, 300).threads(2).run(), 300)
                        .toArray());
    }

    @Test
    void isARegisteredKindWithCheckedSettings() {
        assertThat(InferenceMethods.names()).contains("apt");
        assertThat(InferenceMethods.describe("apt")).containsEntry("atoms", "10")
                .containsEntry("warm_start", "true");
        assertThat(InferenceMethods.bind("apt", java.util.Map.of("atoms", 5)))
                .isEqualTo(new AptSettings(5, true));
        assertThatThrownBy(() -> InferenceMethods.bind("apt", java.util.Map.of("atoms", 1)))
                .hasMessageContaining("atoms").hasMessageContaining("1");
    }
}
