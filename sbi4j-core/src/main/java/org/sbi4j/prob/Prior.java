package org.sbi4j.prob;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * A prior distribution over a named parameter vector θ of dimension {@link #dim()}.
 *
 * <p>Values are sampled and evaluated in double precision and stored as float32 rows. Every prior
 * knows its support as a box (bounds may be infinite); posteriors reject samples outside it.
 *
 * <p>Shapes: one θ is {@link #dim()} values in {@link #names()} order; {@link #sample(int,
 * UniformRandomProvider)} returns an n × dim matrix, one draw per row. Parameters marked as
 * nuisances ({@link Priors#withNuisance}) are simulated but not inferred: a posterior is over
 * {@link #interestIndices()} only.
 * <pre>{@code
 * Prior prior = Priors.independent(Priors.uniform("mu", -3, 3), Priors.logNormal("sigma", 0, 0.5));
 * Matrix theta = prior.sample(1_000, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)); // 1000 × 2
 * }</pre>
 */
public interface Prior {

    /** Number of parameters. */
    int dim();

    /** Parameter names, in θ order. */
    List<String> names();

    /** Draws one θ into {@code out[off .. off+dim)}. */
    void sample(UniformRandomProvider rng, float[] out, int off);

    /** log p(θ) for θ at {@code theta[off .. off+dim)}; −∞ outside the support. */
    double logProb(float[] theta, int off);

    /** Lower bounds of the support box, per parameter (−∞ where unbounded). */
    double[] lower();

    /** Upper bounds of the support box, per parameter (+∞ where unbounded). */
    double[] upper();

    /**
     * True if θ lies in the support: where {@link #logProb} is finite. The default tests the
     * box, exact for the built-in priors; a prior whose support is not a box (a custom prior
     * whose log-density is −∞ off a simplex) overrides it, and posteriors reject with it.
     */
    default boolean inSupport(float[] theta, int off) {
        double[] lo = lower();
        double[] hi = upper();
        for (int j = 0; j < dim(); j++) {
            float v = theta[off + j];
            if (!(v >= lo[j] && v <= hi[j])) {
                return false;
            }
        }
        return true;
    }

    /** Draws n samples as an n×dim matrix (one {@link #sampler} for all rows). */
    default Matrix sample(int n, UniformRandomProvider rng) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of samples: " + n);
        }
        Matrix m = Matrix.of(n, dim());
        Sampler s = sampler(rng);
        for (int i = 0; i < n; i++) {
            s.sample(m.data(), m.rowOffset(i));
        }
        return m;
    }

    /**
     * A sampler bound to {@code rng}, for drawing many θ in a row without re-creating the
     * underlying distribution samplers each time. Not thread-safe (neither is the rng); the
     * default delegates to {@link #sample(UniformRandomProvider, float[], int)}.
     */
    default Sampler sampler(UniformRandomProvider rng) {
        return (out, off) -> sample(rng, out, off);
    }

    /** log p(θ) for every row of an n×dim matrix into {@code out[0 .. n)}. */
    default void logProb(Matrix theta, double[] out) {
        if (theta.cols() != dim() || out.length < theta.rows()) {
            throw new IllegalArgumentException("logProb of a " + theta.rows() + "x" + theta.cols()
                    + " matrix into " + out.length + " values; the prior has dim " + dim());
        }
        for (int i = 0; i < theta.rows(); i++) {
            out[i] = logProb(theta.data(), theta.rowOffset(i));
        }
    }

    /**
     * Which parameters are nuisance parameters (true) rather than parameters of interest
     * (false), in θ order. Training may target only the parameters of interest. Default: none
     * is a nuisance. Declare them with {@link Priors#withNuisance(Prior, String...)}.
     */
    default boolean[] nuisance() {
        return new boolean[dim()];
    }

    /** Indices (in θ order, ascending) of the parameters of interest: those not {@link #nuisance()}. */
    default int[] interestIndices() {
        boolean[] nu = nuisance();
        int count = 0;
        for (boolean b : nu) {
            count += b ? 0 : 1;
        }
        int[] idx = new int[count];
        for (int j = 0, k = 0; j < nu.length; j++) {
            if (!nu[j]) {
                idx[k++] = j;
            }
        }
        return idx;
    }

    /** Names of the parameters of interest, in θ order. */
    default List<String> interestNames() {
        List<String> all = names();
        return java.util.Arrays.stream(interestIndices()).mapToObj(all::get).toList();
    }

    /** Draws θ vectors from a prior with one fixed random generator (see {@link #sampler}). */
    @FunctionalInterface
    interface Sampler {
        /** Draws one θ into {@code out[off .. off+dim)}. */
        void sample(float[] out, int off);
    }
}
