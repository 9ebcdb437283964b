package org.sbi4j.flows;

/**
 * Monotone rational-quadratic spline on [−B, B] with K bins and identity (linear) tails
 * (Durkan et al. 2019, "Neural Spline Flows", eqs. 4-6; parameterised as nflows/zuko).
 *
 * <p>Parameters per element, 3K−1 unconstrained values laid out as
 * {@code [u_w(0..K-1), u_h(0..K-1), u_d(1..K-1)]}: bin widths w_k = 2B·(m_w + (1 − K·m_w)·softmax(c·u_w)_k),
 * heights likewise, interior knot derivatives δ_k = m_d + softplus(u_d,k) and boundary
 * derivatives δ_0 = δ_K = 1, so the spline joins the identity tails with slope 1.
 * Within bin k, with ξ = (θ − x_k)/w_k and s_k = h_k/w_k:
 * <pre>
 *   g(θ)  = y_k + h_k·[s_k ξ² + δ_k ξ(1−ξ)] / [s_k + (δ_{k+1} + δ_k − 2 s_k) ξ(1−ξ)]
 *   g'(θ) = s_k²·[δ_{k+1} ξ² + 2 s_k ξ(1−ξ) + δ_k (1−ξ)²] / [s_k + (δ_{k+1} + δ_k − 2 s_k) ξ(1−ξ)]²
 * </pre>
 * Outside [−B, B] the map is the identity, log g' = 0 and all parameter gradients are zero.
 * The width and height logits are multiplied by {@code logitScale} c before the softmax (nflows
 * divides them by √hidden, c = 1/√H, so a fresh conditioner gives nearly uniform bins).
 *
 * @param bins          K ≥ 1
 * @param bound         B &gt; 0
 * @param minWidth      m_w, with K·m_w &lt; 1
 * @param minHeight     m_h, with K·m_h &lt; 1
 * @param minDerivative m_d ∈ (0, 1)
 * @param logitScale    c &gt; 0 multiplying u_w and u_h
 */
public record RationalQuadraticSpline(int bins, float bound, float minWidth, float minHeight,
                                      float minDerivative, float logitScale)
        implements ElementwiseBijection {

    /** The minimum bin width, height and derivative of nflows and zuko. */
    public static final float DEFAULT_MIN = 1e-3f;

    public RationalQuadraticSpline {
        if (bins < 1) {
            throw new IllegalArgumentException("spline needs at least one bin: " + bins);
        }
        if (!(bound > 0) || Float.isInfinite(bound)) {
            throw new IllegalArgumentException("tail bound must be positive and finite: " + bound);
        }
        if (!(minWidth > 0) || minWidth * bins >= 1) {
            throw new IllegalArgumentException("minimum bin width " + minWidth
                    + " must be positive with bins*minWidth < 1 (bins " + bins + ")");
        }
        if (!(minHeight > 0) || minHeight * bins >= 1) {
            throw new IllegalArgumentException("minimum bin height " + minHeight
                    + " must be positive with bins*minHeight < 1 (bins " + bins + ")");
        }
        if (!(minDerivative > 0) || minDerivative >= 1) {
            throw new IllegalArgumentException("minimum derivative must be in (0, 1): "
                    + minDerivative);
        }
        if (!(logitScale > 0) || Float.isInfinite(logitScale)) {
            throw new IllegalArgumentException("logit scale must be positive and finite: "
                    + logitScale);
        }
    }

    /** K bins on [−bound, bound] with minimum width, height and derivative 1e-3. */
    public static RationalQuadraticSpline of(int bins, float bound) {
        return new RationalQuadraticSpline(bins, bound, DEFAULT_MIN, DEFAULT_MIN, DEFAULT_MIN,
                1f);
    }

    /** As {@link #of(int, float)} with width and height logits scaled by c (nflows: 1/√H). */
    public RationalQuadraticSpline withLogitScale(float c) {
        return new RationalQuadraticSpline(bins, bound, minWidth, minHeight, minDerivative, c);
    }

    @Override
    public int paramsPerDim() {
        return 3 * bins - 1;
    }

    /** Scratch layout: x knots (K+1), y knots (K+1), width softmax (K), height softmax (K). */
    @Override
    public int scratchSize() {
        return 4 * bins + 2;
    }

    /** Fills x and y knots and the two softmax vectors of block i (of n) into s. */
    private void knots(float[] probs, int i, int n, double[] s) {
        int k = bins;
        cumulative(probs, i, n, minWidth, s, 0, 2 * k + 2);
        cumulative(probs, k * n + i, n, minHeight, s, k + 1, 3 * k + 2);
    }

    /** Knots −B + 2B·Σ_{j&lt;i} (min + a·π_j) and π (probs[off + j·n]) into s. */
    private void cumulative(float[] probs, int off, int n, double min, double[] s, int knotOff,
                            int probOff) {
        int k = bins;
        double a = 1.0 - min * k;
        double twoB = 2.0 * bound;
        double x = -bound;
        s[knotOff] = x;
        for (int j = 0; j < k; j++) {
            double prob = probs[off + j * n];
            s[probOff + j] = prob;
            x += twoB * (min + a * prob);
            s[knotOff + j + 1] = x;
        }
        s[knotOff + k] = bound;
    }

    /** The K+1 x knots of the parameter block at off (for tests). */
    double[] xKnots(float[] p, int off) {
        double[] s = new double[scratchSize()];
        knots(SplineBins.softmaxes(this, 1, p, off, 0), 0, 1, s);
        return java.util.Arrays.copyOf(s, bins + 1);
    }

    /**
     * log(1 + eᵘ) with the intrinsic Math.log/exp (Math.log1p is the slow StrictMath one): for
     * u &gt; 20 it is u, for u &lt; −20 it is eᵘ, both to double precision.
     */
    static double softplus(double u) {
        if (u > 20) {
            return u;
        }
        double e = Math.exp(u);
        return u < -20 ? e : Math.log(1.0 + e);
    }

    static double sigmoid(double u) {
        return 1.0 / (1.0 + Math.exp(-u));
    }

    @Override
    public void forward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff,
                        int pStride, float[] z, int zOff, int zStride, float[] logAbsDet,
                        int lOff, double[] s) {
        SplineBins b = SplineBins.locate(this, n, theta, tOff, tStride, p, pOff, pStride, false);
        double[] g = b.geo;
        for (int i = 0; i < n; i++) {
            double t = theta[tOff + i * tStride];
            if (b.bin[i] < 0) {
                z[zOff + i * zStride] = (float) t;
                continue;
            }
            double w = g[4 * i + 1];
            double h = g[4 * i + 3];
            double sk = h / w;
            double xi = clamp01((t - g[4 * i]) / w);
            double d0 = b.derivative(this, i, 0);
            double d1 = b.derivative(this, i, 1);
            double xi1 = xi * (1 - xi);
            double den = sk + (d0 + d1 - 2 * sk) * xi1;
            double num = h * (sk * xi * xi + d0 * xi1);
            z[zOff + i * zStride] = (float) (g[4 * i + 2] + num / den);
            double c = d1 * xi * xi + 2 * sk * xi1 + d0 * (1 - xi) * (1 - xi);
            logAbsDet[lOff + i] += (float) Math.log(sk * sk * c / (den * den));
        }
    }

    @Override
    public void inverse(int n, float[] z, int zOff, int zStride, float[] p, int pOff, int pStride,
                        float[] theta, int tOff, int tStride, float[] logAbsDet, int lOff,
                        double[] s) {
        SplineBins b = SplineBins.locate(this, n, z, zOff, zStride, p, pOff, pStride, true);
        double[] g = b.geo;
        for (int i = 0; i < n; i++) {
            double y = z[zOff + i * zStride];
            if (b.bin[i] < 0) {
                theta[tOff + i * tStride] = (float) y;
                continue;
            }
            double xk = g[4 * i];
            double w = g[4 * i + 1];
            double h = g[4 * i + 3];
            double sk = h / w;
            double d0 = b.derivative(this, i, 0);
            double d1 = b.derivative(this, i, 1);
            double dy = y - g[4 * i + 2];
            double mix = d0 + d1 - 2 * sk;
            double a = h * (sk - d0) + dy * mix;
            double bb = h * d0 - dy * mix;
            double c = -sk * dy;
            double disc = Math.max(bb * bb - 4 * a * c, 0.0);
            double root = -bb - Math.sqrt(disc);
            double xi = root == 0 ? 0.0 : clamp01(2 * c / root);
            theta[tOff + i * tStride] = (float) (xk + xi * w);
            if (logAbsDet != null) {
                double xi1 = xi * (1 - xi);
                double den = sk + mix * xi1;
                double cc = d1 * xi * xi + 2 * sk * xi1 + d0 * (1 - xi) * (1 - xi);
                logAbsDet[lOff + i] += (float) Math.log(sk * sk * cc / (den * den));
            }
        }
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    @Override
    public void backward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff,
                         int pStride, float[] gz, int gzOff, int gzStride, float[] gl, int glOff,
                         float[] gTheta, int gtOff, int gtStride, float[] gp, int gpOff,
                         int gpStride, double[] s) {
        int np = paramsPerDim();
        SplineBins b = SplineBins.locate(this, n, theta, tOff, tStride, p, pOff, pStride, false);
        for (int i = 0; i < n; i++) {
            double t = theta[tOff + i * tStride];
            double gZ = gz[gzOff + i * gzStride];
            int go = gpOff + i * gpStride;
            if (b.bin[i] < 0) {
                gTheta[gtOff + i * gtStride] = (float) gZ;
                java.util.Arrays.fill(gp, go, go + np, 0f);
                continue;
            }
            double gL = gl[glOff + i];
            int po = pOff + i * pStride;
            knots(b.probs, i, n, s);
            int k = b.bin[i];
            double w = b.geo[4 * i + 1];
            double h = b.geo[4 * i + 3];
            double sk = h / w;
            double xi = clamp01((t - b.geo[4 * i]) / w);
            double d0 = b.derivative(this, i, 0);
            double d1 = b.derivative(this, i, 1);
            double xi1 = xi * (1 - xi);
            double mix = d0 + d1 - 2 * sk;
            double den = sk + mix * xi1;
            double den2 = den * den;
            double a = sk * xi * xi + d0 * xi1;
            double c = d1 * xi * xi + 2 * sk * xi1 + d0 * (1 - xi) * (1 - xi);
            // partials of g (value) and L = log g' with respect to ξ, s, δ_k, δ_{k+1}
            double gXi = h * ((2 * sk * xi + d0 * (1 - 2 * xi)) * den - a * mix * (1 - 2 * xi))
                    / den2;
            double gS = h * (xi * xi * den - a * (1 - 2 * xi1)) / den2;
            double gD0 = h * xi1 * (den - a) / den2;
            double gD1 = -h * a * xi1 / den2;
            double lXi = (2 * d1 * xi + 2 * sk * (1 - 2 * xi) - 2 * d0 * (1 - xi)) / c
                    - 2 * mix * (1 - 2 * xi) / den;
            double lS = 2 / sk + 2 * xi1 / c - 2 * (1 - 2 * xi1) / den;
            double lD0 = (1 - xi) * (1 - xi) / c - 2 * xi1 / den;
            double lD1 = xi * xi / c - 2 * xi1 / den;
            double bXi = gZ * gXi + gL * lXi;
            double bS = gZ * gS + gL * lS;
            gTheta[gtOff + i * gtStride] = (float) (bXi / w);
            double bH = gZ * a / den + bS / w;
            double bW = -(bXi * xi + bS * sk) / w;
            double bX = -bXi / w;
            softmaxBackward(k, bX, bW, s, 2 * bins + 2, 1.0 - minWidth * bins, gp, go);
            softmaxBackward(k, gZ, bH, s, 3 * bins + 2, 1.0 - minHeight * bins, gp, go + bins);
            java.util.Arrays.fill(gp, go + 2 * bins, go + np, 0f);
            if (k >= 1) {
                gp[go + 2 * bins + k - 1] = (float) ((gZ * gD0 + gL * lD0)
                        * sigmoid(p[po + 2 * bins + k - 1]));
            }
            if (k + 1 <= bins - 1) {
                gp[go + 2 * bins + k] = (float) ((gZ * gD1 + gL * lD1)
                        * sigmoid(p[po + 2 * bins + k]));
            }
        }
    }

    /**
     * Knot k = −B + 2B·Σ_{j&lt;k} f_j and width 2B·f_k with f = m + a·softmax(u): given dL/dknot_k
     * (gKnot) and dL/dwidth_k (gWidth), writes dL/du_j = c·a·π_j·(gf_j − Σ_i π_i gf_i).
     */
    private void softmaxBackward(int k, double gKnot, double gWidth, double[] s, int probOff,
                                 double a, float[] gp, int go) {
        double twoB = 2.0 * bound;
        double below = 0;
        for (int j = 0; j < k; j++) {
            below += s[probOff + j];
        }
        double mean = twoB * (gKnot * below + gWidth * s[probOff + k]);
        for (int j = 0; j < bins; j++) {
            double gf = j < k ? twoB * gKnot : (j == k ? twoB * gWidth : 0.0);
            gp[go + j] = (float) (logitScale * a * s[probOff + j] * (gf - mean));
        }
    }
}
