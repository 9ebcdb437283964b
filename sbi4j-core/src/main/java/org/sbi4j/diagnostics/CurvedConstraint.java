package org.sbi4j.diagnostics;

/**
 * A curved combination of the parameters that the data constrain: a quadratic g(θ) that is
 * nearly constant on the posterior while its gradient turns, so the posterior is a curved ridge
 * (a banana, a crescent, A + b² = c) along the level set g = const. Immutable.
 *
 * @param space        "linear" or "log" (log of the positive parameters, others as they are)
 * @param combination  g in words, e.g. "A + 1.00·b²" (terms normalised to the largest)
 * @param value        the posterior mean of g, so the ridge is {@code combination = value}
 * @param ratio        posterior sd across the level sets of g, in units of the prior sd of the
 *                     parameters: sd(g) / rms|∇g| with θ scaled by the prior sd (0 = a sharp
 *                     ridge, 1 = no information)
 * @param straightness top eigenvalue of the mean outer product of g's unit normal over the
 *                     posterior: 1 for a straight ridge, lower the more the ridge bends
 * @param names        the analysed coordinates ("log A" for a logged parameter in log space)
 * @param coefficients g's coefficients in the analysed coordinates u, as {@link #valueAt}
 *                     uses them: u_j for j &lt; d, then u_j·u_k for j ≤ k in row order
 */
public record CurvedConstraint(String space, String combination, double value, double ratio,
                               double straightness, java.util.List<String> names,
                               double[] coefficients) {

    public CurvedConstraint {
        names = java.util.List.copyOf(names);
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** g at the analysed coordinates u (the ridge is where this equals {@link #value}). */
    public double valueAt(double[] u) {
        int d = names.size();
        if (u.length != d) {
            throw new IllegalArgumentException(u.length + " coordinates for " + d);
        }
        double g = 0;
        for (int j = 0; j < d; j++) {
            g += coefficients[j] * u[j];
        }
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                g += coefficients[o++] * u[j] * u[k];
            }
        }
        return g;
    }
}
