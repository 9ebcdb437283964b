package org.sbi4j.cli.external;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * A simulator run as external programs speaking JSON lines over stdin/stdout (protocol in
 * {@code docs/external-simulators.md}).
 *
 * <p>Up to {@link ExternalSimulatorConfig#workers()} processes are started on demand; each batch
 * of at most {@link ExternalSimulatorConfig#batchSize()} rows goes to one idle process. Every row
 * carries its own seed, so x does not depend on the number of workers or on the batching. A failed
 * simulation (a {@code null} row, or one holding {@code null}/NaN) comes back as a NaN row for
 * the runner to count. A broken program (early exit, time-out, malformed answer) raises an
 * {@link ExternalSimulatorException}; its process is discarded and a fresh one replaces it on the
 * next batch. Thread-safe. {@link #close()} closes the programs' stdin, waits briefly, then kills
 * them.
 */
public final class ExternalSimulator implements Simulator, AutoCloseable {

    private final ExternalSimulatorConfig config;
    private final Semaphore permits;
    private final LinkedBlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final List<Worker> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicLong singleRowIndex = new AtomicLong();
    private volatile boolean closed;

    private ExternalSimulator(ExternalSimulatorConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.workers(), true);
    }

    /** A simulator for the configured program; processes start with the first batch. */
    public static ExternalSimulator of(ExternalSimulatorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("external simulator configuration is null");
        }
        return new ExternalSimulator(config);
    }

    public ExternalSimulatorConfig config() {
        return config;
    }

    @Override
    public int thetaDim() {
        return config.thetaDim();
    }

    @Override
    public int xDim() {
        return config.xDim();
    }

    /**
     * Simulates one row as a batch of one, with seed {@code rng.nextLong() >>> 11} (in
     * [0, 2^53)) and a running index. Prefer {@link #simulateBatch}: one process round trip per
     * row is slow.
     */
    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                         int xOff) {
        long[] index = {singleRowIndex.getAndIncrement()};
        long[] seed = {rng.nextLong() >>> 11};
        runBatch(index, seed, 0, 1, theta, thetaOff, x, xOff);
    }

    /**
     * Simulates every row of {@code theta} (n×thetaDim) into {@code x} (n×xDim): rows are cut into
     * batches of {@code batchSize} and run on the worker processes side by side.
     *
     * @param indices simulation index of each row (sent to the program; for its logs)
     * @param seeds   seed of each row, in [0, 2^53), e.g. derived from (run seed, index)
     * @return the number of failed rows (rows of x holding a non-finite value)
     * @throws ExternalSimulatorException if a program breaks the protocol; the batches already
     *         answered are written to x and marked in {@link ExternalSimulatorException#completed()}
     */
    public int simulateBatch(long[] indices, long[] seeds, Matrix theta, Matrix x) {
        if (closed) {
            throw new IllegalStateException("external simulator '" + config.commandLine()
                    + "' is closed");
        }
        int n = checkRequest(indices, seeds, theta, x);
        int b = config.batchSize();
        int batches = (n + b - 1) / b;
        BitSet done = new BitSet(n);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<ExternalSimulatorException> failure = new AtomicReference<>();
        // one consumer per worker takes batches in order, so with one worker a failure leaves
        // exactly the batches before it done; after a failure no new batch is started
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(config.workers(), batches); w++) {
                pool.submit(() -> {
                    for (int k; failure.get() == null && (k = next.getAndIncrement()) < batches; ) {
                        int start = k * b;
                        int rows = Math.min(b, n - start);
                        try {
                            runBatch(indices, seeds, start, rows, theta.data(),
                                    theta.rowOffset(start), x.data(), x.rowOffset(start));
                            synchronized (done) {
                                done.set(start, start + rows);
                            }
                        } catch (ExternalSimulatorException e) {
                            failure.compareAndSet(null, e);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, ExternalSimulatorException.of(
                                    config.commandLine(), indices[start], e.getMessage(), null,
                                    new BitSet(), e));
                        }
                    }
                });
            }
        }
        ExternalSimulatorException e = failure.get();
        if (e != null) {
            throw e.withCompleted(done);
        }
        return countFailed(x);
    }

    private int checkRequest(long[] indices, long[] seeds, Matrix theta, Matrix x) {
        int n = theta.rows();
        if (theta.cols() != config.thetaDim()) {
            throw new IllegalArgumentException("theta has " + theta.cols()
                    + " columns, the simulator expects " + config.thetaDim());
        }
        if (x.rows() != n || x.cols() != config.xDim()) {
            throw new IllegalArgumentException("x is " + x.rows() + "x" + x.cols()
                    + ", expected " + n + "x" + config.xDim());
        }
        if (indices.length != n || seeds.length != n) {
            throw new IllegalArgumentException("got " + indices.length + " indices and "
                    + seeds.length + " seeds for " + n + " rows of theta");
        }
        for (int i = 0; i < n; i++) {
            if (seeds[i] < 0 || seeds[i] >= Protocol.SEED_LIMIT) {
                throw new IllegalArgumentException("seed " + seeds[i] + " of simulation "
                        + indices[i] + " is outside [0, 2^53)");
            }
        }
        return n;
    }

    private static int countFailed(Matrix x) {
        int failed = 0;
        for (int i = 0; i < x.rows(); i++) {
            int off = x.rowOffset(i);
            for (int j = 0; j < x.cols(); j++) {
                if (!Float.isFinite(x.data()[off + j])) {
                    failed++;
                    break;
                }
            }
        }
        return failed;
    }

    /** Sends rows [from, from+n) as one request to an idle worker and decodes its answer. */
    private void runBatch(long[] indices, long[] seeds, int from, int n, float[] theta,
                          int thetaOff, float[] x, int xOff) {
        String request = Protocol.encode(indices, seeds, from, n, theta, thetaOff,
                config.thetaDim());
        long first = indices[from];
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(first, "interrupted while waiting for a worker", null, e);
        }
        Worker worker = null;
        boolean healthy = false;
        try {
            worker = takeWorker();
            String answer = worker.exchange(request, config.timeout());
            Protocol.decode(answer, n, config.xDim(), x, xOff);
            healthy = true;
        } catch (Protocol.Violation v) {
            throw fail(first, v.getMessage(), v.line, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(first, "interrupted while waiting for the answer", null, e);
        } finally {
            release(worker, healthy);
        }
    }

    private Worker takeWorker() {
        if (closed) {
            throw new IllegalStateException("external simulator '" + config.commandLine()
                    + "' is closed");
        }
        Worker w = idle.poll();
        if (w != null) {
            return w;
        }
        w = new Worker(config, started.incrementAndGet());
        synchronized (all) {
            all.add(w);
        }
        return w;
    }

    private void release(Worker worker, boolean healthy) {
        try {
            if (worker != null) {
                if (healthy && !closed) {
                    idle.add(worker);
                } else {
                    synchronized (all) {
                        all.remove(worker);
                    }
                    worker.kill();
                }
            }
        } finally {
            permits.release();
        }
    }

    private ExternalSimulatorException fail(long first, String problem, String line,
                                            Throwable cause) {
        return ExternalSimulatorException.of(config.commandLine(), first, problem, line,
                new BitSet(), cause);
    }

    /** Closes every program's stdin, waits briefly for it to exit, then kills it. */
    @Override
    public void close() {
        closed = true;
        List<Worker> workers;
        synchronized (all) {
            workers = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
        workers.parallelStream().forEach(Worker::close);
    }
}
