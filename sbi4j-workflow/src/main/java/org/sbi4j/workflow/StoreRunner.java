package org.sbi4j.workflow;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.external.ExternalSimulator;

/**
 * Fills the missing chunks of a {@link SimulationStore} one by one. For an external program a
 * broken batch (crash, time-out, garbage, wrong row count or length) is not an invalid
 * simulation but a broken simulator: the chunk in flight is dropped and the run stops with an
 * error, keeping every completed chunk so that the same command resumes after the fix.
 */
public final class StoreRunner {

    private StoreRunner() {
    }

    /**
     * Runs the missing chunks; {@code strict}: any failure message of a batch stops the run. The
     * time spent is added to the folder's {@value SimulationFolder#TIMING} after each chunk. An
     * interrupt of the calling thread stops the run after the chunk in flight (kept when it
     * finished) with a {@link CancellationException} saying what is kept and how to resume.
     */
    public static void run(SimulationStore store, Prior prior, Simulator simulator, boolean strict,
                    int threads, SimulationProgress progress) throws IOException {
        long total = store.settings().indexRange().size();
        Guard guard = new Guard(simulator);
        Simulator sim = strict ? guard : simulator;
        double before = SimulationFolder.seconds(store.dir());
        long t0 = System.nanoTime();
        for (IndexRange r : store.missing()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("simulation interrupted: "
                        + SimulationFolder.kept(store.dir()));
            }
            long base = total - store.missing().stream().mapToLong(IndexRange::size).sum();
            Simulations runner = Simulations.builder(prior, sim).seed(store.settings().seed())
                    .threads(threads).progress((done, all) -> progress.update(base + done, total));
            runner = batched(runner, simulator);
            SimulationResult result;
            try {
                result = runner.run(r.from(), r.to());
            } catch (CancellationException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("simulation interrupted: "
                        + SimulationFolder.kept(store.dir()));
            }
            String failure = guard.failure.get();
            if (failure != null) {
                throw new IllegalStateException("the simulator failed: " + failure + " ("
                        + SimulationFolder.kept(store.dir()).replace("; run the",
                        "; fix the simulator and run the") + ")");
            }
            // a stop request during the chunk: keep the finished chunk (file writes on an
            // interrupted thread would fail), then stop and pass the interrupt on
            boolean stop = Thread.interrupted();
            store.writeChunk(r, result);
            SimulationFolder.recordSeconds(store.dir(), before + (System.nanoTime() - t0) / 1e9);
            if (stop) {
                Thread.currentThread().interrupt();
                throw new CancellationException("simulation interrupted: "
                        + SimulationFolder.kept(store.dir()));
            }
        }
    }

    /**
     * {@code runner} set up for an external program: one request per {@code batch_size} rows,
     * one thread per worker process (the results do not depend on it); else unchanged.
     */
    static Simulations batched(Simulations runner, Simulator simulator) {
        return simulator instanceof ExternalSimulator e
                ? runner.chunkSize(e.config().batchSize()).threads(e.config().workers())
                : runner;
    }

    /** Passes batches to the simulator and remembers the first failure message. */
    private static final class Guard implements Simulator {
        private final Simulator inner;
        final AtomicReference<String> failure = new AtomicReference<>();

        Guard(Simulator inner) {
            this.inner = inner;
        }

        @Override
        public int thetaDim() {
            return inner.thetaDim();
        }

        @Override
        public int xDim() {
            return inner.xDim();
        }

        @Override
        public int[] xShape() {
            return inner.xShape();
        }

        @Override
        public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                             int xOff) {
            inner.simulate(theta, thetaOff, rng, x, xOff);
        }

        @Override
        public void simulateBatch(Matrix theta, UniformRandomProvider[] rngs, long[] seeds,
                                  Matrix x, String[] failures) {
            simulateBatch(-1, theta, rngs, seeds, x, failures);
        }

        @Override
        public void simulateBatch(long firstIndex, Matrix theta, UniformRandomProvider[] rngs,
                                  long[] seeds, Matrix x, String[] failures) {
            if (failure.get() != null) {
                java.util.Arrays.fill(failures, 0, theta.rows(), "not run: an earlier batch failed");
                return;
            }
            try {
                if (firstIndex < 0) {
                    inner.simulateBatch(theta, rngs, seeds, x, failures);
                } else {
                    inner.simulateBatch(firstIndex, theta, rngs, seeds, x, failures);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, Simulator.describe(e));
                throw e;
            }
            for (int r = 0; r < theta.rows(); r++) {
                if (failures[r] != null) {
                    failure.compareAndSet(null, failures[r]);
                    break;
                }
            }
        }
    }
}
