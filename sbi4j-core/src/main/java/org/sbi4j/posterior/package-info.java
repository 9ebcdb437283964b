/**
 * Trained posteriors as values: a {@link org.sbi4j.posterior.Posterior} q(θ | x) (estimator,
 * architecture, standardisers, parameter space, provenance; assembled by {@link
 * org.sbi4j.posterior.PosteriorBuilder}, saved and loaded by {@link
 * org.sbi4j.posterior.PosteriorFiles}) and, for one observation, a {@link
 * org.sbi4j.posterior.ConditionedPosterior}: samples (n × dθ), log-densities, MAP, credible
 * intervals and a misspecification check. Also the architecture description ({@link
 * org.sbi4j.posterior.EstimatorSpec}, {@link org.sbi4j.posterior.EmbeddingSpec}) and ensembles.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code data}, {@code flows}, {@code nn}, {@code
 * prob}, {@code sim} and {@code tensor}; it does not train ({@code train}) or run ({@code npe})
 * anything.
 */
package org.sbi4j.posterior;
