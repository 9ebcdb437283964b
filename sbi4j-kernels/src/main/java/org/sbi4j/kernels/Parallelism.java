package org.sbi4j.kernels;

import java.util.function.Supplier;

/**
 * A cap on the threads the kernels split work over ({@link Kernels#forRanges} and large matrix
 * products), for everything one thread runs inside {@link #run} or {@link #call}. The cap binds
 * to the calling thread for the extent of the call ({@link ScopedValue}), so concurrent runs in
 * one process can use different caps, and nothing is left set afterwards.
 *
 * <p>A kernel splits over min(cap, its pool's threads) threads; the pool's size is fixed when
 * the kernels are chosen ({@code -Dsbi4j.threads}, default: available processors), so a cap above
 * it has no further effect. Outside any call there is no cap. Results never depend on the cap:
 * kernels compute every element the same way whatever the split (1 and N threads give the same
 * bits).
 *
 * <pre>{@code
 * Parallelism.run(1, () -> train(...));        // the kernels stay on the calling thread
 * double[] lp = Parallelism.call(2, () -> posterior.at(x).logProb(theta));
 * }</pre>
 */
public final class Parallelism {

    private static final ScopedValue<Integer> CAP = ScopedValue.newInstance();

    private Parallelism() {
    }

    /** Runs {@code action} with the kernels' splits on this thread capped at {@code threads}. */
    public static void run(int threads, Runnable action) {
        ScopedValue.where(CAP, check(threads)).run(action);
    }

    /** Calls {@code action} with the kernels' splits on this thread capped at {@code threads}. */
    public static <T> T call(int threads, Supplier<T> action) {
        return ScopedValue.where(CAP, check(threads)).call(action::get);
    }

    /** The cap of the current thread: the innermost enclosing call's, or Integer.MAX_VALUE. */
    public static int cap() {
        return CAP.isBound() ? CAP.get() : Integer.MAX_VALUE;
    }

    private static Integer check(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads;
    }
}
