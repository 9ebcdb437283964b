/**
 * Resumable simulation runs in a folder ({@link org.sbi4j.store.SimulationStore}): chunks of
 * simulations written as NumPy files as they finish, a manifest replaced atomically, shards (index
 * ranges) merged into one run ({@link org.sbi4j.store.ShardMerge}) with the same rows as a single
 * run of the same seed.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code io}, {@code sim}, {@code prob} and
 * {@code tensor}; {@code data} reads what it finishes.
 */
package org.sbi4j.store;
