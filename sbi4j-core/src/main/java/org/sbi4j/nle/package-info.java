/**
 * Neural likelihood estimation (NLE; Papamakarios, Sterratt, Murray 2019, "Sequential neural
 * likelihood"): a conditional flow q(x | θ) — the flows of {@code flows} with the roles
 * swapped, x the density's variable and θ its context, both z-scored — trained by maximum
 * likelihood on (θ, x) pairs ({@link org.sbi4j.nle.NleTraining}); the posterior at an
 * observation of T iid trials x_1 … x_T is p(θ | x) ∝ p(θ)·∏_t q(x_t | θ), sampled by MCMC
 * ({@link org.sbi4j.nle.LikelihoodPosterior}, {@link org.sbi4j.mcmc.SliceSampler}).
 * {@link org.sbi4j.nle.NleRounds} is the sequential variant (SNLE) for
 * {@link org.sbi4j.rounds.RoundRunner}: each round after the first simulates from the current
 * MCMC posterior and trains on all rounds' pairs, with no correction (the likelihood does not
 * depend on where θ was drawn).
 *
 * <p>Dependency order of sbi4j-core: … → diagnostics → rounds → nle → npe (the method
 * registry in {@code npe} names {@code nle} and {@code snle}).
 */
package org.sbi4j.nle;
