package org.sbi4j.kernels;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by warm repetitions of a step, on the calling thread and the kernel pool's
 * workers (as sbi4j-core's {@code testing.Allocations}, which this module cannot depend on).
 *
 * <p>"Warm" is not a fixed number of steps: on two cores the JIT may compile a hot loop late
 * (while the interpreted or C1 code boxes every Vector API value), so after {@code minWarm} steps
 * the step runs in windows of {@code window} steps until a window allocates less than
 * {@code allowance} bytes, for at most {@link #MAX_WARM_NANOS}. A step that really allocates
 * never gets there, and the last window's bytes are returned for the caller to assert on.
 */
final class Allocations {

    /** How long to wait for the JIT at most: 30 s. */
    static final long MAX_WARM_NANOS = 30_000_000_000L;

    private Allocations() {
    }

    /** The bytes the last window of {@code window} steps allocated (see the class comment). */
    static long bytesOnceWarm(Runnable step, int minWarm, int window, long allowance) {
        for (int i = 0; i < minWarm; i++) {
            step.run();
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + MAX_WARM_NANOS;
        long bytes;
        do {
            long[] ids = threads();
            long before = sum(mx.getThreadAllocatedBytes(ids));
            for (int i = 0; i < window; i++) {
                step.run();
            }
            bytes = sum(mx.getThreadAllocatedBytes(ids)) - before;
        } while (bytes >= allowance && System.nanoTime() < deadline);
        return bytes;
    }

    /** The calling thread and the kernel pool's workers (named sbi4j-kernels-N). */
    private static long[] threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("sbi4j-kernels-"))
                .mapToLong(Thread::threadId).toArray();
    }

    private static long sum(long[] bytes) {
        long s = 0;
        for (long b : bytes) {
            s += Math.max(0, b);
        }
        return s;
    }
}
