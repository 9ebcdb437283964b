package org.sbi4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * Runs simulations (θ_i ~ prior, x_i ~ simulator(θ_i)) for indices [from, to) in parallel.
 *
 * <p>Simulation i uses only the stream {@link SimulationStreams#streamFor}(seed, i): first the
 * prior draws θ_i from it, then the simulator draws x_i from the same stream. The index range is
 * cut into chunks of consecutive indices handed to a fixed thread pool; each chunk is one call of
 * {@link Simulator#simulateBatch}. Results are assembled in index order, so the output is the
 * same for any thread count, chunk size, or split of the range into shards. Failed simulations
 * (exceptions, non-finite θ or x) are counted and excluded; exceptions from the prior are bugs
 * and abort the run. The prior and the simulator are called from several threads at once and
 * must be thread-safe.
 *
 * <pre>{@code
 * SimulationResult r = Simulations.builder(prior, simulator).seed(42).threads(4)
 *         .progress((done, total) -> log(done + "/" + total)).run(10_000);
 * }</pre>
 */
public final class Simulations {

    /** How many failure messages a result keeps. */
    public static final int MAX_EXAMPLES = 5;

    private final Prior prior;
    private final Simulator simulator;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int chunkSize;
    private SimulationProgress progress = SimulationProgress.NONE;

    private Simulations(Prior prior, Simulator simulator) {
        if (prior.dim() != simulator.thetaDim()) {
            throw new IllegalArgumentException("the prior has " + prior.dim()
                    + " parameters but the simulator expects " + simulator.thetaDim());
        }
        long size = 1;
        for (int s : simulator.xShape()) {
            size *= s;
        }
        if (size != simulator.xDim() || simulator.xDim() < 1) {
            throw new IllegalArgumentException("simulator xShape " + java.util.Arrays.toString(
                    simulator.xShape()) + " does not match xDim " + simulator.xDim());
        }
        this.prior = prior;
        this.simulator = simulator;
    }

    /** A runner for {@code prior} and {@code simulator}: seed 0, all cores, automatic chunks. */
    public static Simulations builder(Prior prior, Simulator simulator) {
        return new Simulations(prior, simulator);
    }

    /** Runs indices [0, n) with {@code threads} threads, reporting to {@code progress}. */
    public static SimulationResult run(Prior prior, Simulator simulator, int n, long seed,
            int threads, SimulationProgress progress) {
        return builder(prior, simulator).seed(seed).threads(threads).progress(progress).run(n);
    }

    /** The run seed (default 0). */
    public Simulations seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Worker threads, ≥ 1 (default: available processors). Does not change the results. */
    public Simulations threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Simulations per chunk (the batch handed to {@link Simulator#simulateBatch}); 0 (default)
     * picks ceil(count / (4·threads)) capped at 1024. Does not change the results.
     */
    public Simulations chunkSize(int chunkSize) {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must be >= 0, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
        return this;
    }

    /** Progress listener (default: none). */
    public Simulations progress(SimulationProgress progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** Runs simulations 0 .. n−1. */
    public SimulationResult run(int n) {
        return run(0, n);
    }

    /** Runs simulations from .. to−1 (a shard, or the rest of an interrupted run). */
    public SimulationResult run(long from, long to) {
        return run(from, to, (i, rng, out, off) -> prior.sample(rng, out, off));
    }

    /**
     * Simulates x for given parameters: row r of {@code theta} (n × prior.dim(), every value
     * finite) is simulation {@code firstIndex + r}, whose simulator draws from the stream
     * {@link SimulationStreams#streamFor}(seed, firstIndex + r). For proposals other than the
     * prior (sequential rounds); the result is the same for any thread count or chunk size.
     */
    public SimulationResult runAt(Matrix theta, long firstIndex) {
        if (theta.cols() != prior.dim()) {
            throw new IllegalArgumentException("theta has " + theta.cols()
                    + " columns, the prior " + prior.dim() + " parameters");
        }
        if (firstIndex < 0) {
            throw new IllegalArgumentException("the first simulation index must be >= 0, got "
                    + firstIndex);
        }
        return run(firstIndex, firstIndex + theta.rows(), (i, rng, out, off) -> System.arraycopy(
                theta.data(), theta.rowOffset((int) (i - firstIndex)), out, off, theta.cols()));
    }

    private SimulationResult run(long from, long to, SimulationChunk.ThetaSource source) {
        if (from < 0 || to < from || to - from > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad index range [" + from + ", " + to + ")");
        }
        int count = (int) (to - from);
        int chunk = chunkSize > 0 ? chunkSize
                : (int) Math.max(1, Math.min(1024, -Math.floorDiv(-count, 4L * threads)));
        int chunks = count == 0 ? 0 : (int) ((count + (long) chunk - 1) / chunk);
        SimulationChunk[] parts = new SimulationChunk[chunks];
        Progress tracker = new Progress(progress, count);
        int pool = Math.min(threads, chunks);
        if (pool <= 1) {
            for (int c = 0; c < chunks; c++) {
                parts[c] = runChunk(from, c, chunk, to, tracker, source);
            }
        } else {
            runParallel(parts, from, chunk, to, tracker, pool, source);
        }
        return SimulationChunk.merge(parts, count, prior.dim(), simulator);
    }

    private SimulationChunk runChunk(long from, int c, int chunk, long to, Progress tracker,
            SimulationChunk.ThetaSource source) {
        long start = from + (long) c * chunk;
        int n = (int) Math.min(chunk, to - start);
        SimulationChunk part = SimulationChunk.simulate(prior.dim(), source, simulator, seed,
                start, n);
        tracker.add(n);
        return part;
    }

    private void runParallel(SimulationChunk[] parts, long from, int chunk, long to,
            Progress tracker, int pool, SimulationChunk.ThetaSource source) {
        AtomicInteger id = new AtomicInteger();
        ExecutorService exec = Executors.newFixedThreadPool(pool, r -> {
            Thread t = new Thread(r, "sbi4j-sim-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SimulationChunk>> futures = new ArrayList<>(parts.length);
            for (int c = 0; c < parts.length; c++) {
                int cc = c;
                futures.add(exec.submit(() -> runChunk(from, cc, chunk, to, tracker, source)));
            }
            for (int c = 0; c < parts.length; c++) {
                parts[c] = futures.get(c).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("simulation run interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            exec.shutdownNow();
        }
    }

    /** Serialises progress calls so that {@code done} is monotone. */
    private static final class Progress {
        private final SimulationProgress listener;
        private final long total;
        private long done;

        Progress(SimulationProgress listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        synchronized void add(int n) {
            done += n;
            listener.update(done, total);
        }
    }
}
