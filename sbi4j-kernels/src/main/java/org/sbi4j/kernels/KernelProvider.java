package org.sbi4j.kernels;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Chooses the kernel implementation once, at first use, and logs which one and why.
 *
 * <p>The Vector API implementation ({@code VectorKernels}) is used when all of these hold:
 * <ul>
 *   <li>{@code -Dsbi4j.kernels=scalar} is not set;</li>
 *   <li>the {@code jdk.incubator.vector} module is in the boot layer
 *       ({@code java --add-modules jdk.incubator.vector});</li>
 *   <li>the Java feature version is {@value #TESTED_FEATURE}, the one the kernels are tested on
 *       (newer ones are accepted with {@code -Dsbi4j.kernels=vector});</li>
 *   <li>the preferred float vector is at least 128 bits wide (else SIMD gains nothing).</li>
 * </ul>
 * Otherwise the scalar kernels. Either way they split large products and {@link Kernels#forRanges}
 * over the process-wide {@link #parallelism()}: {@code -Dsbi4j.threads} threads (default: the
 * available processors), changed at run time by {@link #setThreads}. The Vector class is looked
 * up reflectively (as Lucene does), so a JVM without the module never loads a class that refers
 * to it. Logged through {@link System.Logger} (this module has no dependencies; SLF4J bridges it
 * when present). No JVM option beyond the module is needed: the Vector kernels pass no vector to
 * a method of their own, so nothing is boxed whatever C2 inlines.
 */
public final class KernelProvider {

    /** System property that forces a provider: {@code scalar}, or {@code vector} (untested Java). */
    public static final String PROPERTY = "sbi4j.kernels";
    /** The Java feature version the Vector kernels are tested on. */
    public static final int TESTED_FEATURE = 25;
    /** System property with the number of kernel threads (default: the available processors). */
    public static final String THREADS_PROPERTY = "sbi4j.threads";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.sbi4j.kernels.VectorKernels";
    private static final Logger LOG = System.getLogger(KernelProvider.class.getName());

    private static Parallelism shared;

    private static final class Holder {
        static final Kernels INSTANCE = choose();
    }

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM. */
    public static Kernels get() {
        return Holder.INSTANCE;
    }

    /** The scalar kernels on the caller's thread alone (always available; parallelism 1). */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** The process-wide threads of {@link #get()}'s kernels (whichever implementation). */
    public static synchronized Parallelism parallelism() {
        if (shared == null) {
            shared = Parallelism.of(defaultThreads(System.getProperty(THREADS_PROPERTY, ""),
                    Runtime.getRuntime().availableProcessors()));
        }
        return shared;
    }

    /**
     * Sets the number of threads {@link #get()}'s kernels split work over, the caller included
     * (1: no splits). Results do not depend on it. Waits for a split under way to finish.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException from inside one of the kernels' parallel tasks
     */
    public static void setThreads(int threads) {
        parallelism().setThreads(threads);
    }

    /**
     * The thread count for a value of {@code -Dsbi4j.threads} ("" when unset: {@code cpus}).
     *
     * @throws IllegalArgumentException if the value is not an integer ≥ 1
     */
    static int defaultThreads(String property, int cpus) {
        String v = property.trim();
        if (v.isEmpty()) {
            return Math.max(1, cpus);
        }
        int threads;
        try {
            threads = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be an integer >= 1: " + v, e);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be an integer >= 1: " + v);
        }
        return threads;
    }

    private static Kernels choose() {
        parallelism(); // a bad -Dsbi4j.threads fails here, with its message
        String forced = System.getProperty(PROPERTY, "").trim();
        boolean module = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        String why = scalarReason(forced, module, Runtime.version().feature());
        if (why != null) {
            return scalar(why);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> cls = Class.forName(VECTOR_CLASS, true, KernelProvider.class.getClassLoader());
            MethodHandle bits = lookup.findStatic(cls, "preferredBitSize", MethodType.methodType(int.class));
            int width = (int) bits.invoke();
            if (width < 128) {
                return scalar("the preferred float vector has only " + width + " bits (< 128)");
            }
            MethodHandle create = lookup.findStatic(cls, "create", MethodType.methodType(cls));
            Kernels k = (Kernels) create.invoke();
            LOG.log(Level.INFO, "kernels: " + k.name() + " (Vector API, " + width + "-bit float vectors, "
                    + k.parallelism() + " threads for large products)");
            return k;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Throwable e) {
            return scalar("the Vector API kernels failed to load: " + e);
        }
    }

    /**
     * Why the scalar kernels must be used, or null when the Vector kernels may be tried.
     *
     * @param forced the value of {@code -Dsbi4j.kernels} ("" when unset)
     * @param moduleInBootLayer whether {@code jdk.incubator.vector} is in the boot layer
     * @param feature the Java feature version
     * @throws IllegalArgumentException if {@code forced} is neither empty, scalar nor vector
     */
    static String scalarReason(String forced, boolean moduleInBootLayer, int feature) {
        if (forced.equalsIgnoreCase("scalar")) {
            return "forced by -D" + PROPERTY + "=scalar";
        }
        if (!forced.isEmpty() && !forced.equalsIgnoreCase("vector")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be scalar or vector: " + forced);
        }
        if (!moduleInBootLayer) {
            return "module " + VECTOR_MODULE + " is not in the boot layer; run java with"
                    + " --add-modules " + VECTOR_MODULE + " for the SIMD kernels";
        }
        if (feature != TESTED_FEATURE && !forced.equalsIgnoreCase("vector")) {
            return "Java " + feature + " is not the tested version " + TESTED_FEATURE
                    + "; set -D" + PROPERTY + "=vector to use the Vector API kernels anyway";
        }
        return null;
    }

    private static Kernels scalar(String why) {
        Kernels k = ScalarKernels.create(parallelism());
        LOG.log(Level.INFO, "kernels: scalar (" + why + "; " + k.parallelism() + " threads for large products)");
        return k;
    }
}
