package org.sbi4j.workflow.external;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Up to {@code workers} processes, started on demand; one batch at a time per process. A process
 * that breaks the protocol is killed; the batch is re-sent to a fresh process up to
 * {@link ExternalSimulatorConfig#retries()} times (counted per {@link BatchFailure}), and
 * otherwise fails, the process being replaced on the next batch. After
 * {@value #MAX_CONSECUTIVE_FAILURES} failed batches in a row (after their retries) the pool gives up: later batches
 * fail at once with the last failure, instead of restarting a broken program for every batch.
 * Thread-safe.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalSimulator.class);

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
    private final Map<BatchFailure, AtomicLong> retries = new EnumMap<>(BatchFailure.class);

    WorkerPool(ExternalSimulatorConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.workers(), true);
        for (BatchFailure f : BatchFailure.values()) {
            retries.put(f, new AtomicLong());
        }
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
        try {
            runHoldingPermit(request, first, batch, n, x, xOff);
        } finally {
            permits.release();
        }
    }

    /**
     * Sends the batch to a worker; a protocol violation kills that worker and, while retries
     * are left, re-sends the batch to a fresh one (the answer overwrites all n rows).
     */
    private void runHoldingPermit(String request, long first, String batch, int n, float[] x,
                                  int xOff) {
        for (int attempt = 0; ; attempt++) {
            Worker worker = null;
            boolean healthy = false;
            try {
                worker = takeWorker(attempt > 0);
                String answer = worker.exchange(request, config.timeout());
                Protocol.decode(answer, n, config.xDim(), x, xOff);
                healthy = true;
                consecutiveFailures.set(0);
                return;
            } catch (Protocol.Violation v) {
                if (attempt < config.retries() && !closed) {
                    retries.get(v.kind).incrementAndGet();
                    LOG.warn("external simulator '{}' failed on {} ({}: {}); retrying on a fresh"
                            + " process ({} of {})", config.commandLine(), batch, v.kind.label(),
                            v.getMessage(), attempt + 1, config.retries());
                    continue;
                }
                String tries = attempt == 0 ? "" : " (still failing after " + attempt
                        + (attempt == 1 ? " retry)" : " retries)");
                throw failed(fail(first, batch, v.getMessage() + tries, v.line, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(first, batch, "interrupted while waiting for the answer", null, e);
            } catch (RuntimeException e) {
                throw failed(fail(first, batch, e.getMessage(), null, e));
            } finally {
                discardUnlessHealthy(worker, healthy);
            }
        }
    }

    /** Retries so far per cause (a snapshot). */
    Map<BatchFailure, Long> retries() {
        Map<BatchFailure, Long> m = new EnumMap<>(BatchFailure.class);
        retries.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private ExternalSimulatorException failed(ExternalSimulatorException e) {
        if (consecutiveFailures.incrementAndGet() >= MAX_CONSECUTIVE_FAILURES) {
            gaveUp = e;
        }
        return e;
    }

    /** An idle worker, or a new process when there is none or {@code fresh} is asked for. */
    private Worker takeWorker(boolean fresh) {
        if (closed) {
            throw new IllegalStateException("the external simulator is closed");
        }
        Worker w = fresh ? null : idle.poll();
        if (w != null) {
            return w;
        }
        w = new Worker(config, started.incrementAndGet());
        synchronized (all) {
            all.add(w);
        }
        return w;
    }

    private void discardUnlessHealthy(Worker worker, boolean healthy) {
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
