/**
 * Training data: (θ, x) pairs in memory ({@link org.sbi4j.data.Dataset}: n × dθ and n × dx, with
 * simulation indices and the logical x shape) or memory-mapped from NumPy files ({@link
 * org.sbi4j.data.MappedDataset}), seeded splits and shuffles, mini-batches ({@link
 * org.sbi4j.data.BatchSource}) and per-column {@link org.sbi4j.data.Standardizer}s.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code io}, {@code sim}, {@code store} and
 * {@code tensor}.
 */
package org.sbi4j.data;
