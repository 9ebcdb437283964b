package org.sbi4j.cli.python;

import java.util.List;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.prob.Univariate;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;

/**
 * The priors of {@code sbi4j.BoxUniform}, {@code Normal}, … and their sample and log_prob.
 * Parameter names are {@code theta_1 … theta_d} unless given.
 */
public final class PyPriors {

    /** Stream index of {@code prior.sample(n, seed=s)} under s (far from simulation indices). */
    static final long SAMPLE_STREAM = 0x5B14_9E7A_0000L;

    private PyPriors() {
    }

    /** Names theta_1 … theta_d, or the given ones (checked for count). */
    public static List<String> names(String[] given, int d) {
        if (given == null) {
            return Priors.names("theta", d);
        }
        if (given.length != d) {
            throw new IllegalArgumentException(given.length + " names for " + d
                    + " parameters: " + List.of(given));
        }
        return List.of(given);
    }

    /** U(low_j, high_j) per parameter. */
    public static Prior boxUniform(double[] low, double[] high, String[] names) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("low has " + low.length + " values, high "
                    + high.length);
        }
        return Priors.uniform(names(names, low.length), low, high);
    }

    /** Independent N(mean_j, sd_j²). */
    public static Prior normal(double[] mean, double[] sd, String[] names) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values, sd "
                    + sd.length);
        }
        return Priors.normal(names(names, mean.length), mean, sd);
    }

    /** N(mean, covariance) with the covariance given row-major (d × d values). */
    public static Prior multivariateNormal(double[] mean, double[] covariance, String[] names) {
        int d = mean.length;
        if (covariance.length != (long) d * d) {
            throw new IllegalArgumentException("the covariance has " + covariance.length
                    + " values, not " + d + " × " + d);
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance, i * d, cov[i], 0, d);
        }
        return Priors.multivariateNormal(names(names, d), mean, cov);
    }

    /**
     * Independent univariate blocks of one family: {@code gamma} (a = shape, b = scale),
     * {@code beta} (a = α, b = β), {@code log_normal} (a = μ, b = σ).
     */
    public static Prior univariates(String family, double[] a, double[] b, String[] names) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(family + ": the two parameter arrays have "
                    + a.length + " and " + b.length + " values");
        }
        List<String> n = names(names, a.length);
        Univariate[] blocks = new Univariate[a.length];
        for (int j = 0; j < a.length; j++) {
            blocks[j] = switch (family) {
                case "gamma" -> Priors.gamma(n.get(j), a[j], b[j]);
                case "beta" -> Priors.beta(n.get(j), a[j], b[j]);
                case "log_normal" -> Priors.logNormal(n.get(j), a[j], b[j]);
                default -> throw new IllegalArgumentException("unknown prior family '" + family
                        + "': use gamma, beta or log_normal");
            };
        }
        return Priors.independent(blocks);
    }

    /** n draws (n × d, row-major) from stream {@link #SAMPLE_STREAM} of seed. */
    public static float[] sample(Prior prior, int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of samples: " + n);
        }
        return PyArrays.flat(prior.sample(n, SimulationStreams.streamFor(seed, SAMPLE_STREAM)));
    }

    /** log p(θ) of each of the n rows of θ (−∞ outside the support). */
    public static double[] logProb(Prior prior, float[] theta, int n) {
        Matrix t = PyArrays.matrix(theta, n, prior.dim(), "theta");
        double[] out = new double[n];
        prior.logProb(t, out);
        return out;
    }
}
