package org.sbi4j.plot;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.tensor.Matrix;

/** Seeded test samples: a two-moons-like posterior with a few outliers, a 2-D Gaussian. */
final class Samples {

    private Samples() {
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * n draws like the two-moons posterior at x = (0, 0) (sbibm): two half-circle crescents of
     * radius r ~ N(0.1, 0.01²) centred at u = ±0.25 in the rotated coordinates
     * u = (θ₁ + θ₂)/√2, v = (θ₂ − θ₁)/√2, plus a share {@code outliers} of draws uniform on
     * [−1, 1]² (what a poorly trained estimator leaks into the tails).
     */
    static Matrix crescents(int n, double outliers, long seed) {
        UniformRandomProvider r = rng(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
        Matrix m = Matrix.of(n, 2);
        for (int i = 0; i < n; i++) {
            double t1;
            double t2;
            if (r.nextDouble() < outliers) {
                t1 = 2 * r.nextDouble() - 1;
                t2 = 2 * r.nextDouble() - 1;
            } else {
                double a = Math.PI * (r.nextDouble() - 0.5);
                double rad = 0.1 + 0.01 * g.sample();
                double u = (r.nextBoolean() ? 1 : -1) * (0.25 + rad * Math.cos(a));
                double v = -rad * Math.sin(a);
                t1 = (u - v) / Math.sqrt(2);
                t2 = (u + v) / Math.sqrt(2);
            }
            m.set(i, 0, (float) t1);
            m.set(i, 1, (float) t2);
        }
        return m;
    }

    /** n draws of the standard 2-D Gaussian, as columns x = v[0], y = v[1]. */
    static double[][] gaussian(int n, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng(seed));
        double[][] v = new double[2][n];
        for (int i = 0; i < n; i++) {
            v[0][i] = g.sample();
            v[1][i] = g.sample();
        }
        return v;
    }

    static double[] column(Matrix m, int j) {
        double[] v = new double[m.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, j);
        }
        return v;
    }
}
