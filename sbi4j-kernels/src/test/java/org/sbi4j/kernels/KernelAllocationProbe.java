package org.sbi4j.kernels;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the bytes allocated by warm calls of the hot kernels of {@link KernelProvider#get()}
 * (each activation forward and backward, the GEMM forms small and split over the pool, the
 * element-wise kernels, softmax, reductions, forRanges) and by a gated-residual-block step that
 * calls many of them from one large method, first on one branch and then with a second branch
 * turned hot (the recompile that once made C2 call a vector helper instead of inlining it). Run
 * by {@link KernelAllocationTest} in a child JVM without {@code -XX} options; prints
 * "ARGS &lt;jvm arguments&gt;", "KERNELS &lt;name&gt;" and one "ALLOC &lt;kernel&gt; &lt;bytes&gt;" each.
 */
public final class KernelAllocationProbe {

    static final int WARM_CALLS = 2_000;
    static final int MEASURED_CALLS = 200;
    static final long ALLOWANCE = 1024;

    private static final Kernels K = KernelProvider.get();
    private static final int N = 1003; // not a multiple of any vector length: tails run too

    private KernelAllocationProbe() {
    }

    public static void main(String[] args) {
        System.out.println("ARGS " + String.join(" ",
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("KERNELS " + K.name() + " " + K.parallelism());
        for (Map.Entry<String, Runnable> e : steps().entrySet()) {
            int warm = e.getKey().contains("split") || e.getKey().contains("idle") ? WARM_CALLS / 4 : WARM_CALLS;
            System.out.println("ALLOC " + e.getKey() + " "
                    + Allocations.bytesOnceWarm(e.getValue(), warm, MEASURED_CALLS, ALLOWANCE));
        }
        GatedBlock block = new GatedBlock();
        System.out.println("ALLOC block-one-branch "
                + Allocations.bytesOnceWarm(block::step, WARM_CALLS, MEASURED_CALLS, ALLOWANCE));
        block.both = true;
        System.out.println("ALLOC block-second-branch "
                + Allocations.bytesOnceWarm(block::step, WARM_CALLS, MEASURED_CALLS, ALLOWANCE));
    }

    static Map<String, Runnable> steps() {
        float[] x = TestArrays.uniform(N, 1);
        float[] y = new float[N];
        float[] dy = TestArrays.uniform(N, 2);
        float[] dx = new float[N];
        float[] w = TestArrays.uniform(N, 3);
        float[] m = new float[N];
        float[] v = new float[N];
        Map<String, Runnable> steps = new LinkedHashMap<>();
        for (Activation a : Activation.values()) {
            steps.put("activate-" + a, () -> K.activate(a, N, x, 0, y, 0));
            steps.put("backward-" + a, () -> K.activateBackward(a, N, x, 0, y, 0, dy, 0, dx, 0));
        }
        float[] a = TestArrays.uniform(256 * 128, 4);
        float[] b = TestArrays.uniform(128 * 128, 5);
        float[] c = new float[256 * 128];
        steps.put("gemmNN-64x50x50", () -> K.gemmNN(64, 50, 50, 1f, a, 0, b, 0, 0f, c, 0));
        steps.put("gemmTN-50x50x64", () -> K.gemmTN(50, 50, 64, 1f, a, 0, b, 0, 1f, c, 0));
        steps.put("gemmNT-64x50x50", () -> K.gemmNT(64, 50, 50, 1f, a, 0, b, 0, 0f, c, 0));
        steps.put("gemmNT-4x50x50", () -> K.gemmNT(4, 50, 50, 1f, a, 0, b, 0, 0f, c, 0));
        steps.put("gemmNN-split-256x128x128", () -> K.gemmNN(256, 128, 128, 1f, a, 0, b, 0, 0f, c, 0));
        steps.put("gemmTN-split-256x128x128", () -> K.gemmTN(256, 128, 128, 1f, a, 0, b, 0, 0f, c, 0));
        steps.put("addRowVector", () -> K.addRowVector(20, 50, b, 0, c, 0));
        steps.put("columnSums", () -> K.columnSums(20, 50, a, 0, 1f, m, 0));
        steps.put("axpy", () -> K.axpy(N, 0.5f, x, 0, y, 0));
        steps.put("scale", () -> K.scale(N, 0.999f, y, 0));
        steps.put("adam", () -> K.adam(N, w, 0, dy, 0, m, 0, v, 0, 0.9f, 0.999f, 1e-8f, 1e-4f,
                1f, 0f, 1f));
        steps.put("addProduct", () -> K.addProduct(N, x, 0, dy, 0, w, 0, y, 0));
        steps.put("gatedResidualBackward", () -> K.gatedResidualBackward(N, dy, 0, x, 0, w, 0, dx, 0,
                y, 0));
        steps.put("softmaxRows", () -> K.softmaxRows(70, 10, 1f, x, 0, 10, c, 0));
        steps.put("logSumExp", () -> sink(K.logSumExp(N, x, 0)));
        steps.put("sum", () -> sink(K.sum(N, x, 0)));
        steps.put("dot", () -> sink(K.dot(N, x, 0, dy, 0)));
        steps.put("max", () -> sink(K.max(N, x, 0)));
        Kernels.RangeTask task = (part, from, to) -> K.scale(to - from, 1f, y, from);
        steps.put("forRanges", () -> K.forRanges(N, 16, task));
        steps.put("forRanges-after-idle", () -> { // the worker has parked: woken without allocating
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            K.forRanges(N, 16, task);
        });
        return steps;
    }

    private static float sunk;

    private static void sink(float f) {
        sunk += f;
    }

    /**
     * A gated residual block's forward and backward on 40 rows of 50 features, many kernel calls
     * in one method; with {@link #both} every other call takes a second branch (other
     * activations, a softmax), as a block's forward does when sampling turns to many contexts.
     */
    static final class GatedBlock {
        private static final int ROWS = 40;
        private static final int F = 50;
        private final float[] in = TestArrays.uniform(ROWS * F, 6);
        private final float[] wt = TestArrays.uniform(F * F, 7);
        private final float[] bias = TestArrays.uniform(F, 8);
        private final float[] h = new float[ROWS * F];
        private final float[] r = new float[ROWS * F];
        private final float[] s = new float[ROWS * F];
        private final float[] out = new float[ROWS * F];
        private final float[] g = TestArrays.uniform(ROWS * F, 9);
        private final float[] gr = new float[ROWS * F];
        private final float[] ga = new float[ROWS * F];
        boolean both;
        private int calls;

        void step() {
            K.gemmNN(ROWS, F, F, 1f, in, 0, wt, 0, 0f, h, 0);
            K.addRowVector(ROWS, F, bias, 0, h, 0);
            boolean second = both && (++calls & 1) == 0;
            if (second) {
                K.activate(Activation.TANH, ROWS * F, h, 0, r, 0);
                K.activate(Activation.SILU, ROWS * F, h, 0, s, 0);
                K.softmaxRows(ROWS, 10, 1f, h, 0, F, out, 0);
                K.activate(Activation.SOFTPLUS, ROWS * F, h, 0, s, 0);
                K.activate(Activation.SIGMOID, ROWS * F, s, 0, s, 0);
            } else {
                K.activate(Activation.ELU, ROWS * F, h, 0, r, 0);
                K.activate(Activation.SIGMOID, ROWS * F, h, 0, s, 0);
            }
            K.addProduct(ROWS * F, in, 0, r, 0, s, 0, out, 0);
            K.gatedResidualBackward(ROWS * F, g, 0, r, 0, s, 0, gr, 0, ga, 0);
            K.activateBackward(second ? Activation.TANH : Activation.ELU, ROWS * F, h, 0, r, 0, gr,
                    0, gr, 0);
            K.activateBackward(Activation.SIGMOID, ROWS * F, h, 0, s, 0, ga, 0, ga, 0);
            K.gemmNT(ROWS, F, F, 1f, gr, 0, wt, 0, 0f, h, 0);
            K.columnSums(ROWS, F, ga, 0, 0f, bias, 0);
            K.scale(F, 1e-3f, bias, 0);
        }
    }
}
