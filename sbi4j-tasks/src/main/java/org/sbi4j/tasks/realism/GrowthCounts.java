package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_counts (θ = (growth_rate r, initial_size N₀), x: 25 counts): the daily case counts
 * of an outbreak in exponential growth, x_t ~ Poisson(N₀ e^{r t}) for days t = 0..24. Within one
 * x the counts run from 0 or 1 on the first days to 10⁴–10⁶ on the last: heavy-tailed,
 * non-negative and spanning orders of magnitude, like real incidence data.
 *
 * <p>Prior: r ~ U(0.2, 0.6) per day; N₀ ~ LogNormal(0, 1) (one-sided). A simulation whose rate
 * exceeds 2³¹ (log N₀ &gt; 7, probability 10⁻¹²) fails.
 *
 * <p>Reference: a {@link GridPosterior} in z = (r, a = log N₀ + r t̄), t̄ the count-weighted
 * mean day of x (a shear with Jacobian 1 that undoes most of the strong posterior correlation
 * of r and log N₀); the prior of log N₀ is N(0, 1) and the log-likelihood
 * Σ_t x_t (log N₀ + r t) − N₀ e^{r t} − log x_t! is concave, so the posterior is unimodal.
 * Cross-checked against adaptive Metropolis in the tests.
 */
public final class GrowthCounts implements Simulator {

    /** Number of days. */
    public static final int DAYS = 25;
    static final double RATE_LOW = 0.2;
    static final double RATE_HIGH = 0.6;

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_counts", prior(), new GrowthCounts(),
                new double[][] {{0.45, 1.0}, {0.35, 3.0}, {0.55, 0.3}},
                (x, t) -> logLikelihood(x, t[0], t[1]),
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(2), rng));
    }

    static Prior prior() {
        return Priors.independent(Priors.uniform("growth_rate", RATE_LOW, RATE_HIGH),
                Priors.logNormal("initial_size", 0, 1));
    }

    /** Expected count on day t: N₀ e^{r t}. */
    static double rate(double r, double n0, int t) {
        return n0 * Math.exp(r * t);
    }

    /** log p(x | r, N₀), normalised (with the −log x_t! terms); x must hold whole counts. */
    public static double logLikelihood(float[] x, double r, double n0) {
        check(x);
        double ll = 0;
        for (int t = 0; t < DAYS; t++) {
            ll += PoissonDistribution.of(rate(r, n0, t)).logProbability((int) Math.round(x[t]));
        }
        return ll;
    }

    /**
     * The count-weighted mean day t̄ = Σ t x_t / Σ x_t (0 without counts): centring log λ_t =
     * a + r (t − t̄) at it makes r and a = log N₀ + r t̄ nearly uncorrelated a posteriori.
     */
    static double meanDay(float[] x) {
        double n = 0;
        double nt = 0;
        for (int t = 0; t < DAYS; t++) {
            n += x[t];
            nt += t * (double) x[t];
        }
        return n > 0 ? nt / n : 0;
    }

    /** The log posterior in z = (r, a = log N₀ + r t̄), up to a constant (the map has Jacobian 1). */
    static GridPosterior.LogDensity logPosterior(float[] x, double tBar) {
        check(x);
        return z -> {
            double r = z[0];
            if (!(r >= RATE_LOW && r <= RATE_HIGH)) {
                return Double.NEGATIVE_INFINITY;
            }
            double logN0 = z[1] - r * tBar;
            double ll = -0.5 * logN0 * logN0;
            for (int t = 0; t < DAYS; t++) {
                double logRate = z[1] + r * (t - tBar);
                ll += x[t] * logRate - Math.exp(logRate);
            }
            return ll;
        };
    }

    /** The grid posterior of z = (r, log N₀ + r t̄) given x; log N₀ is searched in [−7, 7]. */
    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        double tBar = meanDay(x);
        return GridPosterior.of(logPosterior(x, tBar), new double[] {RATE_LOW, -7 + RATE_LOW * tBar},
                new double[] {RATE_HIGH, 7 + RATE_HIGH * tBar}, res);
    }

    private static void check(float[] x) {
        if (x.length != DAYS) {
            throw new IllegalArgumentException("realism_counts has " + DAYS + " counts, got " + x.length);
        }
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return DAYS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double r = theta[thetaOff];
        double n0 = theta[thetaOff + 1];
        for (int t = 0; t < DAYS; t++) {
            x[xOff + t] = PoissonSampler.of(rng, rate(r, n0, t)).sample();
        }
    }

    /** Reference draws of (r, N₀) for tests: n samples from the grid posterior. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        double tBar = meanDay(x);
        return reference(x, res).sample(n, 2, (z, t) -> {
            t[0] = z[0];
            t[1] = Math.exp(z[1] - z[0] * tBar);
        }, rng);
    }
}
