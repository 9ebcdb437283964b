package org.sbi4j.data;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * The log map of parameters with a one-sided prior support: NPE's auto preset learns such a
 * θ as log(θ − a) (no posterior mass outside the support), and NLE uses the same map for the
 * flow's context (a log-normal θ becomes Gaussian, so the context's tails are where the
 * training data are).
 */
public final class OneSidedLog {

    private OneSidedLog() {
    }

    /**
     * For each parameter of interest whose prior support is (a, ∞) with a finite (log-normal,
     * gamma, exponential, half-normal …), the shift a of θ ↦ log(θ − a), which maps the support
     * onto the line so the flow puts no mass outside it; NaN for the others (bounded supports
     * keep sbi's rejection of draws outside). A column with a training value at or below a
     * keeps its scale.
     */
    public static double[] shifts(Prior prior, int[] interest, Matrix theta,
                                  List<String> choices) {
        double[] lo = prior.lower();
        double[] hi = prior.upper();
        double[] a = new double[interest.length];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < interest.length; k++) {
            int j = interest[k];
            a[k] = Double.isFinite(lo[j]) && hi[j] == Double.POSITIVE_INFINITY
                    && above(theta, k, lo[j]) ? lo[j] : Double.NaN;
            if (!Double.isNaN(a[k])) {
                names.add(prior.names().get(j));
            }
        }
        if (!names.isEmpty()) {
            choices.add("parameters: log(θ − lower bound) for " + String.join(", ", names)
                    + " (one-sided prior support: no posterior mass outside it)");
        }
        return a;
    }

    private static boolean above(Matrix theta, int col, double a) {
        for (int i = 0; i < theta.rows(); i++) {
            if (!(theta.get(i, col) > a)) {
                return false;
            }
        }
        return true;
    }
}
