package org.sbi4j.flows;

/**
 * A monotone map R → R with P parameters per element, applied to strided runs of floats, with
 * all derivatives. Coupling and masked-autoregressive transforms apply one per feature, with
 * parameters computed by a conditioner network (zuko's {@code MonotonicTransform} family).
 *
 * <p>Addressing: element i of a run reads {@code theta[tOff + i*tStride]} and the parameter block
 * {@code p[pOff + i*pStride .. + P)}; per-row log-determinants live at {@code logAbsDet[lOff + i]}
 * (stride 1, one per batch row). Implementations are immutable and thread-safe; they allocate
 * nothing: the caller passes {@code scratch} of at least {@link #scratchSize()} doubles.
 */
public interface ElementwiseBijection {

    /** Number of unconstrained parameters per element (2 for affine; 3K−1 for a K-bin spline). */
    int paramsPerDim();

    /** Length of the scratch array the methods need. */
    int scratchSize();

    /**
     * z_i = f(θ_i; p_i) and logAbsDet[lOff+i] += log f'(θ_i; p_i) for i &lt; n.
     */
    void forward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff, int pStride,
                 float[] z, int zOff, int zStride, float[] logAbsDet, int lOff, double[] scratch);

    /**
     * θ_i = f⁻¹(z_i; p_i); if logAbsDet is non-null, logAbsDet[lOff+i] += log f'(θ_i; p_i)
     * (the <em>forward</em> log-derivative at the result, so that log q(θ) = log N(z) + logAbsDet).
     */
    void inverse(int n, float[] z, int zOff, int zStride, float[] p, int pOff, int pStride,
                 float[] theta, int tOff, int tStride, float[] logAbsDet, int lOff,
                 double[] scratch);

    /**
     * Reverse mode: given gz_i = dL/dz_i and gl_i = dL/d logAbsDet_i, <em>sets</em>
     * gTheta_i = dL/dθ_i and the P-block gp_i = dL/dp_i.
     */
    void backward(int n, float[] theta, int tOff, int tStride, float[] p, int pOff, int pStride,
                  float[] gz, int gzOff, int gzStride, float[] gl, int glOff,
                  float[] gTheta, int gtOff, int gtStride, float[] gp, int gpOff, int gpStride,
                  double[] scratch);
}
