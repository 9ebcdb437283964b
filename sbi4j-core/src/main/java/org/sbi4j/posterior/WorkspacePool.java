package org.sbi4j.posterior;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.sbi4j.flows.ConditionalDensityEstimator.Workspace;

/**
 * A bounded pool of inference workspaces shared by every thread that queries one posterior: at
 * most {@link #capacity()} workspaces ever exist (created on first need, kept for reuse), so the
 * memory of a posterior queried from any number of threads is bounded by capacity × the size of
 * one workspace. A query leases one for its duration ({@link #lease()}, try-with-resources); when
 * all are leased, further queries wait. A thread that already holds a lease gets the same
 * workspace again (queries that call queries do not deadlock and do not take a second one).
 * Thread-safe.
 */
final class WorkspacePool {

    /** The leased workspace; close the lease to give it back. */
    final class Lease implements AutoCloseable {
        private final Workspace workspace;
        private int depth = 1;

        private Lease(Workspace workspace) {
            this.workspace = workspace;
        }

        Workspace workspace() {
            return workspace;
        }

        @Override
        public void close() {
            if (--depth == 0) {
                held.remove();
                idle.push(workspace);
                permits.release();
            }
        }
    }

    private final int capacity;
    private final Supplier<Workspace> factory;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Workspace> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    /** The lease this thread holds, if any (only while it is held: nothing is kept after). */
    private final ThreadLocal<Lease> held = new ThreadLocal<>();

    WorkspacePool(int capacity, Supplier<Workspace> factory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("workspace pool size must be at least 1, got "
                    + capacity);
        }
        this.capacity = capacity;
        this.factory = factory;
        this.permits = new Semaphore(capacity, true);
    }

    /** Most workspaces this pool creates. */
    int capacity() {
        return capacity;
    }

    /** Workspaces created so far (at most {@link #capacity()}). */
    int created() {
        return created.get();
    }

    /**
     * A workspace for this thread until the lease is closed: this thread's current one, an idle
     * one, a new one while fewer than capacity exist, or else the next one given back.
     */
    Lease lease() {
        Lease mine = held.get();
        if (mine != null) {
            mine.depth++;
            return mine;
        }
        permits.acquireUninterruptibly();
        Workspace w = idle.poll();
        if (w == null) {
            try {
                w = factory.get();
            } catch (RuntimeException | Error e) {
                permits.release();
                throw e;
            }
            created.incrementAndGet();
        }
        Lease lease = new Lease(w);
        held.set(lease);
        return lease;
    }
}
