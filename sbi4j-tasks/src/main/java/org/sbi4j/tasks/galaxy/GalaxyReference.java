package org.sbi4j.tasks.galaxy;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tasks.mcmc.Metropolis;
import org.sbi4j.tensor.Matrix;

/**
 * The reference posterior of galaxy_image by adaptive Metropolis ({@link Metropolis}) on the
 * joint posterior of the five parameters that do not enter x linearly, (log_mass, size, e1, e2,
 * psf_width), with the sky integrated out analytically
 * ({@link GalaxyImage#marginalLogLikelihood}). The prior is uniform on a box, so the target is
 * the marginal likelihood on the box.
 *
 * <p>The chain runs in unit coordinates u = (θ − low)/(high − low) ∈ [0, 1]⁵ (so the initial
 * proposal is equally scaled in every direction) and starts at the best of
 * {@link Chain#searchPoints} prior draws. Stored references use {@link Chain#reference()}:
 * burn-in 20,000, thinning 40, 10,000 kept states (420,000 likelihood evaluations, about a minute
 * per observation on one core).
 */
public final class GalaxyReference {

    static final int DIM = 5;

    /**
     * Length of a chain.
     *
     * @param burnIn       adaptation steps discarded (≥ 200)
     * @param thin         keep every thin-th state
     * @param searchPoints prior draws among which the start is the most likely
     */
    public record Chain(int burnIn, int thin, int searchPoints) {
        public Chain {
            if (burnIn < 200 || thin < 1 || searchPoints < 1) {
                throw new IllegalArgumentException("galaxy reference chain needs burnIn >= 200, "
                        + "thin >= 1 and searchPoints >= 1, got " + burnIn + ", " + thin + ", "
                        + searchPoints);
            }
        }

        /** The stored references' chain: burn-in 20,000, thinning 40, start among 400 draws. */
        public static Chain reference() {
            return new Chain(20_000, 40, 400);
        }
    }

    private GalaxyReference() {
    }

    /**
     * n draws of (log_mass, size, e1, e2, psf_width) from p(· | x) (n×5), all randomness from rng.
     */
    public static Matrix joint(float[] x, int n, Chain chain, UniformRandomProvider rng) {
        GalaxyImage.check(x);
        double[] theta = new double[DIM];
        java.util.function.ToDoubleFunction<double[]> logDensity = u -> {
            for (int j = 0; j < DIM; j++) {
                if (!(u[j] >= 0 && u[j] <= 1)) {
                    return Double.NEGATIVE_INFINITY;
                }
                theta[j] = GalaxyImage.LOW[j] + u[j] * (GalaxyImage.HIGH[j] - GalaxyImage.LOW[j]);
            }
            return GalaxyImage.marginalLogLikelihood(x, theta);
        };
        double[] start = bestOf(logDensity, DIM, chain.searchPoints(), rng);
        Matrix u = Metropolis.of(logDensity, chain.burnIn(), chain.thin()).run(start, n, rng).samples();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < DIM; j++) {
                double lo = GalaxyImage.LOW[j];
                u.set(i, j, (float) (lo + u.get(i, j) * (GalaxyImage.HIGH[j] - lo)));
            }
        }
        return u;
    }

    /** The log_mass column of {@link #joint} (n×1). */
    public static Matrix logMass(float[] x, int n, Chain chain, UniformRandomProvider rng) {
        Matrix j = joint(x, n, chain, rng);
        Matrix m = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            m.set(i, 0, j.get(i, 0));
        }
        return m;
    }

    /**
     * One draw of the nuisance parameters from p(size, e1, e2, psf_width, sky | log_mass, x): a
     * Metropolis chain on the four shape parameters with log_mass fixed (burn-in
     * {@code burnIn}, its last state kept), then the sky from its Gaussian conditional. Returns
     * the full θ (6 values), for posterior-predictive simulations from samples of log_mass.
     */
    public static double[] nuisanceGivenMass(float[] x, double logMass, int burnIn,
                                             UniformRandomProvider rng) {
        GalaxyImage.check(x);
        int d = DIM - 1;
        double[] theta = new double[DIM];
        theta[0] = logMass;
        java.util.function.ToDoubleFunction<double[]> logDensity = u -> {
            for (int j = 0; j < d; j++) {
                if (!(u[j] >= 0 && u[j] <= 1)) {
                    return Double.NEGATIVE_INFINITY;
                }
                double lo = GalaxyImage.LOW[j + 1];
                theta[j + 1] = lo + u[j] * (GalaxyImage.HIGH[j + 1] - lo);
            }
            return GalaxyImage.marginalLogLikelihood(x, theta);
        };
        double[] start = bestOf(logDensity, d, 100, rng);
        Matrix u = Metropolis.of(logDensity, burnIn, 1).run(start, 1, rng).samples();
        double[] full = new double[6];
        full[0] = logMass;
        for (int j = 0; j < d; j++) {
            double lo = GalaxyImage.LOW[j + 1];
            full[j + 1] = lo + u.get(0, j) * (GalaxyImage.HIGH[j + 1] - lo);
        }
        double[] sky = GalaxyImage.skyPosterior(x, full);
        full[5] = sky[0] + sky[1] * org.apache.commons.rng.sampling.distribution.ZigguratSampler
                .NormalizedGaussian.of(rng).sample();
        return full;
    }

    private static double[] bestOf(java.util.function.ToDoubleFunction<double[]> logDensity, int d,
                                   int points, UniformRandomProvider rng) {
        double[] best = null;
        double bestLp = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            double[] u = new double[d];
            for (int j = 0; j < d; j++) {
                u[j] = rng.nextDouble();
            }
            double lp = logDensity.applyAsDouble(u);
            if (best == null || lp > bestLp) {
                best = u;
                bestLp = lp;
            }
        }
        return best;
    }
}
