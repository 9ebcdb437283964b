package org.sbi4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed pool of daemon threads that runs one row-range task at a time, the calling thread
 * taking the first range (the engine of {@link Parallelism}). Row ranges are contiguous and their
 * boundaries are multiples of a block size, so a kernel that computes every row independently
 * gives the same bits for any number of threads. Nothing is allocated per run, not even when a
 * thread has to wait (workers are started on first use): the caller spins briefly for the other
 * parts, and an idle worker for its next task, then parks with {@link LockSupport} (a parked
 * thread costs a wake-up of tens of microseconds, as much as a small product; a semaphore or
 * lock would also allocate a queue node).
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
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile boolean closed;
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
     * Takes the pool unless it has one thread, the caller's {@link Parallelism#cap()} is 1, it is
     * closed or it is held (by anyone, this thread too).
     */
    boolean tryLock() {
        if (threads == 1 || Parallelism.cap() == 1 || lock.isHeldByCurrentThread()
                || !lock.tryLock()) {
            return false;
        }
        if (closed) {
            lock.unlock();
            return false;
        }
        return true;
    }

    void unlock() {
        lock.unlock();
    }

    /**
     * Stops the workers once no caller holds the pool; later {@link #tryLock()} calls fail.
     *
     * @throws IllegalStateException when called from inside one of this pool's tasks
     */
    void close() {
        if (lock.isHeldByCurrentThread() || isWorker(Thread.currentThread())) {
            throw new IllegalStateException("a kernel thread pool cannot be resized from inside one of its tasks");
        }
        lock.lock();
        try {
            closed = true;
            if (workers != null) {
                for (Worker w : workers) {
                    LockSupport.unpark(w.thread);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code t} is one of this pool's workers (a worker sees the array it was started from). */
    private boolean isWorker(Thread t) {
        Worker[] w = workers;
        if (w != null) {
            for (Worker x : w) {
                if (x != null && x.thread == t) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code task} over rows [0, m) in at most {@link #threads()} contiguous ranges whose
     * boundaries are multiples of {@code block}. The caller must hold the lock.
     */
    void run(Kernels.RangeTask task, int m, int block) {
        int blocks = (m + block - 1) / block;
        int parts = Math.min(Math.min(threads, Parallelism.cap()), blocks);
        int rowsPer = (blocks + parts - 1) / parts * block;
        if (workers == null) {
            start();
        }
        int started = 0;
        while (started + 1 < parts && (started + 1) * rowsPer < m) {
            started++;
        }
        caller = Thread.currentThread();
        remaining.set(started);
        for (int t = 1; t <= started; t++) {
            workers[t - 1].post(task, t, t * rowsPer, Math.min(m, (t + 1) * rowsPer));
        }
        Throwable failure = null;
        try {
            task.run(0, 0, Math.min(m, rowsPer));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        awaitWorkers();
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

    private void awaitWorkers() {
        long until = System.nanoTime() + CALLER_SPIN_NANOS;
        while (remaining.get() > 0) {
            if (System.nanoTime() < until) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            while (remaining.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
    }

    private void start() {
        workers = new Worker[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Worker();
            Thread th = new Thread(workers[t], "sbi4j-kernels-" + (t + 1));
            th.setDaemon(true);
            workers[t].thread = th;
            th.start();
        }
    }

    private final class Worker implements Runnable {
        private volatile Kernels.RangeTask task;
        private volatile boolean parked;
        private Thread thread;
        private int part;
        private int from;
        private int to;
        private Throwable failure;

        void post(Kernels.RangeTask t, int p, int f, int e) {
            part = p;
            from = f;
            to = e;
            task = t; // volatile write: publishes the fields above
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        Throwable takeFailure() {
            Throwable e = failure;
            failure = null;
            return e;
        }

        @Override
        public void run() {
            while (!closed) {
                Kernels.RangeTask t = awaitTask();
                if (t == null) {
                    return;
                }
                try {
                    t.run(part, from, to);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    task = null;
                    if (remaining.decrementAndGet() == 0 && callerParked) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** The next task, or null once the pool is closed. */
        private Kernels.RangeTask awaitTask() {
            long until = System.nanoTime() + WORKER_SPIN_NANOS; // the next task usually follows soon
            Kernels.RangeTask t;
            while ((t = task) == null) {
                if (closed) {
                    return null;
                }
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (task == null && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            return t;
        }
    }
}
