/**
 * Simulators and simulation runs: a {@link org.sbi4j.sim.Simulator} draws x (dx values) given θ
 * (dθ values), one written as a function of one θ by {@link org.sbi4j.sim.Simulator#of}; {@link
 * org.sbi4j.sim.Simulations} runs θ_i ~ prior, x_i ~ simulator(θ_i) in parallel into a {@link
 * org.sbi4j.sim.SimulationResult}, simulation i drawing from its own stream ({@link
 * org.sbi4j.sim.SimulationStreams}), so results do not depend on threads, chunks, shards or
 * resumes.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code prob} and {@code tensor}; resumable runs
 * on disk are in {@code store}, training sets in {@code data}.
 */
package org.sbi4j.sim;
