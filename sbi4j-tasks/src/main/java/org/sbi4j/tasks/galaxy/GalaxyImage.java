package org.sbi4j.tasks.galaxy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * galaxy_image (θ = (log_mass | size, e1, e2, psf_width, sky), x: shape [1, 64, 64]): a telescope
 * image of a galaxy whose brightness follows its stellar mass, the first picture of the project's
 * description. x = F · m(size, e1, e2, psf_width) + sky + σ ε, pixel (i, j) at 64 i + j, with
 * <ul>
 *   <li>log10 F = 2.3 + 0.8 (log_mass − 10.25): the flux in counts follows the mass
 *       (log_mass = log10 M/M☉), 50 to 800 counts over the prior;</li>
 *   <li>m the unit-flux exponential disk of scale length {@code size} pixels and ellipticity
 *       (e1, e2) blurred by a Gaussian PSF of width {@code psf_width} pixels
 *       ({@link GalaxyRenderer});</li>
 *   <li>a flat sky background {@code sky} (counts per pixel) and Gaussian pixel noise σ = 1.</li>
 * </ul>
 *
 * <p>Prior (independent): log_mass ~ U(9.5, 11), size ~ U(1.5, 5), e1, e2 ~ U(−0.3, 0.3)
 * (axis ratio ≥ 0.41, any orientation), psf_width ~ U(1, 2), sky ~ N(10, 1²). Everything but
 * log_mass is declared nuisance: the posterior of interest is p(log_mass | x).
 *
 * <p>The sky enters x linearly with a Gaussian prior, so it integrates out in closed form
 * ({@link #marginalLogLikelihood}); the reference posterior samples the remaining five
 * parameters by adaptive Metropolis ({@link GalaxyReference}).
 */
public final class GalaxyImage implements Simulator {

    /** Image side in pixels. */
    public static final int SIDE = GalaxyRenderer.SIDE;
    static final int PIXELS = GalaxyRenderer.PIXELS;
    static final double NOISE_SD = 1.0;
    static final double SKY_MEAN = 10.0;
    static final double SKY_SD = 1.0;
    static final double LOG_FLUX_AT_PIVOT = 2.3;
    static final double FLUX_SLOPE = 0.8;
    static final double MASS_PIVOT = 10.25;
    /** Lower bounds of (log_mass, size, e1, e2, psf_width). */
    static final double[] LOW = {9.5, 1.5, -0.3, -0.3, 1.0};
    /** Upper bounds of (log_mass, size, e1, e2, psf_width). */
    static final double[] HIGH = {11.0, 5.0, 0.3, 0.3, 2.0};
    /** Parameter names in θ order. */
    static final String[] NAMES = {"log_mass", "size", "e1", "e2", "psf_width", "sky"};

    /** The prior, with everything but log_mass declared nuisance. */
    public static Prior prior() {
        return Priors.withNuisance(Priors.independent(
                Priors.uniform(NAMES[0], LOW[0], HIGH[0]), Priors.uniform(NAMES[1], LOW[1], HIGH[1]),
                Priors.uniform(NAMES[2], LOW[2], HIGH[2]), Priors.uniform(NAMES[3], LOW[3], HIGH[3]),
                Priors.uniform(NAMES[4], LOW[4], HIGH[4]), Priors.normal(NAMES[5], SKY_MEAN, SKY_SD)),
                NAMES[1], NAMES[2], NAMES[3], NAMES[4], NAMES[5]);
    }

    /** The galaxy's flux in counts for a log10 stellar mass. */
    public static double flux(double logMass) {
        return Math.pow(10, LOG_FLUX_AT_PIVOT + FLUX_SLOPE * (logMass - MASS_PIVOT));
    }

    /** The noise- and sky-free image F · m for θ = (log_mass, size, e1, e2, psf_width, ...). */
    public static double[] galaxy(double[] theta) {
        double[] m = new double[PIXELS];
        GalaxyRenderer.unitImage(theta[1], theta[2], theta[3], theta[4], m, new double[PIXELS]);
        double f = flux(theta[0]);
        for (int p = 0; p < PIXELS; p++) {
            m[p] *= f;
        }
        return m;
    }

    /**
     * log p(x | θ) over all six parameters, normalised.
     *
     * @throws IllegalArgumentException if x or θ has the wrong length
     */
    public static double logLikelihood(float[] x, double[] theta) {
        check(x);
        checkTheta(theta, 6);
        double[] g = galaxy(theta);
        double ss = 0;
        for (int p = 0; p < PIXELS; p++) {
            double r = x[p] - g[p] - theta[5];
            ss += r * r;
        }
        return -0.5 * ss / (NOISE_SD * NOISE_SD)
                - PIXELS * (Math.log(NOISE_SD) + 0.5 * Math.log(2 * Math.PI));
    }

    /**
     * log p(x | log_mass, size, e1, e2, psf_width) with the sky integrated out, normalised: the
     * residual r = x − F m − 10 is N(0, σ² I + 1² · 1 1ᵀ), whose inverse and determinant follow
     * from the Sherman–Morrison formula (the one-column case of the realism suite's
     * LinearGaussianMarginal): rᵀ Σ⁻¹ r = (rᵀr − v (Σ r)² / (σ² + n v)) / σ²,
     * log det Σ = 2n log σ + log(1 + n v / σ²), v = 1².
     *
     * @throws IllegalArgumentException if x or θ has the wrong length (θ: 5 or 6 values; a sixth,
     *                                  the sky, is ignored)
     */
    public static double marginalLogLikelihood(float[] x, double[] theta) {
        check(x);
        if (theta.length != 5 && theta.length != 6) {
            throw new IllegalArgumentException("galaxy_image: the sky-marginal likelihood needs 5 "
                    + "parameters (log_mass, size, e1, e2, psf_width), got " + theta.length);
        }
        double[] g = galaxy(theta);
        double rr = 0;
        double rs = 0;
        for (int p = 0; p < PIXELS; p++) {
            double r = x[p] - g[p] - SKY_MEAN;
            rr += r * r;
            rs += r;
        }
        double s2 = NOISE_SD * NOISE_SD;
        double v = SKY_SD * SKY_SD;
        double quad = (rr - v * rs * rs / (s2 + PIXELS * v)) / s2;
        double logDet = PIXELS * Math.log(s2) + Math.log1p(PIXELS * v / s2);
        return -0.5 * (quad + logDet + PIXELS * Math.log(2 * Math.PI));
    }

    /** The sky's conditional posterior N(mean, sd²) given the other five parameters and x. */
    public static double[] skyPosterior(float[] x, double[] theta) {
        check(x);
        double[] g = galaxy(theta);
        double rs = 0;
        for (int p = 0; p < PIXELS; p++) {
            rs += x[p] - g[p];
        }
        double s2 = NOISE_SD * NOISE_SD;
        double v = SKY_SD * SKY_SD;
        double precision = PIXELS / s2 + 1 / v;
        return new double[] {(rs / s2 + SKY_MEAN / v) / precision, Math.sqrt(1 / precision)};
    }

    static void check(float[] x) {
        if (x == null || x.length != PIXELS) {
            throw new IllegalArgumentException("galaxy_image has " + SIDE + "x" + SIDE + " = "
                    + PIXELS + " pixels, got " + (x == null ? "no x" : x.length + " values"));
        }
    }

    private static void checkTheta(double[] theta, int n) {
        if (theta == null || theta.length != n) {
            throw new IllegalArgumentException("galaxy_image: need " + n + " parameters "
                    + "(log_mass, size, e1, e2, psf_width, sky), got "
                    + (theta == null ? "none" : theta.length));
        }
    }

    @Override
    public int thetaDim() {
        return 6;
    }

    @Override
    public int xDim() {
        return PIXELS;
    }

    @Override
    public int[] xShape() {
        return new int[] {1, SIDE, SIDE};
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double[] m = new double[PIXELS];
        double[] work = new double[PIXELS];
        GalaxyRenderer.unitImage(theta[thetaOff + 1], theta[thetaOff + 2], theta[thetaOff + 3],
                theta[thetaOff + 4], m, work);
        double f = flux(theta[thetaOff]);
        double sky = theta[thetaOff + 5];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int p = 0; p < PIXELS; p++) {
            x[xOff + p] = (float) (f * m[p] + sky + NOISE_SD * g.sample());
        }
    }
}
