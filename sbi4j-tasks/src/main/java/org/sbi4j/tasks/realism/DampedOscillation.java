package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_oscillation (θ = (frequency ω, damping γ | nuisance amp_sin a, amp_cos b), x: shape
 * [1, 100]): a damped oscillation seen through Gaussian noise, as a ringing detector or a
 * decaying pendulum would record it:
 * x_i = e^{−γ t_i} (a sin ω t_i + b cos ω t_i) + σ ε_i, t_i = 0.1 i, i = 0..99, σ = 0.5.
 *
 * <p>Prior: ω ~ U(0.5, 3) rad per time unit, γ ~ U(0.05, 0.5); a, b ~ N(0, 1.5²) independent,
 * i.e. the amplitude √(a² + b²) is Rayleigh(1.5) and the phase uniform. a and b are declared
 * nuisance: the posterior of interest is p(ω, γ | x), marginal over amplitude and phase.
 *
 * <p>Reference: x is linear in (a, b) with a Gaussian prior, so they integrate out exactly
 * ({@link LinearGaussianMarginal}): p(x | ω, γ) = N(x; 0, σ² I + 1.5² M Mᵀ) with M the two
 * columns e^{−γt} sin ωt, e^{−γt} cos ωt; p(ω, γ | x) is then tabulated on a
 * {@link GridPosterior}. Cross-checked against adaptive Metropolis on the joint (ω, γ, a, b) in
 * the tests.
 */
public final class DampedOscillation implements Simulator {

    /** Samples per series. */
    public static final int POINTS = 100;
    static final double DT = 0.1;
    static final double NOISE_SD = 0.5;
    static final double AMP_SD = 1.5;
    static final double[] LOW = {0.5, 0.05};
    static final double[] HIGH = {3.0, 0.5};

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_oscillation", prior(), new DampedOscillation(),
                new double[][] {{1.2, 0.15, 1.5, 0.5}, {2.2, 0.3, -1.0, 1.2}, {0.8, 0.08, 0.6, -0.9}},
                (x, t) -> logLikelihood(x, t[0], t[1], t[2], t[3]),
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(2), rng));
    }

    static Prior prior() {
        return Priors.withNuisance(Priors.independent(Priors.uniform("frequency", LOW[0], HIGH[0]),
                Priors.uniform("damping", LOW[1], HIGH[1]), Priors.normal("amp_sin", 0, AMP_SD),
                Priors.normal("amp_cos", 0, AMP_SD)), "amp_sin", "amp_cos");
    }

    /** The noise-free signal at sample i. */
    static double signal(int i, double omega, double gamma, double a, double b) {
        double t = DT * i;
        return Math.exp(-gamma * t) * (a * Math.sin(omega * t) + b * Math.cos(omega * t));
    }

    /** log p(x | ω, γ, a, b), normalised. */
    public static double logLikelihood(float[] x, double omega, double gamma, double a, double b) {
        check(x);
        double ss = 0;
        for (int i = 0; i < POINTS; i++) {
            double r = x[i] - signal(i, omega, gamma, a, b);
            ss += r * r;
        }
        return -0.5 * ss / (NOISE_SD * NOISE_SD) - POINTS * (Math.log(NOISE_SD) + 0.5 * Math.log(2 * Math.PI));
    }

    /** log p(x | ω, γ) = log ∫ p(x | ω, γ, a, b) p(a) p(b) da db, normalised. */
    public static double logMarginalLikelihood(float[] x, double omega, double gamma) {
        check(x);
        double[] r = new double[POINTS];
        double[][] m = new double[2][POINTS];
        for (int i = 0; i < POINTS; i++) {
            double t = DT * i;
            double e = Math.exp(-gamma * t);
            m[0][i] = e * Math.sin(omega * t);
            m[1][i] = e * Math.cos(omega * t);
            r[i] = x[i];
        }
        return LinearGaussianMarginal.logDensity(r, m, new double[] {AMP_SD * AMP_SD, AMP_SD * AMP_SD}, NOISE_SD);
    }

    /** The grid posterior of (ω, γ) given x (the uniform prior is a constant inside its box). */
    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        check(x);
        return GridPosterior.of(z -> z[0] >= LOW[0] && z[0] <= HIGH[0] && z[1] >= LOW[1] && z[1] <= HIGH[1]
                ? logMarginalLikelihood(x, z[0], z[1]) : Double.NEGATIVE_INFINITY, LOW, HIGH, res);
    }

    private static void check(float[] x) {
        if (x.length != POINTS) {
            throw new IllegalArgumentException("realism_oscillation has " + POINTS + " points, got " + x.length);
        }
    }

    @Override
    public int thetaDim() {
        return 4;
    }

    @Override
    public int xDim() {
        return POINTS;
    }

    @Override
    public int[] xShape() {
        return new int[] {1, POINTS};
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < POINTS; i++) {
            x[xOff + i] = (float) (signal(i, theta[thetaOff], theta[thetaOff + 1], theta[thetaOff + 2],
                    theta[thetaOff + 3]) + NOISE_SD * g.sample());
        }
    }

    /** n reference draws of (ω, γ) at a given grid resolution. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        return reference(x, res).sample(n, rng);
    }
}
