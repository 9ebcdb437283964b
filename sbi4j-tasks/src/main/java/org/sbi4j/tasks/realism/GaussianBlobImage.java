package org.sbi4j.tasks.realism;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * realism_image (θ = (flux F, size s), x: shape [1, 48, 48]): a round Gaussian source (a star
 * through a Gaussian point-spread function, or a small galaxy) at the centre of a 48×48 image
 * with Gaussian pixel noise:
 * x_ij = F/(2π s²) exp(−((i − c)² + (j − c)²)/(2 s²)) + σ ε_ij, c = 23.5, σ = 1, pixel (i, j)
 * stored row-major at index 48 i + j.
 *
 * <p>Prior: F ~ LogNormal(log 200, 0.5) (one-sided), s ~ U(1.5, 6) pixels.
 *
 * <p>Reference: a {@link GridPosterior} in z = (log F, s). The profile is separable,
 * exp(−(i−c)²/2s²) exp(−(j−c)²/2s²), so Σ (x − μ)² = Σ x² − 2A Σ_i e_i Σ_j x_ij e_j + A² (Σ e_i²)²
 * with A = F/(2π s²) costs O(48²) per point.
 */
public final class GaussianBlobImage implements Simulator {

    /** Image side in pixels. */
    public static final int SIDE = 48;
    static final double CENTRE = (SIDE - 1) / 2.0;
    static final double NOISE_SD = 1.0;
    static final double LOG_FLUX_MEAN = Math.log(200);
    static final double LOG_FLUX_SD = 0.5;
    static final double SIZE_LOW = 1.5;
    static final double SIZE_HIGH = 6.0;

    /** The task. */
    public static RealismTask task() {
        return RealismTask.of(definition());
    }

    static RealismTask.Definition definition() {
        return new RealismTask.Definition("realism_image", prior(), new GaussianBlobImage(),
                new double[][] {{200, 3.0}, {120, 2.0}, {400, 4.5}},
                (x, t) -> logLikelihood(x, t[0], t[1]),
                (x, n, rng) -> referenceSamples(x, n, GridPosterior.Resolution.reference(2), rng));
    }

    static Prior prior() {
        return Priors.independent(Priors.logNormal("flux", LOG_FLUX_MEAN, LOG_FLUX_SD),
                Priors.uniform("size", SIZE_LOW, SIZE_HIGH));
    }

    private static double[] profile(double s) {
        double[] e = new double[SIDE];
        for (int i = 0; i < SIDE; i++) {
            double d = i - CENTRE;
            e[i] = Math.exp(-d * d / (2 * s * s));
        }
        return e;
    }

    /** log p(x | F, s), normalised. */
    public static double logLikelihood(float[] x, double flux, double size) {
        check(x);
        double[] e = profile(size);
        double a = flux / (2 * Math.PI * size * size);
        double ss = 0;
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                double r = x[i * SIDE + j] - a * e[i] * e[j];
                ss += r * r;
            }
        }
        return -0.5 * ss / (NOISE_SD * NOISE_SD)
                - SIDE * SIDE * (Math.log(NOISE_SD) + 0.5 * Math.log(2 * Math.PI));
    }

    /** The log posterior in z = (log F, s), up to a constant. */
    static GridPosterior.LogDensity logPosterior(float[] x) {
        check(x);
        double xx = 0;
        for (float v : x) {
            xx += (double) v * v;
        }
        double sumSq = xx;
        return z -> {
            double s = z[1];
            if (!(s >= SIZE_LOW && s <= SIZE_HIGH)) {
                return Double.NEGATIVE_INFINITY;
            }
            double[] e = profile(s);
            double a = Math.exp(z[0]) / (2 * Math.PI * s * s);
            double cross = 0;
            double ee = 0;
            for (int i = 0; i < SIDE; i++) {
                double row = 0;
                for (int j = 0; j < SIDE; j++) {
                    row += x[i * SIDE + j] * e[j];
                }
                cross += e[i] * row;
                ee += e[i] * e[i];
            }
            double ss = sumSq - 2 * a * cross + a * a * ee * ee;
            double u = (z[0] - LOG_FLUX_MEAN) / LOG_FLUX_SD;
            return -0.5 * ss / (NOISE_SD * NOISE_SD) - 0.5 * u * u;
        };
    }

    static GridPosterior reference(float[] x, GridPosterior.Resolution res) {
        return GridPosterior.of(logPosterior(x), new double[] {LOG_FLUX_MEAN - 4, SIZE_LOW},
                new double[] {LOG_FLUX_MEAN + 4, SIZE_HIGH}, res);
    }

    /** n reference draws of (F, s) at a given grid resolution. */
    static Matrix referenceSamples(float[] x, int n, GridPosterior.Resolution res, UniformRandomProvider rng) {
        return reference(x, res).sample(n, 2, (z, t) -> {
            t[0] = Math.exp(z[0]);
            t[1] = z[1];
        }, rng);
    }

    private static void check(float[] x) {
        if (x.length != SIDE * SIDE) {
            throw new IllegalArgumentException("realism_image has " + SIDE + "x" + SIDE + " = "
                    + SIDE * SIDE + " pixels, got " + x.length + " values");
        }
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return SIDE * SIDE;
    }

    @Override
    public int[] xShape() {
        return new int[] {1, SIDE, SIDE};
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double s = theta[thetaOff + 1];
        double[] e = profile(s);
        double a = theta[thetaOff] / (2 * Math.PI * s * s);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                x[xOff + i * SIDE + j] = (float) (a * e[i] * e[j] + NOISE_SD * g.sample());
            }
        }
    }
}
