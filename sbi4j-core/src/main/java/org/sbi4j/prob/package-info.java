/**
 * Priors over named parameter vectors θ: {@link org.sbi4j.prob.Prior} (sample, logProb, support
 * box, interest/nuisance flags), validating factories in {@link org.sbi4j.prob.Priors}
 * (uniform box, normal, log-normal, gamma, beta, truncated normal — all commons-statistics
 * distributions — multivariate normal, independent products, user-defined lambdas).
 * Imports only {@code org.sbi4j.tensor} from this library.
 */
package org.sbi4j.prob;
