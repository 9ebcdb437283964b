package org.sbi4j.kernels;

/**
 * The threads the kernels split work over, separate from how they compute (SIMD or scalar): a
 * fixed pool of {@link #threads()} threads (the caller included) that runs one row-range task at
 * a time. The scalar and the Vector kernels take one at creation and use it for large products
 * and {@link Kernels#forRanges}; {@link KernelProvider#get()} uses the process-wide
 * {@link KernelProvider#parallelism()}.
 *
 * <p>Determinism: {@link #forRanges} cuts [0, m) into contiguous parts whose boundaries are
 * multiples of a block size; the kernels compute every row of a product by the same operations
 * whatever part it falls in, so 1 and N threads give the same bits, and callers that split their
 * own work (training shards, inference chunks) must do the same.
 *
 * <p>Nothing is allocated per call. The workers are daemon threads started at the first split;
 * {@link #setThreads} replaces the pool (the old workers stop once it is idle).
 */
public final class Parallelism {

    private static final Parallelism SERIAL = new Parallelism(1);
    private static final ScopedValue<Integer> CAP = ScopedValue.newInstance();

    private volatile RowPool pool;

    private Parallelism(int threads) {
        this.pool = new RowPool(threads);
    }

    /**
     * A pool of {@code threads} threads in all, the caller included (1: the caller alone).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Parallelism of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        return new Parallelism(threads);
    }

    /** The caller alone (shared; {@link #setThreads} is refused on it). */
    public static Parallelism serial() {
        return SERIAL;
    }

    /** The threads a split uses at most, the caller included. */
    public int threads() {
        return pool.threads();
    }

    /**
     * Changes the number of threads of later splits. A split under way finishes on the old pool
     * first (this call waits for it).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException on {@link #serial()}, or from inside one of this pool's tasks
     */
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (this == SERIAL) {
            throw new IllegalStateException("the serial parallelism always has 1 thread");
        }
        synchronized (this) {
            RowPool old = pool;
            if (old.threads() != threads) {
                old.close();
                pool = new RowPool(threads);
            }
        }
    }

    /**
     * Runs {@code task} over [0, m) as at most {@link #threads()} contiguous parts whose
     * boundaries are multiples of {@code block}, in parallel (the caller runs part 0), and returns
     * when all are done, rethrowing the first failure. When the pool is busy (a call from inside
     * a task, or another caller) or m ≤ block, the caller runs {@code task.run(0, 0, m)} alone.
     * See {@link Kernels#forRanges}.
     */
    public void forRanges(int m, int block, Kernels.RangeTask task) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1: " + block);
        }
        RowPool p = pool;
        if (m > block && p.tryLock()) {
            try {
                p.run(task, m, block);
            } finally {
                p.unlock();
            }
        } else if (m > 0) {
            task.run(0, 0, m);
        }
    }

    /**
     * Runs {@code action} with the kernels' splits on this thread capped at {@code threads}: a
     * cap that binds to the calling thread for the extent of the call ({@link ScopedValue}), so
     * concurrent runs in one process can use different caps and nothing is left set afterwards.
     * A split uses min(cap, pool threads) threads; results never depend on the cap.
     *
     * <pre>{@code
     * Parallelism.run(1, () -> train(...));        // the kernels stay on the calling thread
     * double[] lp = Parallelism.call(2, () -> posterior.at(x).logProb(theta));
     * }</pre>
     */
    public static void run(int threads, Runnable action) {
        ScopedValue.where(CAP, checkCap(threads)).run(action);
    }

    /** Calls {@code action} with the kernels' splits on this thread capped at {@code threads}. */
    public static <T> T call(int threads, java.util.function.Supplier<T> action) {
        return ScopedValue.where(CAP, checkCap(threads)).call(action::get);
    }

    /** The cap of the current thread: the innermost enclosing call's, or Integer.MAX_VALUE. */
    public static int cap() {
        return CAP.isBound() ? CAP.get() : Integer.MAX_VALUE;
    }

    private static Integer checkCap(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads;
    }

    @Override
    public String toString() {
        return "Parallelism[" + threads() + " threads]";
    }
}
