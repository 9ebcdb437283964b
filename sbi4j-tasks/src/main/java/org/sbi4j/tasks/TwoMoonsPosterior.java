package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.diagnostics.PosteriorDensity;
import org.sbi4j.diagnostics.PosteriorSampler;
import org.sbi4j.tensor.Matrix;

/**
 * The exact posterior of {@link TwoMoons}: a yardstick for diagnostics, since a trained network
 * is only ever an approximation of it.
 *
 * <p>With u = (θ₁ + θ₂)/√2 and v = (θ₂ − θ₁)/√2 (a rotation, so volumes are kept), the simulator
 * is x = p + (−|u|, v) where p = (r cos a + 0.25, r sin a) has the density
 * f(p) = N(r; 0.1, 0.01²) / (π r) on the half-plane p₁ &gt; 0.25 (polar coordinates with a
 * uniform angle on (−π/2, π/2)). Under the uniform prior on [−1, 1]² the posterior is
 * p(θ | x) ∝ f(x − (−|u|, v)) on the box. Sampling: draw p from f and a sign s = ±1, set
 * |u| = p₁ − x₁ (reject when negative), u = s|u|, v = x₂ − p₂ and keep θ when it lies in the
 * box; each θ comes from exactly one (p, s), so the kept draws have the posterior density. This
 * is how sbibm draws its reference samples for this task (Lueckmann et al. 2021).
 *
 * <p>Immutable and thread-safe; every draw comes from the generator passed in.
 */
public final class TwoMoonsPosterior implements PosteriorSampler, PosteriorDensity {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_NORMAL_CONST = -0.5 * Math.log(2 * Math.PI);
    /** Proposals tried per requested sample before giving up on an observation. */
    private static final int MAX_TRIES_PER_SAMPLE = 10_000;

    /**
     * Draws n samples from p(θ | x) by the construction above.
     *
     * @throws IllegalArgumentException when x has not 2 entries, or when no proposal lands in
     *                                  the prior box (x is far outside what the simulator makes)
     */
    @Override
    public Matrix sample(float[] x, int n, UniformRandomProvider rng) {
        checkX(x);
        Matrix out = Matrix.of(n, 2);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] uv = new double[2];
        long tries = 0;
        long maxTries = (long) MAX_TRIES_PER_SAMPLE * Math.max(n, 1);
        int kept = 0;
        while (kept < n) {
            if (++tries > maxTries) {
                throw new IllegalArgumentException("x = (" + x[0] + ", " + x[1] + ") is not "
                        + "reachable from the prior box: no proposal accepted in " + maxTries);
            }
            if (!propose(x, rng, g, uv)) {
                continue;
            }
            double u = rng.nextBoolean() ? uv[0] : -uv[0];
            if (inBox(u, uv[1])) {
                out.set(kept, 0, (float) ((u - uv[1]) / SQRT2));
                out.set(kept, 1, (float) ((u + uv[1]) / SQRT2));
                kept++;
            }
        }
        return out;
    }

    /**
     * log f(x − (−|u|, v)) for each row: the log posterior up to the constant
     * {@link #logNormalizer}; −∞ outside the box or where the simulator cannot reach x.
     */
    @Override
    public double[] logProb(Matrix theta, float[] x) {
        checkX(x);
        if (theta.cols() != 2) {
            throw new IllegalArgumentException("two_moons has 2 parameters, theta has "
                    + theta.cols() + " columns");
        }
        double[] lp = new double[theta.rows()];
        for (int i = 0; i < lp.length; i++) {
            lp[i] = logDensity(theta.get(i, 0), theta.get(i, 1), x);
        }
        return lp;
    }

    private static double logDensity(double t1, double t2, float[] x) {
        if (!(Math.abs(t1) <= 1 && Math.abs(t2) <= 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        double u = (t1 + t2) / SQRT2;
        double v = (t2 - t1) / SQRT2;
        double px = x[0] + Math.abs(u) - TwoMoons.OFFSET;
        double py = x[1] - v;
        if (!(px > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = Math.hypot(px, py);
        double z = (r - TwoMoons.R_MEAN) / TwoMoons.R_SD;
        return LOG_NORMAL_CONST - Math.log(TwoMoons.R_SD) - 0.5 * z * z - Math.log(Math.PI * r);
    }

    /**
     * log ∫ f(x − (−|u|, v)) dθ over the prior box, so that {@code logProb − logNormalizer} is
     * the normalised log p(θ | x). Monte Carlo over the proposal of {@link #sample}: the
     * integral is the expected number of the two sign branches that land in the box, per draw
     * of p from f. Relative standard error about √((1 − P)/(P·draws)) for an acceptance P.
     *
     * @param draws proposals p (≥ 1)
     */
    public double logNormalizer(float[] x, int draws, UniformRandomProvider rng) {
        checkX(x);
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] uv = new double[2];
        long inBox = 0;
        for (int k = 0; k < draws; k++) {
            if (propose(x, rng, g, uv)) {
                inBox += (inBox(uv[0], uv[1]) ? 1 : 0) + (inBox(-uv[0], uv[1]) ? 1 : 0);
            }
        }
        if (inBox == 0) {
            throw new IllegalArgumentException("x = (" + x[0] + ", " + x[1] + ") is not "
                    + "reachable from the prior box: no proposal of " + draws + " accepted");
        }
        return Math.log((double) inBox / draws);
    }

    /**
     * Draws p from f and stores |u| = p₁ − x₁ and v = x₂ − p₂ in uv; false (uv untouched) when
     * |u| would be negative, i.e. this p cannot have produced x.
     */
    private static boolean propose(float[] x, UniformRandomProvider rng,
                                   ZigguratSampler.NormalizedGaussian g, double[] uv) {
        double a = Math.PI * (rng.nextDouble() - 0.5);
        double r = TwoMoons.R_MEAN + TwoMoons.R_SD * g.sample();
        double absU = r * Math.cos(a) + TwoMoons.OFFSET - x[0];
        if (absU < 0) {
            return false;
        }
        uv[0] = absU;
        uv[1] = x[1] - r * Math.sin(a);
        return true;
    }

    /** Whether θ = ((u − v)/√2, (u + v)/√2) lies in the prior box [−1, 1]². */
    private static boolean inBox(double u, double v) {
        return Math.abs((u - v) / SQRT2) <= 1 && Math.abs((u + v) / SQRT2) <= 1;
    }

    private static void checkX(float[] x) {
        if (x.length != 2) {
            throw new IllegalArgumentException("two_moons has 2-dimensional x, got "
                    + x.length + " values");
        }
    }
}
