package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * TSNPE end to end on a conjugate Gaussian: θ ~ N(0, I₂), x = θ + N(0, 0.3² I₂), so the
 * posterior at x_o is N(x_o / 1.09, 0.09/1.09 · I₂) (sd 0.2874).
 */
class SequentialNpeTest {

    static final double SIGMA = 0.3;
    static final Prior PRIOR = NpeTestModels.standardNormal("a", "b");
    static final Simulator SIM = NpeTestModels.linear(new double[][] {{1, 0}, {0, 1}}, SIGMA);
    static final float[] XO = {1.0f, -0.5f};

    static SequentialNpe tsnpe(int rounds, int perRound) {
        return SequentialNpe.builder(PRIOR, SIM).observation(XO).rounds(rounds)
                .simulationsPerRound(perRound).settings(NpeTestModels.fast()).seed(3).threads(2);
    }

    static Matrix samples(SequentialResult r, int n) {
        return r.posterior().at(XO).sample(n, RandomSource.XO_RO_SHI_RO_128_PP.create(11L));
    }

    @Test
    void truncatedPriorPosteriorMatchesTheAnalyticOne() {
        SequentialResult r = tsnpe(3, 700).run();
        assertThat(r.rounds()).hasSize(3);
        assertThat(r.rounds().get(1).proposal()).contains("HPR").contains("rejection");
        Matrix s = samples(r, 10_000);
        double post = 1 / (1 + SIGMA * SIGMA);
        double sd = Math.sqrt(SIGMA * SIGMA * post);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < s.rows(); i++) {
                mean += s.get(i, j) / s.rows();
                sq += (double) s.get(i, j) * s.get(i, j) / s.rows();
            }
            double fitSd = Math.sqrt(sq - mean * mean);
            assertThat(Math.abs(mean - XO[j] * post)).isLessThan(0.25 * sd);
            assertThat(fitSd / sd).isBetween(0.8, 1.25);
        }
    }

    @Test
    void sameResultForOneAndTwoThreads() {
        SequentialResult one = tsnpe(2, 300).threads(1).run();
        SequentialResult two = tsnpe(2, 300).threads(2).run();
        assertThat(samples(one, 500).toArray()).isEqualTo(samples(two, 500).toArray());
        assertThat(one.simulations().x().toArray()).isEqualTo(two.simulations().x().toArray());
    }

    @Test
    void killedAndResumedRunEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        SequentialResult whole = tsnpe(3, 300).folder(tmp.resolve("whole")).run();
        Path dir = tmp.resolve("killed");
        AtomicBoolean inRound1 = new AtomicBoolean();
        int[] epochs = {0};
        SequentialNpe killed = tsnpe(3, 300).folder(dir)
                .onRound((rec, model, resumed) -> inRound1.set(rec.round() == 0))
                .onEpoch(e -> {
                    if (inRound1.get() && ++epochs[0] == 5) {
                        throw new IllegalStateException("killed during round 1");
                    }
                    return true;
                });
        assertThatThrownBy(killed::run).hasMessageContaining("killed during round 1");
        assertThat(Files.exists(dir.resolve("round-0/round.properties"))).isTrue();
        assertThat(Files.exists(dir.resolve("round-1/round.properties"))).isFalse();
        SequentialResult resumed = tsnpe(3, 300).folder(dir).run();
        assertThat(samples(resumed, 1_000).toArray()).isEqualTo(samples(whole, 1_000).toArray());
        for (int r = 0; r < 3; r++) {
            assertThat(Files.readAllBytes(dir.resolve("round-" + r + "/model.sbi4j")))
                    .as("round %d's model file", r)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("whole/round-" + r + "/model.sbi4j")));
        }
        // and a run kept in memory gives the same posterior as the saved one
        assertThat(samples(tsnpe(3, 300).run(), 1_000).toArray())
                .isEqualTo(samples(whole, 1_000).toArray());
    }

    @Test
    void badSettingsAreRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> tsnpe(1, 100).rounds(0))
                .hasMessageContaining("rounds must be >= 1, got 0");
        assertThatThrownBy(() -> new TsnpeSettings(0, 10_000, 0.01, 32, false))
                .hasMessageContaining("epsilon").hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new TsnpeSettings(1.5, 10_000, 0.01, 32, false))
                .hasMessageContaining("epsilon").hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> InferenceMethods.bind("tsnpe", java.util.Map.of("epsilon", 2)))
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> tsnpe(2, 100).observation(new float[] {1, 2, 3}))
                .hasMessageContaining("the observation has 3 values; the simulator's x has 2");
        assertThatThrownBy(() -> SequentialNpe.builder(PRIOR, SIM).rounds(2)
                .simulationsPerRound(100).run()).hasMessageContaining("observation(xo)");
        assertThatThrownBy(() -> tsnpe(3, 100).method(AmortizedSettings.defaults()).run())
                .hasMessageContaining("npe (amortised) runs in 1 round, got rounds = 3");
        Prior withNuisance = Priors.withNuisance(PRIOR, "b");
        assertThatThrownBy(() -> SequentialNpe.builder(withNuisance, SIM).observation(XO)
                .simulationsPerRound(100).run()).hasMessageContaining("nuisance");
    }

    @Test
    void methodsAreRegisteredKinds() {
        assertThat(InferenceMethods.names()).contains("npe", "tsnpe");
        assertThat(InferenceMethods.describe("tsnpe")).containsEntry("epsilon", "1.0E-4");
        assertThat(InferenceMethods.bind("tsnpe", java.util.Map.of("epsilon", 0.01)))
                .isEqualTo(new TsnpeSettings(0.01, 10_000, 0.01, 32, false));
        assertThatThrownBy(() -> InferenceMethods.defaults("abc_smc"))
                .hasMessageContaining("unknown method kind 'abc_smc'");
    }
}
