package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_nuisance (θ = (centre c, width w | nuisance amplitude A, background B, slope S,
 * noise σ), x: 64 channels): an emission line in a spectrum with a sloping continuum and an
 * unknown noise level, four nuisance parameters around two of interest:
 * x_ν = A g_ν + B + S u_ν + σ ε_ν, g_ν = exp(−(ν − c)²/(2w²)), u_ν = (ν − 31.5)/31.5,
 * ν = 0..63.
 *
 * <p>Prior: c ~ U(10, 54), w ~ U(1, 5) channels; A ~ N(3, 1²), B ~ N(0, 1), S ~ N(0, 0.5²),
 * σ ~ LogNormal(0, 0.3); A, B, S and σ are declared nuisance, so the posterior of interest is
 * p(c, w | x).
 *
 * <p>Reference: x is linear in (A, B, S) with a Gaussian prior, so they integrate out exactly
 * ({@link LinearGaussianMarginal} on x − 3g); the noise σ enters non-linearly and is integrated
 * on the grid: a 3-D {@link GridPosterior} in (c, w, log σ) whose draws keep (c, w).
 * Cross-checked against adaptive Metropolis on all six parameters in the tests.
 */
public final class SpectralLine implements Simulator {

    /** Channels per spectrum. */
    public static final int CHANNELS = 64;
    static final double AMP_MEAN = 3;
    static final double[] LINEAR_VAR = {1, 1, 0.25};
    static final double LOG_NOISE_SD = 0.3;
    static final double[] LOW = {10, 1};
    static final double[] HIGH = {54, 5};

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_nuisance", prior(), new SpectralLine(),
                new double[][] {{30, 2.5, 3.0, 0.5, 0.2, 1.0}, {18, 1.5, 2.5, -0.5, -0.3, 0.8},
                    {44, 4.0, 4.0, 1.0, 0.5, 1.2}},
                SpectralLine::logLikelihood,
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(3), rng));
    }

    static Prior prior() {
        return Priors.withNuisance(Priors.independent(Priors.uniform("centre", LOW[0], HIGH[0]),
                Priors.uniform("width", LOW[1], HIGH[1]), Priors.normal("amplitude", AMP_MEAN, 1),
                Priors.normal("background", 0, 1), Priors.normal("slope", 0, 0.5),
                Priors.logNormal("noise", 0, LOG_NOISE_SD)), "amplitude", "background", "slope", "noise");
    }

    static double line(int nu, double c, double w) {
        double d = nu - c;
        return Math.exp(-d * d / (2 * w * w));
    }

    static double continuum(int nu) {
        return (nu - 31.5) / 31.5;
    }

    /** log p(x | c, w, A, B, S, σ), normalised. */
    public static double logLikelihood(float[] x, double[] theta) {
        check(x);
        double ss = 0;
        for (int nu = 0; nu < CHANNELS; nu++) {
            double r = x[nu] - theta[2] * line(nu, theta[0], theta[1]) - theta[3] - theta[4] * continuum(nu);
            ss += r * r;
        }
        double s = theta[5];
        return -0.5 * ss / (s * s) - CHANNELS * (Math.log(s) + 0.5 * Math.log(2 * Math.PI));
    }

    /** log p(x | c, w, σ) = log ∫ p(x | θ) p(A) p(B) p(S) dA dB dS, normalised. */
    public static double logMarginalLikelihood(float[] x, double c, double w, double sigma) {
        check(x);
        double[][] m = new double[3][CHANNELS];
        double[] r = new double[CHANNELS];
        for (int nu = 0; nu < CHANNELS; nu++) {
            m[0][nu] = line(nu, c, w);
            m[1][nu] = 1;
            m[2][nu] = continuum(nu);
            r[nu] = x[nu] - AMP_MEAN * m[0][nu];
        }
        return LinearGaussianMarginal.logDensity(r, m, LINEAR_VAR, sigma);
    }

    /** The grid posterior of (c, w, log σ) given x. */
    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        check(x);
        return GridPosterior.of(z -> {
            if (!(z[0] >= LOW[0] && z[0] <= HIGH[0] && z[1] >= LOW[1] && z[1] <= HIGH[1])) {
                return Double.NEGATIVE_INFINITY;
            }
            double u = z[2] / LOG_NOISE_SD;
            return -0.5 * u * u + logMarginalLikelihood(x, z[0], z[1], Math.exp(z[2]));
        }, new double[] {LOW[0], LOW[1], -1.5}, new double[] {HIGH[0], HIGH[1], 1.5}, res);
    }

    /** n reference draws of (c, w) (σ marginalised on the grid) at a given resolution. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        return reference(x, res).sample(n, 2, (z, t) -> {
            t[0] = z[0];
            t[1] = z[1];
        }, rng);
    }

    private static void check(float[] x) {
        if (x.length != CHANNELS) {
            throw new IllegalArgumentException("realism_nuisance has " + CHANNELS + " channels, got " + x.length);
        }
    }

    @Override
    public int thetaDim() {
        return 6;
    }

    @Override
    public int xDim() {
        return CHANNELS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double c = theta[thetaOff];
        double w = theta[thetaOff + 1];
        for (int nu = 0; nu < CHANNELS; nu++) {
            x[xOff + nu] = (float) (theta[thetaOff + 2] * line(nu, c, w) + theta[thetaOff + 3]
                    + theta[thetaOff + 4] * continuum(nu) + theta[thetaOff + 5] * g.sample());
        }
    }
}
