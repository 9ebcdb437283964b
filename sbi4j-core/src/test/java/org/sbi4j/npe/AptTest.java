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

    /**
     * With the auto preset and an x that pins θ down (noise sd 0.1), TSNPE's round 0 learns θ as
     * residuals of a regression on x; APT's atomic loss compares other rows' θ at x_i in
     * standardised θ, so none of its rounds fits one.
     */
    @Test
    void noRoundOfAptFitsTheThetaRegression() {
        java.util.List<Boolean> tsnpe = new java.util.ArrayList<>();
        java.util.List<Boolean> apt = new java.util.ArrayList<>();
        org.sbi4j.sim.Simulator sharp = NpeTestModels.linear(new double[][] {{1, 0}, {0, 1}}, 0.1);
        NpeSettings auto = NpeTestModels.fast()
                .withPreprocessing(org.sbi4j.data.XPreprocessing.Mode.AUTO);
        for (var method : java.util.List.of(TsnpeSettings.defaults(), AptSettings.defaults())) {
            java.util.List<Boolean> seen = method instanceof AptSettings ? apt : tsnpe;
            SequentialNpe.builder(SequentialNpeTest.PRIOR, sharp).observation(SequentialNpeTest.XO)
                    .rounds(method instanceof AptSettings ? 2 : 1).simulationsPerRound(300)
                    .settings(auto).seed(3).threads(2).method(method)
                    .onRound((rec, model, resumed) ->
                            seen.add(model.posterior().thetaRegression() != null))
                    .run();
        }
        assertThat(tsnpe).as("the test's x does pin θ down").containsExactly(true);
        assertThat(apt).containsExactly(false, false);
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
        assertThatThrownBy(() -> new AptSettings(0, true))
                .hasMessageContaining("apt: atoms must be >= 2, got 0");
        assertThatThrownBy(() -> apt(2, 100).settings(NpeTestModels.fast().withBalance(1)).run())
                .hasMessageContaining("atomic loss and balanced NPE");
    }
}
