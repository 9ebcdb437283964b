package org.sbi4j.prob;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Multivariate normal prior N(μ, Σ) with Σ = L Lᵀ (Cholesky factor from hipparchus-core).
 *
 * <p>Sampling: θ = μ + L z with z ~ N(0, I) (ziggurat). Density:
 * log p(θ) = −½ d log 2π − Σ_i log L_ii − ½ ‖L⁻¹(θ − μ)‖², the solve done by forward
 * substitution. Support: all of ℝ^d. Immutable and thread-safe.
 */
public final class MultivariateNormal implements Prior {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final List<String> names;
    private final double[] mean;
    private final double[] chol;   // lower-triangular L, row-major d×d
    private final int dim;
    private final double logNorm;  // −½ d log 2π − Σ log L_ii

    private MultivariateNormal(List<String> names, double[] mean, double[] chol) {
        this.names = names;
        this.mean = mean;
        this.chol = chol;
        this.dim = mean.length;
        double s = -0.5 * dim * LOG_2PI;
        for (int i = 0; i < dim; i++) {
            s -= Math.log(chol[i * dim + i]);
        }
        this.logNorm = s;
    }

    /**
     * N(mean, covariance).
     *
     * @throws IllegalArgumentException on shape mismatch, non-finite entries or a covariance
     *     that is not symmetric positive definite
     */
    public static MultivariateNormal of(List<String> names, double[] mean, double[][] covariance) {
        String what = "multivariate normal prior for parameters " + names;
        check(names, mean, covariance, what, "covariance");
        return new MultivariateNormal(List.copyOf(names), mean.clone(), cholesky(covariance, what, "covariance"));
    }

    /** N(mean, precision⁻¹), e.g. a smoothness prior given by its precision matrix. */
    public static MultivariateNormal ofPrecision(List<String> names, double[] mean, double[][] precision) {
        String what = "multivariate normal prior for parameters " + names;
        check(names, mean, precision, what, "precision");
        RealMatrix p = MatrixUtils.createRealMatrix(precision);
        RealMatrix cov;
        try {
            cov = new CholeskyDecomposition(p).getSolver().getInverse();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": precision is not symmetric positive definite ("
                    + e.getMessage() + ")", e);
        }
        // symmetrise the round-off of the inverse before factorising it
        double[][] c = cov.getData();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = c[j][i] = 0.5 * (c[i][j] + c[j][i]);
            }
        }
        return new MultivariateNormal(List.copyOf(names), mean.clone(), cholesky(c, what, "covariance"));
    }

    private static int check(List<String> names, double[] mean, double[][] m, String what, String label) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException(what + ": mean is empty");
        }
        int d = mean.length;
        Checks.names(names, d, what);
        for (int i = 0; i < d; i++) {
            Checks.finite(mean[i], what, "mean[" + i + "]");
        }
        if (m == null || m.length != d) {
            throw new IllegalArgumentException(what + ": " + label + " has "
                    + (m == null ? "no" : m.length) + " rows, expected " + d);
        }
        for (int i = 0; i < d; i++) {
            if (m[i] == null || m[i].length != d) {
                throw new IllegalArgumentException(what + ": " + label + " row " + i + " has "
                        + (m[i] == null ? "no" : m[i].length) + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                Checks.finite(m[i][j], what, label + "[" + i + "][" + j + "]");
            }
        }
        return d;
    }

    private static double[] cholesky(double[][] cov, String what, String label) {
        int d = cov.length;
        RealMatrix l;
        try {
            l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(cov), 1e-10, 1e-14).getL();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + label
                    + " is not symmetric positive definite (" + e.getMessage() + ")", e);
        }
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                flat[i * d + j] = l.getEntry(i, j);
            }
        }
        return flat;
    }

    /** The mean μ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The covariance Σ = L Lᵀ (a new array). */
    public double[][] covariance() {
        double[][] c = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += chol[i * dim + k] * chol[j * dim + k];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public void sample(UniformRandomProvider rng, float[] out, int off) {
        draw(ZigguratSampler.NormalizedGaussian.of(rng), new double[dim], out, off);
    }

    @Override
    public Sampler sampler(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[dim];
        return (out, off) -> draw(g, z, out, off);
    }

    private void draw(ZigguratSampler.NormalizedGaussian g, double[] z, float[] out, int off) {
        for (int i = 0; i < dim; i++) {
            z[i] = g.sample();
        }
        for (int i = 0; i < dim; i++) {
            double s = mean[i];
            for (int k = 0; k <= i; k++) {
                s += chol[i * dim + k] * z[k];
            }
            out[off + i] = (float) s;
        }
    }

    @Override
    public double logProb(float[] theta, int off) {
        double[] y = new double[dim];
        double q = 0;
        for (int i = 0; i < dim; i++) {
            double s = theta[off + i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i * dim + k] * y[k];
            }
            y[i] = s / chol[i * dim + i];
            q += y[i] * y[i];
        }
        return logNorm - 0.5 * q;
    }

    @Override
    public double[] lower() {
        double[] lo = new double[dim];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        return lo;
    }

    @Override
    public double[] upper() {
        double[] hi = new double[dim];
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return hi;
    }

    @Override
    public String toString() {
        return names + " ~ MultivariateNormal(dim " + dim + ")";
    }
}
