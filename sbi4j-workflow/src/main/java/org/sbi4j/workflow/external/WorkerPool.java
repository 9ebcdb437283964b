package org.sbi4j.workflow.external;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Up to {@code workers} processes, started on demand; one batch at a time per process. A process
 * that breaks the protocol is killed and replaced on the next batch. After
 * {@value #MAX_CONSECUTIVE_FAILURES} failed batches in a row the pool gives up: later batches
 * fail at once with the last failure, instead of restarting a broken program for every batch.
 * Thread-safe.
 */
final class WorkerPool implements AutoCloseable {

    /** Failed batches in a row after which no new process is started. */
    static final int MAX_CONSECUTIVE_FAILURES = 3;

    private final ExternalSimulatorConfig config;
    private final Semaphore permits;
    private final LinkedBlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final List<Worker> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile ExternalSimulatorException gaveUp;
    private volatile boolean closed;

    WorkerPool(ExternalSimulatorConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.workers(), true);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends rows [from, from+n) of the request as one batch and decodes the answer into
     * {@code x[xOff ..)}. {@code indices} may be null (unknown to the caller).
     */
    void run(long[] indices, long[] seeds, int from, int n, float[] theta, int thetaOff,
             float[] x, int xOff) {
        String request = Protocol.encode(indices, seeds, from, n, theta, thetaOff,
                config.thetaDim());
        String batch = indices != null ? "the batch starting at simulation index "
                + indices[from] : "a batch of " + n + " rows (first seed " + seeds[from] + ")";
        long first = indices != null ? indices[from] : -1;
        ExternalSimulatorException given = gaveUp;
        if (given != null) {
            throw fail(first, batch, "not run: gave up after " + MAX_CONSECUTIVE_FAILURES
                    + " failed batches in a row; the last: " + given.getMessage(), null, null);
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(first, batch, "interrupted while waiting for a worker", null, e);
        }
        Worker worker = null;
        boolean healthy = false;
        try {
            worker = takeWorker();
            String answer = worker.exchange(request, config.timeout());
            Protocol.decode(answer, n, config.xDim(), x, xOff);
            healthy = true;
            consecutiveFailures.set(0);
        } catch (Protocol.Violation v) {
            throw failed(fail(first, batch, v.getMessage(), v.line, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(first, batch, "interrupted while waiting for the answer", null, e);
        } catch (RuntimeException e) {
            throw failed(fail(first, batch, e.getMessage(), null, e));
        } finally {
            release(worker, healthy);
        }
    }

    private ExternalSimulatorException failed(ExternalSimulatorException e) {
        if (consecutiveFailures.incrementAndGet() >= MAX_CONSECUTIVE_FAILURES) {
            gaveUp = e;
        }
        return e;
    }

    private Worker takeWorker() {
        if (closed) {
            throw new IllegalStateException("the external simulator is closed");
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

    private ExternalSimulatorException fail(long first, String batch, String problem,
                                            String line, Throwable cause) {
        return ExternalSimulatorException.of(config.commandLine(), first, batch, problem, line,
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
