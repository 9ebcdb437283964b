package org.sbi4j.kernels;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed pool of daemon threads that runs one row-range task at a time, the calling thread
 * taking the first range. Row ranges are contiguous and their boundaries are multiples of a block
 * size, so a kernel that computes every row independently gives the same bits for any number of
 * threads. Nothing is allocated per run (workers are started on first use): the caller spins
 * briefly for the other parts, and an idle worker for its next task, before parking (a parked
 * thread costs a queue node and a wake-up of tens of microseconds, as much as a small product).
 *
 * <p>Only one caller uses the pool at a time; {@link #tryLock()} fails while another caller holds
 * it, and that caller then simply computes alone (same result, no deadlock, no nesting).
 */
final class RowPool {

    /** How long the caller spins for the other parts before parking. */
    private static final long CALLER_SPIN_NANOS = 2_000_000L;
    /** How long an idle worker spins for its next task before parking. */
    private static final long WORKER_SPIN_NANOS = 500_000L;

    private final int threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore done = new Semaphore(0);
    private Worker[] workers;

    /** A pool using {@code threads} threads in all, the caller included (1 = caller only). */
    RowPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /**
     * Takes the pool unless it has one thread, the caller's {@link Parallelism#cap()} is 1, or
     * it is held, by another caller or this one.
     */
    boolean tryLock() {
        return threads > 1 && Parallelism.cap() > 1 && !lock.isHeldByCurrentThread()
                && lock.tryLock();
    }

    void unlock() {
        lock.unlock();
    }

    /**
     * Runs {@code task} over rows [0, m) in at most {@link #threads()} (and the caller's
     * {@link Parallelism#cap()}) contiguous ranges whose boundaries are multiples of
     * {@code block}. The caller must hold the lock.
     */
    void run(Kernels.RangeTask task, int m, int block) {
        int blocks = (m + block - 1) / block;
        int parts = Math.min(Math.min(threads, Parallelism.cap()), blocks);
        int rowsPer = (blocks + parts - 1) / parts * block;
        if (workers == null) {
            start();
        }
        int started = 0;
        for (int t = 1; t < parts && t * rowsPer < m; t++) {
            workers[t - 1].post(task, t, t * rowsPer, Math.min(m, (t + 1) * rowsPer));
            started++;
        }
        Throwable failure = null;
        try {
            task.run(0, 0, Math.min(m, rowsPer));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        long until = System.nanoTime() + CALLER_SPIN_NANOS;
        while (done.availablePermits() < started && System.nanoTime() < until) {
            Thread.onSpinWait(); // parking allocates a queue node and costs a wake-up
        }
        done.acquireUninterruptibly(started);
        for (int t = 0; t < started; t++) {
            Throwable e = workers[t].takeFailure();
            if (failure == null) {
                failure = e;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    private void start() {
        workers = new Worker[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Worker();
            Thread th = new Thread(workers[t], "sbi4j-kernels-" + (t + 1));
            th.setDaemon(true);
            th.start();
        }
    }

    private final class Worker implements Runnable {
        private final Semaphore go = new Semaphore(0);
        private Kernels.RangeTask task;
        private int part;
        private int from;
        private int to;
        private Throwable failure;

        void post(Kernels.RangeTask t, int p, int f, int e) {
            task = t;
            part = p;
            from = f;
            to = e;
            go.release();
        }

        Throwable takeFailure() {
            Throwable e = failure;
            failure = null;
            return e;
        }

        @Override
        public void run() {
            while (true) {
                long until = System.nanoTime() + WORKER_SPIN_NANOS;
                while (!go.tryAcquire()) { // the next task usually follows within a training step
                    if (System.nanoTime() > until) {
                        go.acquireUninterruptibly();
                        break;
                    }
                    Thread.onSpinWait();
                }
                try {
                    task.run(part, from, to);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    task = null;
                    done.release();
                }
            }
        }
    }
}
