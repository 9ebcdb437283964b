package org.sbi4j.posterior;

import java.util.List;
import org.sbi4j.prob.Prior;

/**
 * The parameters a posterior is over: names and the prior's support box (bounds may be infinite).
 *
 * @param names parameter names, in θ order
 * @param lower lower support bounds
 * @param upper upper support bounds
 */
public record ParameterSpace(List<String> names, double[] lower, double[] upper) {

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

    /** The parameters of interest of a prior (all of them when none is a nuisance). */
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
        return new ParameterSpace(List.of(names), lo, hi);
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

    /** True if every value of row (data[off .. off+dim)) lies within the bounds. */
    public boolean contains(float[] data, int off) {
        for (int j = 0; j < lower.length; j++) {
            float v = data[off + j];
            if (!(v >= lower[j] && v <= upper[j])) {
                return false;
            }
        }
        return true;
    }
}
