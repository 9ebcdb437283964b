package org.sbi4j.kernels;

/**
 * The float32 compute kernels everything else is built on: dumb and fast.
 *
 * <p>All matrices are dense, row-major and contiguous: element (i, j) of an r×c matrix stored in
 * {@code a} from offset {@code aOff} is {@code a[aOff + i*c + j]}. Kernels check nothing (shape
 * and aliasing checks live in {@code org.sbi4j.tensor.Ops}), allocate nothing and never keep
 * references to their arguments. Outputs must not alias inputs unless a method says so.
 *
 * <p>Naming follows EJML: {@code gemmNN} is C = α·A·B + β·C, {@code gemmTN} transposes A,
 * {@code gemmNT} transposes B. In every form C is m×n and k is the reduction length. With β = 0
 * the previous contents of C are ignored (NaN in C does not propagate).
 *
 * <p>Implementations must be deterministic: the same inputs give bit-for-bit the same outputs on
 * every call, whatever the number of threads a large product is split over.
 */
public interface Kernels {

    /** A short name for logs and benchmark output, e.g. {@code "vector-512"} or {@code "scalar"}. */
    String name();

    /** Work on the index range [from, to) as part {@code part} of a {@link #forRanges} split. */
    @FunctionalInterface
    interface RangeTask {
        void run(int part, int from, int to);
    }

    /** How many parts {@link #forRanges} runs at once (1: the caller alone); see {@link Parallelism}. */
    default int parallelism() {
        return 1;
    }

    /**
     * Runs {@code task} over [0, m) as at most {@link #parallelism()} contiguous parts whose
     * boundaries are multiples of {@code block}, in parallel on the kernels' {@link Parallelism}
     * (the threads that split large products; the caller runs part 0), and returns when all are
     * done, rethrowing the first failure. When those threads are busy (a call from inside a
     * task, or another caller) the caller runs {@code task.run(0, 0, m)} alone, and products
     * inside a task are not split again. Results must not depend on the split; the task decides
     * how (e.g. one workspace per part, rows computed independently).
     */
    default void forRanges(int m, int block, RangeTask task) {
        if (m > 0) {
            task.run(0, 0, m);
        }
    }

    /** C[m×n] = α·A[m×k]·B[k×n] + β·C. */
    void gemmNN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                float beta, float[] c, int cOff);

    /** C[m×n] = α·Aᵀ·B + β·C where A is stored k×m and B is k×n (the weight-gradient form). */
    void gemmTN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                float beta, float[] c, int cOff);

    /** C[m×n] = α·A·Bᵀ + β·C where A is m×k and B is stored n×k (the input-gradient form). */
    void gemmNT(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                float beta, float[] c, int cOff);

    /** C[i, j] += bias[j] for every row i of the m×n matrix C. */
    void addRowVector(int m, int n, float[] bias, int biasOff, float[] c, int cOff);

    /**
     * out[j] = β·out[j] + Σᵢ A[i, j] over the m rows of the m×n matrix A (the bias-gradient form;
     * β = 1 accumulates, β = 0 overwrites).
     */
    void columnSums(int m, int n, float[] a, int aOff, float beta, float[] out, int outOff);

    /** y[i] += α·x[i] for i &lt; n. x and y may be the same array only at the same offset. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** x[i] *= α for i &lt; n (in place). */
    void scale(int n, float alpha, float[] x, int xOff);

    /**
     * One Adam update of n weights in place (Kingma &amp; Ba 2015; L2 decay l2, decoupled decay as
     * the factor shrink), per element in this order of exactly rounded float operations:
     * <pre>
     *   g' = g + l2·w;  m = b1·m + (1 − b1)·g';  v = b2·v + ((1 − b2)·g')·g'
     *   w  = w·shrink − (step·m) / (√v·invSqrtBc2 + eps)
     * </pre>
     * so every implementation gives the same bits. w, m, v are modified; g is not.
     */
    void adam(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v,
              int vOff, float b1, float b2, float eps, float step, float invSqrtBc2, float l2,
              float shrink);

    /** y[i] = f(x[i]) for i &lt; n. y may equal x (in place) at the same offset. */
    void activate(Activation f, int n, float[] x, int xOff, float[] y, int yOff);

    /**
     * dx[i] = dy[i]·f'(x[i]) for i &lt; n, given the pre-activation x and the output y = f(x).
     * dx may equal dy (in place) at the same offset; it must not alias x or y.
     */
    void activateBackward(Activation f, int n, float[] x, int xOff, float[] y, int yOff,
                          float[] dy, int dyOff, float[] dx, int dxOff);

    /**
     * y[i] = x[i] + r[i]·s[i] for i &lt; n (the product rounded, then the sum; with s = σ(a) the
     * gated residual of nflows' GLU blocks). y may equal x at the same offset.
     */
    void addProduct(int n, float[] x, int xOff, float[] r, int rOff, float[] s, int sOff,
                    float[] y, int yOff);

    /**
     * Backward of the gated residual y = x + r·σ(a) given g = dL/dy and s = σ(a):
     * gr[i] = g[i]·s[i] (dL/dr) and
     * ga[i] = ((g[i]·r[i])·s[i])·(1 − s[i]) (dL/da), in this order of float operations. gr and
     * ga must not overlap the inputs.
     */
    void gatedResidualBackward(int n, float[] g, int gOff, float[] r, int rOff, float[] s,
                               int sOff, float[] gr, int grOff, float[] ga, int gaOff);

    /**
     * The softmax exp(α·x_j − max_l α·x_l) / Σ_l exp(α·x_l − max) of m rows of n values, row i
     * starting at x[xOff + i·stride], written transposed: y[yOff + j·m + i] is value j of row i
     * (y is n×m; it must not overlap x). Each row's values do not depend on m or on where the row
     * lies.
     */
    void softmaxRows(int m, int n, float alpha, float[] x, int xOff, int stride, float[] y,
                     int yOff);

    /** Σ x[i] for i &lt; n. */
    float sum(int n, float[] x, int xOff);

    /** Σ x[i]·y[i] for i &lt; n. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** max x[i] for i &lt; n (NaN if any element is NaN; −∞ for n = 0). */
    float max(int n, float[] x, int xOff);

    /** log Σ exp(x[i]) for i &lt; n, computed stably (max subtracted); −∞ for n = 0. */
    float logSumExp(int n, float[] x, int xOff);
}
