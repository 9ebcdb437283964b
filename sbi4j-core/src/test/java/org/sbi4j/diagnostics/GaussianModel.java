package org.sbi4j.diagnostics;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.tensor.Matrix;

/**
 * Test fixture: θ ~ N(0, I_D), x | θ ~ N(θ, I_D). The exact posterior is
 * N(x/2, ½·I_D) (conjugate normal: precision 1 + 1, mean x/(1+1)).
 *
 * <p>{@link #posterior(double, double)} gives a deliberately wrong posterior with the standard
 * deviation multiplied by {@code sdFactor} and the mean shifted by {@code shift} exact posterior
 * standard deviations; (1, 0) is exact.
 */
final class GaussianModel {

    static final double POSTERIOR_SD = Math.sqrt(0.5);

    private GaussianModel() {
    }

    /** N draws of (θ, x) as {theta, x}. */
    static Matrix[] pairs(int n, int d, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix theta = Matrix.of(n, d);
        Matrix x = Matrix.of(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = g.sample();
                theta.set(i, j, (float) t);
                x.set(i, j, (float) (t + g.sample()));
            }
        }
        return new Matrix[] {theta, x};
    }

    /** A posterior N(x/2 + shift·s, (sdFactor·s)²) with s the exact posterior sd. */
    static Posterior posterior(double sdFactor, double shift) {
        return new Posterior(sdFactor * POSTERIOR_SD, shift * POSTERIOR_SD);
    }

    record Posterior(double sd, double shift) implements PosteriorSampler, PosteriorDensity {

        @Override
        public Matrix sample(float[] x, int n, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            Matrix m = Matrix.of(n, x.length);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < x.length; j++) {
                    m.set(i, j, (float) (x[j] / 2.0 + shift + sd * g.sample()));
                }
            }
            return m;
        }

        @Override
        public double[] logProb(Matrix theta, float[] x) {
            double[] lp = new double[theta.rows()];
            for (int i = 0; i < lp.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    double z = (theta.get(i, j) - x[j] / 2.0 - shift) / sd;
                    s += -0.5 * z * z - Math.log(sd);
                }
                lp[i] = s;
            }
            return lp;
        }
    }
}
