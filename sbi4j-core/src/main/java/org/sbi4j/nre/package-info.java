/**
 * Neural ratio estimation (NRE): a classifier d(θ, x) — sbi's "resnet" classifier on z-scored
 * [θ | x] — whose logit estimates log r(x, θ) = log p(x | θ)/p(x), trained to tell (θ, x)
 * pairs of the joint from pairs with θ taken from other rows of the batch: contrastive NRE-C
 * (Miller et al. 2022; {@link org.sbi4j.nre.RatioLoss.Contrastive}) or balanced BNRE
 * (Delaunoy et al. 2022; {@link org.sbi4j.nre.RatioLoss.Balanced}), by the library's trainer
 * on {@link org.sbi4j.nre.RatioObjective} ({@link org.sbi4j.nre.NreTraining}). The posterior
 * at an observation of T iid trials is p(θ | x) ∝ p(θ)·∏_t r(x_t, θ), sampled by the slice
 * sampler ({@link org.sbi4j.nre.RatioPosterior}). {@link org.sbi4j.nre.SequentialNre} runs one
 * amortised round or SNRE rounds on the MCMC posterior ({@link org.sbi4j.nre.NreRounds}).
 *
 * <p>Dependency order of sbi4j-core: … → rounds → nle → nre → npe (the method registry in
 * {@code npe} names {@code nre} and {@code bnre}).
 */
package org.sbi4j.nre;
