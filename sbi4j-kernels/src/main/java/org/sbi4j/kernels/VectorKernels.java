package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Kernels on the Java Vector API ({@code jdk.incubator.vector}), preferred float species.
 *
 * <p>GEMM: register-blocked micro-kernels ({@link VectorGemm}); the NN and TN forms read A in place
 * with row/column strides; the NT form packs Bᵀ (k×n) into a per-thread scratch buffer that grows
 * to the largest size seen and is then reused (no allocation in steady state), or, for fewer than
 * {@value #NT_PACK_MIN_ROWS} rows, uses blocked dot products. Products of at least
 * {@code minFlops} floating-point operations (2·m·n·k) are split by rows over a {@link Parallelism}
 * (the same service the scalar kernels use); every element is computed by the same sequence of
 * exactly rounded operations whatever the split, so 1 and N threads give the same bits.
 *
 * <p>Element-wise kernels and reductions: {@link VectorElementwise}. Never load this class
 * without the {@code jdk.incubator.vector} module; {@link KernelProvider} loads it reflectively.
 */
public final class VectorKernels implements Kernels {

    /** Default parallel threshold, in floating-point operations 2·m·n·k. */
    public static final long DEFAULT_MIN_FLOPS = 1L << 23;
    static final int NT_PACK_MIN_ROWS = 8;

    private final Parallelism parallelism;
    private final long minFlops;
    /** Per-thread arguments of a product being split (a thread runs one product at a time). */
    private final ThreadLocal<Job> job = ThreadLocal.withInitial(Job::new);
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

    private VectorKernels(Parallelism parallelism, long minFlops) {
        this.parallelism = parallelism;
        this.minFlops = minFlops;
    }

    /** Kernels on {@link KernelProvider#parallelism()}, the process-wide threads. */
    public static VectorKernels create() {
        return create(KernelProvider.parallelism(), DEFAULT_MIN_FLOPS);
    }

    /** Kernels splitting products of ≥ {@link #DEFAULT_MIN_FLOPS} flops over a new pool of {@code threads} threads. */
    public static VectorKernels create(int threads) {
        return create(Parallelism.of(threads), DEFAULT_MIN_FLOPS);
    }

    /** Kernels splitting products of ≥ {@code minFlops} flops (2·m·n·k) over a new pool of {@code threads} threads. */
    public static VectorKernels create(int threads, long minFlops) {
        return create(Parallelism.of(threads), minFlops);
    }

    /**
     * Kernels splitting products of ≥ {@code minFlops} flops (2·m·n·k) over {@code parallelism}.
     *
     * @throws IllegalArgumentException if {@code minFlops < 0}
     */
    public static VectorKernels create(Parallelism parallelism, long minFlops) {
        if (minFlops < 0) {
            throw new IllegalArgumentException("minFlops must be >= 0: " + minFlops);
        }
        return new VectorKernels(java.util.Objects.requireNonNull(parallelism, "parallelism"), minFlops);
    }

    /** Bits in the preferred float vector of this JVM on this CPU (e.g. 512 with AVX-512). */
    public static int preferredBitSize() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Threads used for large products, the caller included. */
    public int threads() {
        return parallelism.threads();
    }

    @Override
    public int parallelism() {
        return parallelism.threads();
    }

    @Override
    public void forRanges(int m, int block, RangeTask task) {
        parallelism.forRanges(m, block, task);
    }

    @Override
    public String name() {
        return "vector-" + preferredBitSize();
    }

    @Override
    public void gemmNN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        gemm(m, n, k, alpha, a, aOff, k, 1, b, bOff, beta, c, cOff);
    }

    @Override
    public void gemmTN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        gemm(m, n, k, alpha, a, aOff, 1, m, b, bOff, beta, c, cOff);
    }

    @Override
    public void gemmNT(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        if (m < NT_PACK_MIN_ROWS) {
            VectorGemmNT.ntDots(0, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        float[] bt = scratch.get();
        if (bt.length < n * k) {
            bt = new float[n * k];
            scratch.set(bt);
        }
        VectorGemmNT.transpose(n, k, b, bOff, bt);
        gemm(m, n, k, alpha, a, aOff, k, 1, bt, 0, beta, c, cOff);
    }

    private void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int rs, int cs,
                      float[] b, int bOff, float beta, float[] c, int cOff) {
        if (2L * m * n * k >= minFlops && m > VectorGemm.MR && parallelism.threads() > 1) {
            Job j = job.get();
            j.set(n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
            try {
                parallelism.forRanges(m, VectorGemm.MR, j);
            } finally {
                j.clear();
            }
        } else {
            VectorGemm.rows(0, m, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] bias, int biasOff, float[] c, int cOff) {
        VectorElementwise.addRowVector(m, n, bias, biasOff, c, cOff);
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float beta, float[] out, int outOff) {
        VectorElementwise.columnSums(m, n, a, aOff, beta, out, outOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        VectorElementwise.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void addProduct(int n, float[] x, int xOff, float[] r, int rOff, float[] s, int sOff,
                           float[] y, int yOff) {
        VectorElementwise.addProduct(n, x, xOff, r, rOff, s, sOff, y, yOff);
    }

    @Override
    public void gatedResidualBackward(int n, float[] g, int gOff, float[] r, int rOff, float[] s,
                                      int sOff, float[] gr, int grOff, float[] ga, int gaOff) {
        VectorElementwise.gateBackward(n, g, gOff, r, rOff, s, sOff, gr, grOff, ga, gaOff);
    }

    @Override
    public void adam(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                     float[] v, int vOff, float b1, float b2, float eps, float step,
                     float invSqrtBc2, float l2, float shrink) {
        VectorElementwise.adam(n, w, wOff, g, gOff, m, mOff, v, vOff, b1, b2, eps, step,
                invSqrtBc2, l2, shrink);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        VectorElementwise.scale(n, alpha, x, xOff);
    }

    @Override
    public void activate(Activation f, int n, float[] x, int xOff, float[] y, int yOff) {
        VectorActivations.activate(f, n, x, xOff, y, yOff);
    }

    @Override
    public void activateBackward(Activation f, int n, float[] x, int xOff, float[] y, int yOff,
                                 float[] dy, int dyOff, float[] dx, int dxOff) {
        VectorActivationDerivatives.backward(f, n, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public float sum(int n, float[] x, int xOff) {
        return VectorElementwise.sum(n, x, xOff);
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        return VectorElementwise.dot(n, x, xOff, y, yOff);
    }

    @Override
    public float max(int n, float[] x, int xOff) {
        return VectorElementwise.max(n, x, xOff);
    }

    @Override
    public void softmaxRows(int m, int n, float alpha, float[] x, int xOff, int stride, float[] y,
                            int yOff) {
        VectorSoftmax.rows(m, n, alpha, x, xOff, stride, y, yOff);
    }

    @Override
    public float logSumExp(int n, float[] x, int xOff) {
        return VectorSoftmax.logSumExp(n, x, xOff);
    }

    /** The arguments of a product being split (one per thread, cleared after). */
    private static final class Job implements RangeTask {
        private int n, k, aOff, rs, cs, bOff, cOff;
        private float alpha, beta;
        private float[] a, b, c;

        void set(int n, int k, float alpha, float[] a, int aOff, int rs, int cs, float[] b, int bOff,
                 float beta, float[] c, int cOff) {
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.rs = rs;
            this.cs = cs;
            this.b = b;
            this.bOff = bOff;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int part, int from, int to) {
            VectorGemm.rows(from, to, n, k, alpha, a, aOff, rs, cs, b, bOff, beta, c, cOff);
        }
    }
}
