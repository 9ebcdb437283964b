package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.tensor.Matrix;

/** The base density N(0, I_D) of a flow: row-wise log-density and sampling. */
public final class StandardNormal {

    /** log √(2π). */
    public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private StandardNormal() {
    }

    /** out[i] = log N(z_i; 0, I) = −½‖z_i‖² − (D/2)·log 2π for each row of z. */
    public static void logProb(Matrix z, float[] out) {
        int d = z.cols();
        float[] a = z.data();
        for (int i = 0; i < z.rows(); i++) {
            int o = z.rowOffset(i);
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += a[o + j] * a[o + j];
            }
            out[i] = (float) (-0.5 * s - d * LOG_SQRT_2PI);
        }
    }

    /** Fills the logical rows of z with independent N(0, 1) draws from rng. */
    public static void sample(Matrix z, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] a = z.data();
        for (int i = 0; i < z.rows(); i++) {
            int o = z.rowOffset(i);
            for (int j = 0; j < z.cols(); j++) {
                a[o + j] = (float) g.sample();
            }
        }
    }
}
