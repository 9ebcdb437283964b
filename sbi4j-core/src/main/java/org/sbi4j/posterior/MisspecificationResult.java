package org.sbi4j.posterior;

/**
 * How far an observation lies from the training distribution of x.
 *
 * @param method     "Mahalanobis" or "k-NN (k = …)"
 * @param distance   the observation's distance (Mahalanobis distance, or distance to its k-th
 *                   nearest training point)
 * @param percentile share of training points whose own distance is below the observation's
 *                   (0.5 is typical, near 1 means x_o is more remote than almost all of them)
 * @param level      the percentile above which x_o counts as outside, e.g. 0.99
 * @param outside    percentile &gt; level
 * @param verdict    the finding in plain words
 */
public record MisspecificationResult(String method, double distance, double percentile,
                                     double level, boolean outside, String verdict) {
}
