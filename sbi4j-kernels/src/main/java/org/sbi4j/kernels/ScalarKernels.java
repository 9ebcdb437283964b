package org.sbi4j.kernels;

/**
 * Plain-Java kernels: the portable default and the reference the Vector API kernels are tested
 * against. Loops are ordered for sequential memory access (i-p-j for the NN form), so this is no
 * slower than a textbook triple loop.
 */
public final class ScalarKernels implements Kernels {

    /** The shared instance (the class is stateless). */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    private static void scaleRow(int n, float beta, float[] c, int off) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, off, off + n, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) {
                c[off + j] *= beta;
            }
        }
    }

    @Override
    public void gemmNN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            scaleRow(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                float aip = alpha * a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmTN(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            scaleRow(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                float api = alpha * a[aOff + p * m + i];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, float alpha, float[] a, int aOff, float[] b, int bOff,
                       float beta, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
            }
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
        scaleRow(n, beta, out, outOff);
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
