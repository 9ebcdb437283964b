package org.sbi4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

class SimulationsTest {

    static final Prior PRIOR = TestModels.box(2);
    static final Simulator LINE = TestModels.line(3, false);
    static final Simulator FAILING = TestModels.line(3, true);

    @Test
    void everyRowIsTheIndependentRecomputationFromItsOwnStream() {
        SimulationResult r = Simulations.run(PRIOR, LINE, 50, 11, 2, SimulationProgress.NONE);
        assertThat(r.size()).isEqualTo(50);
        for (int i = 0; i < 50; i++) {
            UniformRandomProvider rng = SimulationStreams.streamFor(11, i);
            float[] theta = new float[2];
            float[] x = new float[3];
            PRIOR.sample(rng, theta, 0);
            LINE.simulate(theta, 0, rng, x, 0);
            assertThat(r.index()[i]).isEqualTo(i);
            assertThat(r.theta().row(i)).containsExactly(theta);
            assertThat(r.x().row(i)).containsExactly(x);
        }
    }

    @Test
    void resultDoesNotDependOnThreadsOrChunks() {
        SimulationResult one = Simulations.builder(PRIOR, FAILING).seed(3).threads(1).run(500);
        for (int threads : new int[] {2, 4}) {
            for (int chunk : new int[] {0, 1, 7, 1000}) {
                SimulationResult r = Simulations.builder(PRIOR, FAILING).seed(3).threads(threads)
                        .chunkSize(chunk).run(500);
                assertSame(r, one);
            }
        }
    }

    @Test
    void splitIndexRangesConcatenateToTheFullRun() {
        Simulations sims = Simulations.builder(PRIOR, FAILING).seed(5).threads(2);
        SimulationResult full = sims.run(300);
        SimulationResult joined = SimulationResult.concat(List.of(
                sims.run(0, 37), sims.run(37, 38), sims.run(38, 200), sims.run(200, 300)));
        assertSame(joined, full);
        SimulationResult shard = sims.run(100, 200);
        assertThat(java.util.Arrays.stream(shard.index())).allMatch(i -> i >= 100 && i < 200).isNotEmpty();
        assertThat(shard.attempted()).isEqualTo(100);
    }

    @Test
    void invalidRowsAreCountedExcludedAndIndicesKept() {
        SimulationResult r = Simulations.builder(PRIOR, FAILING).seed(9).threads(2).chunkSize(16)
                .run(400);
        // expected classification recomputed from the prior draws alone
        List<Long> kept = new ArrayList<>();
        List<String> firstFailures = new ArrayList<>();
        long thrown = 0;
        long nan = 0;
        for (int i = 0; i < 400; i++) {
            float[] t = new float[2];
            PRIOR.sample(SimulationStreams.streamFor(9, i), t, 0);
            if (t[0] > 0.8f) {
                thrown++;
                firstFailures.add("simulation " + i + ": IllegalStateException: theta0 too large: " + t[0]);
            } else if (t[0] < -0.8f) {
                nan++;
                firstFailures.add("simulation " + i + ": x[1] = NaN");
            } else {
                kept.add((long) i);
            }
        }
        assertThat(thrown).isPositive();
        assertThat(nan).isPositive();
        assertThat(r.invalid()).isEqualTo(thrown + nan);
        assertThat(r.attempted()).isEqualTo(400);
        assertThat(r.index()).containsExactly(kept.stream().mapToLong(Long::longValue).toArray());
        assertThat(r.x().toArray()).doesNotContain(Float.NaN);
        assertThat(r.failureExamples())
                .isEqualTo(firstFailures.subList(0, Simulations.MAX_EXAMPLES));
        assertThat(r.summary()).startsWith("kept " + kept.size() + " of 400 simulations ("
                + (thrown + nan) + " invalid, e.g. simulation ");
    }

    @Test
    void batchSimulatorsReceiveSeedsAndAThrowingBatchFailsItsRows() {
        Simulator batch = new Simulator() {
            @Override
            public int thetaDim() {
                return 2;
            }

            @Override
            public int xDim() {
                return 1;
            }

            @Override
            public void simulate(float[] t, int to, UniformRandomProvider rng, float[] x, int xo) {
                throw new UnsupportedOperationException("batch only");
            }

            @Override
            public void simulateBatch(Matrix theta, UniformRandomProvider[] rngs, long[] seeds,
                    Matrix x, String[] failures) {
                if (theta.rows() == 3) {
                    throw new IllegalStateException("process died");
                }
                for (int r = 0; r < theta.rows(); r++) {
                    x.set(r, 0, seeds[r] % 1000);
                }
            }
        };
        SimulationResult r = Simulations.builder(PRIOR, batch).seed(4).chunkSize(4).threads(2)
                .run(11);
        // chunks: [0,4) [4,8) [8,11); the last has 3 rows and fails as a whole
        assertThat(r.index()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(r.invalid()).isEqualTo(3);
        assertThat(r.failureExamples().get(0))
                .isEqualTo("simulation 8: batch failed: IllegalStateException: process died");
        for (int i = 0; i < 8; i++) {
            assertThat(r.x().get(i, 0)).isEqualTo((float) (SimulationStreams.seedFor(4, i) % 1000));
        }
    }

    @Test
    void progressIsMonotoneAndEndsAtTotal() {
        List<long[]> calls = new ArrayList<>();
        Simulations.builder(PRIOR, LINE).threads(4).chunkSize(10).progress((done, total) -> {
            synchronized (calls) {
                calls.add(new long[] {done, total});
            }
        }).run(95);
        assertThat(calls).hasSize(10);
        for (int k = 1; k < calls.size(); k++) {
            assertThat(calls.get(k)[0]).isGreaterThan(calls.get(k - 1)[0]);
        }
        assertThat(calls.get(calls.size() - 1)).containsExactly(95, 95);
    }

    @Test
    void differentSeedsGiveDifferentData() {
        SimulationResult a = Simulations.builder(PRIOR, LINE).seed(1).run(5);
        SimulationResult b = Simulations.builder(PRIOR, LINE).seed(2).run(5);
        assertThat(a.theta().toArray()).isNotEqualTo(b.theta().toArray());
    }

    @Test
    void priorExceptionsAbortTheRun() {
        Prior broken = new Prior() {
            final Prior p = TestModels.box(2);
            final AtomicLong calls = new AtomicLong();

            @Override
            public int dim() {
                return 2;
            }

            @Override
            public List<String> names() {
                return p.names();
            }

            @Override
            public void sample(UniformRandomProvider rng, float[] out, int off) {
                if (calls.incrementAndGet() == 20) {
                    throw new ArithmeticException("prior bug");
                }
                p.sample(rng, out, off);
            }

            @Override
            public double logProb(float[] theta, int off) {
                return 0;
            }

            @Override
            public double[] lower() {
                return p.lower();
            }

            @Override
            public double[] upper() {
                return p.upper();
            }
        };
        assertThatThrownBy(() -> Simulations.builder(broken, LINE).threads(2).chunkSize(5).run(50))
                .isInstanceOf(ArithmeticException.class).hasMessage("prior bug");
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> Simulations.builder(TestModels.box(3), LINE))
                .hasMessage("the prior has 3 parameters but the simulator expects 2");
        assertThatThrownBy(() -> Simulations.builder(PRIOR, LINE).threads(0))
                .hasMessageContaining("threads must be >= 1, got 0");
        assertThatThrownBy(() -> Simulations.builder(PRIOR, LINE).run(5, 3))
                .hasMessageContaining("[5, 3)");
        assertThat(Simulations.builder(PRIOR, LINE).run(0).size()).isZero();
    }

    private static void assertSame(SimulationResult a, SimulationResult b) {
        assertThat(a.index()).isEqualTo(b.index());
        assertThat(a.theta().toArray()).isEqualTo(b.theta().toArray());
        assertThat(a.x().toArray()).isEqualTo(b.x().toArray());
        assertThat(a.invalid()).isEqualTo(b.invalid());
        assertThat(a.attempted()).isEqualTo(b.attempted());
        assertThat(a.failureExamples()).isEqualTo(b.failureExamples());
    }
}
