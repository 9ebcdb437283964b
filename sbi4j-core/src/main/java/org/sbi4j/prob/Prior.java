package org.sbi4j.prob;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * A prior distribution over a named parameter vector θ of dimension {@link #dim()}.
 *
 * <p>Values are sampled and evaluated in double precision and stored as float32 rows. Every prior
 * knows its support as a box (bounds may be infinite); posteriors reject samples outside it.
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

    /** True if θ lies in the support (the open or closed box, as the distribution defines). */
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

    /** Draws n samples as an n×dim matrix. */
    default Matrix sample(int n, UniformRandomProvider rng) {
        Matrix m = Matrix.of(n, dim());
        for (int i = 0; i < n; i++) {
            sample(rng, m.data(), m.rowOffset(i));
        }
        return m;
    }
}
