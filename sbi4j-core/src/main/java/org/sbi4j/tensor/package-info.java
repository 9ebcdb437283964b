/**
 * Dense float32 matrices ({@link org.sbi4j.tensor.Matrix}: row-major, n rows × c columns, views
 * and row counts that shrink without reallocating) and shape- and aliasing-checked operations on
 * them ({@link org.sbi4j.tensor.Ops}) on top of the {@code sbi4j-kernels} compute kernels.
 *
 * <p>First in the dependency order of sbi4j-core (tensor → io → nn → optim → prob → flows → sim →
 * store → data → train → posterior → npe → diagnostics): it imports only the kernels, and every
 * other package builds on it.
 */
package org.sbi4j.tensor;
