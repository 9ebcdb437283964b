/**
 * Neural-network layers with hand-written backward passes: {@link org.sbi4j.nn.Dense}, {@link
 * org.sbi4j.nn.MaskedDense} and {@link org.sbi4j.nn.Made} (autoregressive masks), residual blocks
 * with gated context ({@link org.sbi4j.nn.ResidualNet}), embeddings ({@link org.sbi4j.nn.Mlp},
 * {@link org.sbi4j.nn.Conv1d}, {@link org.sbi4j.nn.DeepSets}), all {@link org.sbi4j.nn.Layer}s on
 * n × features batches whose trainable weights are {@link org.sbi4j.nn.Param}s (value and
 * gradient).
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code tensor} and the kernels.
 */
package org.sbi4j.nn;
