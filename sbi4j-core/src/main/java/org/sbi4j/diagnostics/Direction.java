package org.sbi4j.diagnostics;

/**
 * One direction in parameter space and how much the data constrain it: the linear combination
 * c·θ (c normalised so that its reference coefficient is 1), with its posterior and prior
 * standard deviations. Immutable.
 *
 * @param space       "linear" or "log" (log of the positive parameters, others as they are)
 * @param coefficients c, one per parameter, c[reference] = 1
 * @param combination c·θ in words, e.g. "log A + 2.00·log b"
 * @param posteriorSd sd of c·θ under the posterior samples
 * @param priorSd     sd of c·θ under the prior samples
 * @param constrained posteriorSd / priorSd below the report's threshold
 */
public record Direction(String space, double[] coefficients, String combination,
                        double posteriorSd, double priorSd, boolean constrained) {

    public Direction {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** posteriorSd / priorSd: 0 = pinned down by the data, 1 = nothing learned. */
    public double ratio() {
        return posteriorSd / priorSd;
    }
}
