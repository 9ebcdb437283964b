package org.sbi4j.posterior;

import java.util.List;
import org.sbi4j.prob.Prior;

/**
 * The parameters a posterior is over: names, the prior's support box (bounds may be infinite)
 * and, when known, the prior's own support test ({@link Prior#inSupport}), which is exact for a
 * support that is not a box (a simplex, an ordering constraint θ₁ &lt; θ₂, a disc).
 *
 * <p>The support test is a function and is not written into model files: a posterior read from
 * a file checks the box only until {@link #withSupport} gives it the prior's test again. With
 * nuisance parameters the parameters of interest's support is the projection of the prior's,
 * which a prior cannot evaluate in general, so {@link #ofInterest} keeps the box then.
 *
 * @param names   parameter names, in θ order
 * @param lower   lower support bounds
 * @param upper   upper support bounds
 * @param support the prior's support test on a θ row of this space, or null for the box only
 */
public record ParameterSpace(List<String> names, double[] lower, double[] upper,
                             Support support) {

    /** Is the θ row at {@code data[off .. off+dim)} in the support? (Within the box already.) */
    @FunctionalInterface
    public interface Support {
        boolean contains(float[] data, int off);
    }

    public ParameterSpace {
        names = List.copyOf(names);
        lower = lower.clone();
        upper = upper.clone();
        if (lower.length != names.size() || upper.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + lower.length
                    + " lower and " + upper.length + " upper bounds");
        }
        for (int j = 0; j < lower.length; j++) {
            if (!(lower[j] < upper[j])) {
                throw new IllegalArgumentException("parameter '" + names.get(j) + "': lower bound "
                        + lower[j] + " must be below upper bound " + upper[j]);
            }
        }
    }

    /** A space whose support is its box. */
    public ParameterSpace(List<String> names, double[] lower, double[] upper) {
        this(names, lower, upper, null);
    }

    /**
     * The parameters of interest of a prior (all of them when none is a nuisance), with the
     * prior's own support test when every parameter is of interest.
     */
    public static ParameterSpace ofInterest(Prior prior) {
        int[] idx = prior.interestIndices();
        String[] names = new String[idx.length];
        double[] lo = new double[idx.length];
        double[] hi = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            names[k] = prior.names().get(idx[k]);
            lo[k] = prior.lower()[idx[k]];
            hi[k] = prior.upper()[idx[k]];
        }
        return new ParameterSpace(List.of(names), lo, hi,
                idx.length == prior.dim() ? prior::inSupport : null);
    }

    /**
     * This space with the support test of {@code prior}, whose parameters of interest must be
     * this space's parameters (same names, same order); a prior with nuisance parameters leaves
     * the box (see the class comment).
     */
    public ParameterSpace withSupport(Prior prior) {
        if (!prior.interestNames().equals(names)) {
            throw new IllegalArgumentException("the prior's parameters of interest "
                    + prior.interestNames() + " are not the posterior's " + names);
        }
        return new ParameterSpace(names, lower, upper,
                prior.interestIndices().length == prior.dim() ? prior::inSupport : null);
    }

    public int dim() {
        return names.size();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** True if the support can reject a θ: a finite bound or a support test. */
    public boolean restricted() {
        if (support != null) {
            return true;
        }
        for (int j = 0; j < lower.length; j++) {
            if (Double.isFinite(lower[j]) || Double.isFinite(upper[j])) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if row (data[off .. off+dim)) lies within the bounds and, when this space has one,
     * passes the prior's support test.
     */
    public boolean contains(float[] data, int off) {
        for (int j = 0; j < lower.length; j++) {
            float v = data[off + j];
            if (!(v >= lower[j] && v <= upper[j])) {
                return false;
            }
        }
        return support == null || support.contains(data, off);
    }
}
