package org.sbi4j.kernels;

/**
 * Plain-Java kernels: the portable default and the reference the Vector API kernels are tested
 * against. GEMM loops: {@link ScalarGemm}; products of at least {@link #DEFAULT_MIN_FLOPS}
 * floating-point operations (2·m·n·k) are split by rows over the kernels' {@link Parallelism}
 * (rows computed independently, so 1 and N threads give the same bits), as the Vector kernels do.
 */
public final class ScalarKernels implements Kernels {

    /** The kernels on the caller's thread alone (no splits; {@link #parallelism()} is 1). */
    public static final ScalarKernels INSTANCE = new ScalarKernels(Parallelism.serial());
    /** Products of at least this many floating-point operations 2·m·n·k are split. */
    public static final long DEFAULT_MIN_FLOPS = 1L << 23;

    private final Parallelism parallelism;
    /** Per-thread arguments of a product being split (a thread runs one product at a time). */
    private final ThreadLocal<ScalarGemm> job = ThreadLocal.withInitial(ScalarGemm::new);

    private ScalarKernels(Parallelism parallelism) {
        this.parallelism = parallelism;
    }

    /** Scalar kernels splitting large products and {@link #forRanges} over {@code parallelism}. */
    public static ScalarKernels create(Parallelism parallelism) {
        return new ScalarKernels(java.util.Objects.requireNonNull(parallelism, "parallelism"));
    }

    @Override
    public String name() {
        return "scalar";
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
    public void gemmNN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        gemm(ScalarGemm.Form.NN, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    @Override
    public void gemmTN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        gemm(ScalarGemm.Form.TN, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    @Override
    public void gemmNT(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        gemm(ScalarGemm.Form.NT, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    private void gemm(ScalarGemm.Form form, int m, int n, int k, float alpha, float[] a, int aOff,
                      float[] b, int bOff, float beta, float[] c, int cOff) {
        if (2L * m * n * k >= DEFAULT_MIN_FLOPS && m > 1 && parallelism.threads() > 1) {
            ScalarGemm j = job.get();
            j.set(form, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            try {
                parallelism.forRanges(m, 1, j);
            } finally {
                j.clear();
            }
        } else {
            ScalarGemm.rows(form, 0, m, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] bias, int biasOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float beta, float[] out, int outOff) {
        ScalarGemm.scaleRow(n, beta, out, outOff);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = 0; j < n; j++) {
                out[outOff + j] += a[ai + j];
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void addProduct(int n, float[] x, int xOff, float[] r, int rOff, float[] s, int sOff,
                           float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = x[xOff + i] + r[rOff + i] * s[sOff + i];
        }
    }

    @Override
    public void gatedResidualBackward(int n, float[] g, int gOff, float[] r, int rOff, float[] s,
                                      int sOff, float[] gr, int grOff, float[] ga, int gaOff) {
        for (int i = 0; i < n; i++) {
            float gv = g[gOff + i];
            float sv = s[sOff + i];
            gr[grOff + i] = gv * sv;
            ga[gaOff + i] = gv * r[rOff + i] * sv * (1f - sv);
        }
    }

    @Override
    public void adam(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                     float[] v, int vOff, float b1, float b2, float eps, float step,
                     float invSqrtBc2, float l2, float shrink) {
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            float gi = g[gOff + i] + l2 * wi;
            float mi = b1 * m[mOff + i] + c1 * gi;
            float vi = b2 * v[vOff + i] + c2 * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float denom = (float) Math.sqrt(vi) * invSqrtBc2 + eps; // = the rounded float √
            w[wOff + i] = wi * shrink - step * mi / denom;
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void activate(Activation f, int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = ScalarMath.apply(f, x[xOff + i]);
        }
    }

    @Override
    public void activateBackward(Activation f, int n, float[] x, int xOff, float[] y, int yOff,
                                 float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = dy[dyOff + i] * ScalarMath.derivative(f, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public float sum(int n, float[] x, int xOff) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public float max(int n, float[] x, int xOff) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            if (Float.isNaN(v)) {
                return Float.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public void softmaxRows(int m, int n, float alpha, float[] x, int xOff, int stride, float[] y,
                            int yOff) {
        for (int i = 0; i < m; i++) {
            int xi = xOff + i * stride;
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                mx = Math.max(mx, alpha * x[xi + j]);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(alpha * x[xi + j] - mx);
                y[yOff + j * m + i] = e;
                sum += e;
            }
            for (int j = 0; j < n; j++) {
                y[yOff + j * m + i] /= sum;
            }
        }
    }

    @Override
    public float logSumExp(int n, float[] x, int xOff) {
        float m = max(n, x, xOff);
        if (n == 0 || m == Float.NEGATIVE_INFINITY) {
            return Float.NEGATIVE_INFINITY;
        }
        if (Float.isNaN(m) || m == Float.POSITIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(x[xOff + i] - m);
        }
        return (float) (m + Math.log(s));
    }
}
