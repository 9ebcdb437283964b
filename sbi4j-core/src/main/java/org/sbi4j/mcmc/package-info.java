/**
 * Markov chain Monte Carlo for unnormalised densities that are evaluated in batches (a neural
 * likelihood times a prior): {@link org.sbi4j.mcmc.SliceSampler} runs many chains of Neal's
 * slice sampler together, one batched {@link org.sbi4j.mcmc.LogDensity} call per step of all
 * chains, with starts drawn by sampling-importance-resampling from the prior;
 * {@link org.sbi4j.mcmc.ConvergenceDiagnostics} gives split R-hat and the effective sample
 * size, reported with every run ({@link org.sbi4j.mcmc.McmcResult}).
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → mcmc →
 * store → … Imports {@code prob} (priors for the starts), {@code sim} (the per-chain streams)
 * and {@code tensor}.
 */
package org.sbi4j.mcmc;
