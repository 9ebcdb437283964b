package org.sbi4j.prob;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A user-defined prior given by lambdas: a sampler, a log-density and a support box.
 * θ is passed to the lambdas as a fresh {@code double[dim]} on every call, so the lambdas
 * must be thread-safe only in the sense of not sharing mutable state. logProb is −∞ outside
 * the declared box without calling the user's function. The support is where the log-density
 * is finite within the box ({@link #inSupport}), so a density that returns −∞ off a simplex,
 * a disc or an ordering constraint makes posteriors reject there, not only outside the box.
 * Build with {@link Priors#custom(List, double[], double[], SampleFunction, ToDoubleFunction)}.
 */
public final class CustomPrior implements Prior {

    /** Draws one θ into {@code theta} (length dim) using only {@code rng}. */
    @FunctionalInterface
    public interface SampleFunction {
        void sample(UniformRandomProvider rng, double[] theta);
    }

    private final List<String> names;
    private final double[] lower;
    private final double[] upper;
    private final SampleFunction sampler;
    private final ToDoubleFunction<double[]> logDensity;

    CustomPrior(List<String> names, double[] lower, double[] upper, SampleFunction sampler,
            ToDoubleFunction<double[]> logDensity) {
        this.names = names;
        this.lower = lower;
        this.upper = upper;
        this.sampler = sampler;
        this.logDensity = logDensity;
    }

    @Override
    public int dim() {
        return names.size();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public void sample(UniformRandomProvider rng, float[] out, int off) {
        double[] t = new double[dim()];
        sampler.sample(rng, t);
        for (int j = 0; j < t.length; j++) {
            out[off + j] = (float) t[j];
        }
    }

    /** Within the box and the user's log-density is finite there (NaN counts as outside). */
    @Override
    public boolean inSupport(float[] theta, int off) {
        return inBox(theta, off)
                && logDensity.applyAsDouble(copy(theta, off)) > Double.NEGATIVE_INFINITY;
    }

    private boolean inBox(float[] theta, int off) {
        for (int j = 0; j < dim(); j++) {
            float v = theta[off + j];
            if (!(v >= lower[j] && v <= upper[j])) {
                return false;
            }
        }
        return true;
    }

    private double[] copy(float[] theta, int off) {
        double[] t = new double[dim()];
        for (int j = 0; j < t.length; j++) {
            t[j] = theta[off + j];
        }
        return t;
    }

    @Override
    public double logProb(float[] theta, int off) {
        if (!inBox(theta, off)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logDensity.applyAsDouble(copy(theta, off));
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public String toString() {
        return names + " ~ custom prior";
    }
}
