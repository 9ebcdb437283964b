package org.sbi4j.prob;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A user-defined prior given by lambdas: a sampler, a log-density and a support box.
 * θ is passed to the lambdas as a fresh {@code double[dim]} on every call, so the lambdas
 * must be thread-safe only in the sense of not sharing mutable state. logProb is −∞ outside
 * the declared box without calling the user's function. Build with
 * {@link Priors#custom(List, double[], double[], SampleFunction, ToDoubleFunction)}.
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

    @Override
    public double logProb(float[] theta, int off) {
        if (!inSupport(theta, off)) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] t = new double[dim()];
        for (int j = 0; j < t.length; j++) {
            t[j] = theta[off + j];
        }
        return logDensity.applyAsDouble(t);
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
