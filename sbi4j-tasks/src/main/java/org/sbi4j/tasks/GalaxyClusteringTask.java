package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * The galaxy_clustering task. Observation k: θ drawn from the prior and x_o simulated with one
 * XO_RO_SHI_RO_128_PP stream seeded 1,000,000 + k − 1 (sbibm's default seed convention).
 *
 * <p>Exact posterior: with a = ln A ~ N(μ_a, s_a²), c = ln b ~ N(μ_c, s_c²), and
 * y_i = x_i − ln P_lin(k_i) = a + 2c + σ ε_i, the mean ȳ is sufficient, ȳ | a, c ~ N(a + 2c, σ²/n).
 * (a, c, ȳ) are jointly Gaussian, so (a, c) | ȳ is Gaussian with mean μ + Σ_θy (ȳ − μ_a − 2μ_c)/v
 * and covariance Σ_θθ − Σ_θy Σ_yθ / v, where Σ_θy = (s_a², 2 s_c²) and v = s_a² + 4 s_c² + σ²/n.
 * Reference samples: 10,000 exact draws (seed 2,000,000 + k), mapped to (A, b) = (eᵃ, eᶜ).
 */
final class GalaxyClusteringTask implements Task {

    static final int REFERENCE_SAMPLES = 10_000;

    private final GalaxyClustering simulator;
    private final Prior prior = GalaxyClustering.prior();

    GalaxyClusteringTask(GalaxyClustering simulator) {
        this.simulator = simulator;
    }

    @Override
    public String name() {
        return "galaxy_clustering";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public Simulator simulator() {
        return simulator;
    }

    private float[][] thetaAndX(int k) {
        checkObservation(k);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1_000_000L + k - 1);
        float[] theta = new float[2];
        prior.sample(rng, theta, 0);
        float[] x = new float[simulator.xDim()];
        simulator.simulate(theta, 0, rng, x, 0);
        return new float[][] {theta, x};
    }

    @Override
    public float[] observation(int k) {
        return thetaAndX(k)[1];
    }

    @Override
    public float[] trueParameters(int k) {
        return thetaAndX(k)[0];
    }

    /**
     * Posterior of (ln A, ln b) given x: {mean_a, mean_c, var_a, cov_ac, var_c}.
     */
    double[] logPosterior(float[] x) {
        int n = x.length;
        double ybar = 0;
        for (int i = 0; i < n; i++) {
            ybar += (x[i] - simulator.logLinearPower(i)) / n;
        }
        double va = GalaxyClustering.SD_A * GalaxyClustering.SD_A;
        double vc = GalaxyClustering.SD_B * GalaxyClustering.SD_B;
        double sa = va;          // cov(a, ȳ)
        double sc = 2 * vc;      // cov(c, ȳ)
        double v = va + 4 * vc + GalaxyClustering.NOISE_SD * GalaxyClustering.NOISE_SD / n;
        double r = ybar - GalaxyClustering.MU_A - 2 * GalaxyClustering.MU_B;
        return new double[] {GalaxyClustering.MU_A + sa * r / v, GalaxyClustering.MU_B + sc * r / v,
            va - sa * sa / v, -sa * sc / v, vc - sc * sc / v};
    }

    @Override
    public Matrix referenceSamples(int k) {
        double[] p = logPosterior(observation(k));
        double l11 = Math.sqrt(p[2]);
        double l21 = p[3] / l11;
        double l22 = Math.sqrt(p[4] - l21 * l21);
        ZigguratSampler.NormalizedGaussian g =
                ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(2_000_000L + k));
        Matrix m = Matrix.of(REFERENCE_SAMPLES, 2);
        for (int i = 0; i < REFERENCE_SAMPLES; i++) {
            double e1 = g.sample();
            double e2 = g.sample();
            m.data()[2 * i] = (float) Math.exp(p[0] + l11 * e1);
            m.data()[2 * i + 1] = (float) Math.exp(p[1] + l21 * e1 + l22 * e2);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Task[galaxy_clustering, theta 2, x " + simulator.xDim() + "]";
    }
}
