package org.sbi4j.posterior;

/**
 * How far an observation lies from the training distribution of x.
 *
 * @param method     "Mahalanobis", "standardised Euclidean" or "k-NN (k = …)"
 * @param distance   the observation's distance (Mahalanobis distance, or distance to its k-th
 *                   nearest training point)
 * @param percentile share of the held-out (ranked) training rows whose own distance is below
 *                   the observation's (0.5 is typical, near 1 means x_o is more remote than
 *                   almost all of them)
 * @param level      1 − α, e.g. 0.99
 * @param outside    pValue ≤ 1 − level
 * @param verdict    the finding in plain words
 * @param pValue     split-conformal p-value (1 + #{held-out rows at least as far}) / (1 + #held
 *                   out): P(pValue ≤ α) ≤ α when x_o comes from the training distribution
 */
public record MisspecificationResult(String method, double distance, double percentile,
                                     double level, boolean outside, String verdict,
                                     double pValue) {
}
