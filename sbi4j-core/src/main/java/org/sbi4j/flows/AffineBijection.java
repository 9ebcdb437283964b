package org.sbi4j.flows;

/**
 * The affine bijection z = θ·exp(s) + t with parameters p = (t, r) and a softly clamped
 * log-scale s = r / (1 + |r|/b), so |s| &lt; b (zuko's {@code MonotonicAffineTransform} with
 * b = log 1000: scales stay in (1e-3, 1e3)). log f'(θ) = s. Used by MAF (Papamakarios et al. 2017).
 */
public final class AffineBijection implements ElementwiseBijection {

    /** The default clamp b = ln(1000). */
    public static final float DEFAULT_BOUND = (float) Math.log(1000.0);

    private final double bound;

    private AffineBijection(double bound) {
        this.bound = bound;
    }

    /** An affine bijection whose log-scale is softly clamped to (−bound, bound). */
    public static AffineBijection of(float bound) {
        if (!(bound > 0) || Float.isInfinite(bound)) {
            throw new IllegalArgumentException("log-scale bound must be positive and finite: "
                    + bound);
        }
        return new AffineBijection(bound);
    }

    /** The affine bijection with the default bound ln 1000. */
    public static AffineBijection standard() {
        return of(DEFAULT_BOUND);
    }

    public float bound() {
        return (float) bound;
    }

    @Override
    public int paramsPerDim() {
        return 2;
    }

    @Override
    public int scratchSize() {
        return 0;
    }

    private double logScale(float r) {
        return r / (1.0 + Math.abs(r) / bound);
    }

    @Override
    public void forward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff,
                        int pStride, float[] z, int zOff, int zStride, float[] logAbsDet,
                        int lOff, double[] scratch) {
        for (int i = 0; i < n; i++) {
            int pi = pOff + i * pStride;
            double s = logScale(p[pi + 1]);
            z[zOff + i * zStride] = (float) (theta[tOff + i * tStride] * Math.exp(s) + p[pi]);
            logAbsDet[lOff + i] += (float) s;
        }
    }

    @Override
    public void inverse(int n, float[] z, int zOff, int zStride, float[] p, int pOff, int pStride,
                        float[] theta, int tOff, int tStride, float[] logAbsDet, int lOff,
                        double[] scratch) {
        for (int i = 0; i < n; i++) {
            int pi = pOff + i * pStride;
            double s = logScale(p[pi + 1]);
            theta[tOff + i * tStride] = (float) ((z[zOff + i * zStride] - p[pi]) * Math.exp(-s));
            if (logAbsDet != null) {
                logAbsDet[lOff + i] += (float) s;
            }
        }
    }

    @Override
    public void backward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff,
                         int pStride, float[] gz, int gzOff, int gzStride, float[] gl, int glOff,
                         float[] gTheta, int gtOff, int gtStride, float[] gp, int gpOff,
                         int gpStride, double[] scratch) {
        for (int i = 0; i < n; i++) {
            int pi = pOff + i * pStride;
            float r = p[pi + 1];
            double q = 1.0 + Math.abs(r) / bound;
            double scale = Math.exp(r / q);
            double g = gz[gzOff + i * gzStride];
            gTheta[gtOff + i * gtStride] = (float) (g * scale);
            int gi = gpOff + i * gpStride;
            gp[gi] = (float) g;
            double gs = g * theta[tOff + i * tStride] * scale + gl[glOff + i];
            gp[gi + 1] = (float) (gs / (q * q));
        }
    }
}
