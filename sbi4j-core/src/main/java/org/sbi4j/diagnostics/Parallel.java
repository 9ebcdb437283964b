package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks 0..n−1 on a few threads. Tasks are handed out one at a time (so uneven
 * tasks balance); each task must write only its own results, which makes the outcome independent
 * of the number of threads. The first failure is rethrown as it was thrown (runtime exceptions
 * and errors unchanged), after the other threads stop taking tasks.
 */
final class Parallel {

    private Parallel() {
    }

    /** Calls {@code task.accept(i)} for every i in [0, n) on at most {@code threads} threads. */
    static void forEach(int n, int threads, IntConsumer task) {
        int t = Math.min(threads, n);
        if (t <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; failed.get() == 0 && (i = next.getAndIncrement()) < n; ) {
                try {
                    task.accept(i);
                } catch (RuntimeException | Error e) {
                    failed.set(1);
                    throw e;
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(t - 1, r -> {
            Thread th = new Thread(r, "sbi4j-diagnostics");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int k = 1; k < t; k++) {
                jobs.add(pool.submit(worker));
            }
            worker.run(); // the caller works too
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
