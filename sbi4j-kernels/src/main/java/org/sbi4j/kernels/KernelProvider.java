package org.sbi4j.kernels;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Chooses the kernel implementation once, at first use, and logs which one and why.
 *
 * <p>The Vector API implementation is used when the {@code jdk.incubator.vector} module is in the
 * boot layer, its preferred float vectors are at least 128 bits wide, and the Java feature version
 * is one it was tested on. Setting the system property {@code sbi4j.kernels=scalar} forces the
 * scalar kernels. (This module has no dependencies, so it logs through {@link System.Logger},
 * which SLF4J bridges when present.)
 */
public final class KernelProvider {

    /** System property that forces a provider: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "sbi4j.kernels";

    private static final Logger LOG = System.getLogger(KernelProvider.class.getName());

    private static final class Holder {
        static final Kernels INSTANCE = choose();
    }

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM. */
    public static Kernels get() {
        return Holder.INSTANCE;
    }

    /** The scalar kernels (always available). */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    private static Kernels choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        if (forced.equalsIgnoreCase("scalar")) {
            LOG.log(Level.INFO, "kernels: scalar (forced by -D" + PROPERTY + "=scalar)");
            return ScalarKernels.INSTANCE;
        }
        LOG.log(Level.INFO, "kernels: scalar (Vector API kernels not built yet)");
        return ScalarKernels.INSTANCE;
    }
}
