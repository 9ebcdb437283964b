package org.sbi4j.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * The round runner with a method that has no network (its "model" is the mean θ of the pairs
 * whose x is nearest x_o, its proposal a box around it), so the runner's bookkeeping is tested
 * apart from any estimator.
 */
class RoundRunnerTest {

    static final Prior PRIOR = Priors.uniform(List.of("a", "b"), -2, 2);
    /** x = θ + N(0, 0.1²) per coordinate, from the simulation's own stream. */
    static final Simulator SIM = Simulator.of(2, 2, (theta, rng) -> {
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        return new float[] {(float) (theta[0] + 0.1 * g.sample()),
            (float) (theta[1] + 0.1 * g.sample())};
    });

    /** The toy model: a centre and how many pairs it saw. */
    record Centre(double a, double b, int pairs) {
    }

    /** Centre = mean θ of the 10 % of pairs nearest x_o = (0.5, −0.5); proposal = box ±0.5. */
    static final class BoxMethod implements RoundMethod<Centre> {
        int failInRound = -1;

        @Override
        public Centre train(Input<Centre> in) {
            if (in.round() == failInRound) {
                failInRound = -1;
                throw new IllegalStateException("killed in round " + in.round());
            }
            SimulationResult p = in.pairs();
            double[] d = new double[p.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.hypot(p.x().get(i, 0) - 0.5, p.x().get(i, 1) + 0.5);
            }
            double cut = java.util.Arrays.stream(d).sorted().toArray()[d.length / 10];
            double a = 0;
            double b = 0;
            int n = 0;
            for (int i = 0; i < d.length; i++) {
                if (d[i] <= cut) {
                    a += p.theta().get(i, 0);
                    b += p.theta().get(i, 1);
                    n++;
                }
            }
            return new Centre(a / n, b / n, p.size());
        }

        @Override
        public Proposal propose(Centre c, int nextRound, UniformRandomProvider rng) {
            return new Proposal() {
                @Override
                public int dim() {
                    return 2;
                }

                @Override
                public Draw draw(int n, UniformRandomProvider r) {
                    Matrix m = Matrix.of(n, 2);
                    for (int i = 0; i < n; i++) {
                        m.set(i, 0, (float) (c.a() - 0.5 + r.nextDouble()));
                        m.set(i, 1, (float) (c.b() - 0.5 + r.nextDouble()));
                    }
                    return new Draw(m, "box around " + c);
                }
            };
        }

        @Override
        public void save(Centre c, Path dir) throws IOException {
            Files.writeString(dir.resolve("centre.txt"), Double.doubleToLongBits(c.a()) + " "
                    + Double.doubleToLongBits(c.b()) + " " + c.pairs());
        }

        @Override
        public Centre load(Path dir) throws IOException {
            String[] f = Files.readString(dir.resolve("centre.txt")).split(" ");
            return new Centre(Double.longBitsToDouble(Long.parseLong(f[0])),
                    Double.longBitsToDouble(Long.parseLong(f[1])), Integer.parseInt(f[2]));
        }
    }

    static RoundRunner runner(int threads) {
        return RoundRunner.of(PRIOR, SIM, new RoundPlan(new int[] {400, 300, 300}, 7, threads));
    }

    @Test
    void roundsSimulateConsecutiveIndicesFromTheirProposals() {
        RoundsResult<Centre> r = runner(2).run(new BoxMethod());
        assertThat(r.rounds()).extracting(RoundRecord::firstIndex).containsExactly(0L, 400L, 700L);
        assertThat(r.rounds().get(0).proposal()).isEqualTo("the prior");
        assertThat(r.rounds().get(2).proposal()).startsWith("box around");
        assertThat(r.model().pairs()).isEqualTo(1000);
        SimulationResult s = r.simulations();
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.index()[i]).isEqualTo(i);
            // x_i was drawn from stream (seed, i) at θ_i, whatever proposal gave θ_i
            var g = ZigguratSampler.NormalizedGaussian.of(SimulationStreams.streamFor(7, i));
            float x0 = (float) (s.theta().get(i, 0) + 0.1 * g.sample());
            assertThat(s.x().get(i, 0)).isEqualTo(x0);
        }
        // later rounds concentrate near x_o = (0.5, −0.5)
        assertThat(r.model().a()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(r.model().b()).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void sameNumbersForAnyThreadCount() {
        RoundsResult<Centre> one = runner(1).run(new BoxMethod());
        RoundsResult<Centre> two = runner(2).run(new BoxMethod());
        assertThat(one.model()).isEqualTo(two.model());
        assertThat(one.simulations().x().toArray()).isEqualTo(two.simulations().x().toArray());
    }

    @Test
    void killedAndResumedRunEqualsUninterrupted(@TempDir Path tmp) {
        RoundsResult<Centre> whole = runner(2).folder(tmp.resolve("whole")).run(new BoxMethod());
        BoxMethod failing = new BoxMethod();
        failing.failInRound = 2; // killed while training round 2, after its simulations
        Path dir = tmp.resolve("killed");
        assertThatThrownBy(() -> runner(2).folder(dir).run(failing))
                .hasMessageContaining("killed in round 2");
        assertThat(Files.exists(dir.resolve("round-2").resolve("simulations.npz"))).isTrue();
        assertThat(Files.exists(dir.resolve("round-2").resolve("round.properties"))).isFalse();
        List<Integer> resumed = new java.util.ArrayList<>();
        RoundsResult<Centre> again = runner(1).folder(dir).run(failing,
                (rec, m, wasRead) -> resumed.add(wasRead ? rec.round() : -1));
        assertThat(resumed).containsExactly(0, 1, -1);
        assertThat(again.model()).isEqualTo(whole.model());
        assertThat(again.simulations().theta().toArray())
                .isEqualTo(whole.simulations().theta().toArray());
        assertThat(again.simulations().x().toArray()).isEqualTo(whole.simulations().x().toArray());
        // and the in-memory run agrees too
        assertThat(runner(2).run(new BoxMethod()).model()).isEqualTo(whole.model());
    }

    @Test
    void folderOfAnotherRunIsRefused(@TempDir Path tmp) {
        runner(2).folder(tmp).run(new BoxMethod());
        RoundRunner other = RoundRunner.of(PRIOR, SIM, new RoundPlan(new int[] {400, 300, 300},
                8, 2)).folder(tmp);
        assertThatThrownBy(() -> other.run(new BoxMethod())).hasMessageContaining("another run")
                .hasMessageContaining("seed=8");
    }

    @Test
    void badPlansAreRefused() {
        assertThatThrownBy(() -> new RoundPlan(new int[0], 1, 1))
                .hasMessageContaining("at least 1 round");
        assertThatThrownBy(() -> RoundPlan.equalShares(100, 0, 1, 1))
                .hasMessageContaining("rounds must be >= 1, got 0");
        assertThatThrownBy(() -> new RoundPlan(new int[] {10, 0}, 1, 1))
                .hasMessageContaining("round 1");
        assertThat(RoundPlan.equalShares(10, 3, 1, 1).simulations()).containsExactly(4, 3, 3);
    }
}
