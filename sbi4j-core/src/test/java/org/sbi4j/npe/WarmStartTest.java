package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Dataset;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.tensor.Matrix;

/**
 * The warm start of TSNPE ({@link TsnpeSettings#warmStart()}): a round continues from the
 * previous round's weights and standardisation, deterministically. On the conjugate Gaussian
 * of {@link SequentialNpeTest}.
 */
class WarmStartTest {

    static final TsnpeSettings WARM = TsnpeSettings.defaults().withWarmStart(true);

    static Dataset pairs(int n, long seed) {
        SimulationResult sim = Simulations.builder(SequentialNpeTest.PRIOR, SequentialNpeTest.SIM)
                .seed(seed).threads(1).run(n);
        return Dataset.from(sim);
    }

    static double[] logProb(Posterior p) {
        Matrix theta = Matrix.of(3, 2);
        float[][] points = {{0.9f, -0.4f}, {0.5f, 0f}, {1.2f, -0.8f}};
        for (int i = 0; i < 3; i++) {
            theta.set(i, 0, points[i][0]);
            theta.set(i, 1, points[i][1]);
        }
        return p.at(SequentialNpeTest.XO).unnormalizedLogProb(theta);
    }

    @Test
    void runFromStartsAtThePreviousWeightsAndStandardisation() {
        Posterior previous = Npe.builder(SequentialNpeTest.PRIOR).data(pairs(400, 1))
                .settings(NpeTestModels.fast()).seed(2).threads(1).run().posterior();
        // one epoch at a negligible learning rate: the weights barely move from the start
        NpeSettings still = NpeTestModels.fast().withTraining(NpeTestModels.fast().training()
                .withLearningRate(1e-9).withMaxEpochs(1));
        NpeBuilder other = Npe.builder(SequentialNpeTest.PRIOR).data(pairs(300, 7))
                .settings(still).seed(9).threads(1);
        NpeResult warm = other.runFrom(previous);
        double[] before = logProb(previous);
        double[] after = logProb(warm.posterior());
        double[] cold = logProb(other.run().posterior());
        double coldGap = 0;
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("log q at point %d", i).isCloseTo(before[i],
                    org.assertj.core.api.Assertions.within(1e-3));
            coldGap = Math.max(coldGap, Math.abs(cold[i] - before[i]));
        }
        assertThat(coldGap).as("a fresh network is elsewhere").isGreaterThan(0.1);
        assertThat(warm.posterior().thetaStandardizer().transform(pairs(5, 3).theta(),
                Matrix.of(5, 2)).toArray()).isEqualTo(previous.thetaStandardizer()
                .transform(pairs(5, 3).theta(), Matrix.of(5, 2)).toArray());
        assertThat(warm.choices()).anyMatch(c -> c.contains("warm start"));
        assertThatThrownBy(() -> Npe.builder(SequentialNpeTest.PRIOR, SequentialNpeTest.SIM)
                .simulations(10).runFrom(previous)).hasMessageContaining("warm start");
    }

    /** Round 1's first validation loss, and the sampled posterior, of a two-round run. */
    record Run(double firstLossOfRound1, float[] samples) {
    }

    static Run run(TsnpeSettings method, int threads, Path folder) {
        AtomicInteger round = new AtomicInteger();
        List<Double> round1 = new ArrayList<>();
        SequentialNpe b = SequentialNpeTest.tsnpe(2, 300).method(method).threads(threads)
                .onRound((rec, model, resumed) -> round.set(rec.round() + 1))
                .onEpoch(e -> {
                    if (round.get() == 1) {
                        round1.add(e.validationLoss());
                    }
                    return true;
                });
        if (folder != null) {
            b = b.folder(folder);
        }
        SequentialResult r = b.run();
        return new Run(round1.isEmpty() ? Double.NaN : round1.get(0), r.posterior()
                .at(SequentialNpeTest.XO).sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(4L))
                .toArray());
    }

    @Test
    void sequentialRunsUseItDeterministically(@TempDir Path tmp) {
        Run warm = run(WARM, 1, null);
        Run cold = run(TsnpeSettings.defaults(), 1, null);
        // round 1 starts from a trained network: its first epoch is far better than a new one's
        assertThat(warm.firstLossOfRound1()).isLessThan(cold.firstLossOfRound1() - 0.5);
        assertThat(warm.samples()).isNotEqualTo(cold.samples());
        assertThat(run(WARM, 2, null).samples()).as("two threads").isEqualTo(warm.samples());
        assertThat(run(WARM, 2, tmp.resolve("saved")).samples()).as("saved and read back")
                .isEqualTo(warm.samples());
        assertThat(InferenceMethods.bind("tsnpe", java.util.Map.of("warm_start", "true")))
                .isEqualTo(WARM);
        assertThat(InferenceMethods.describe("tsnpe")).containsEntry("warm_start", "false");
    }
}
