/**
 * Float32 kernels behind one interface ({@link org.sbi4j.kernels.Kernels}): a scalar reference
 * and a Vector API implementation (generated loops; no vector crosses a method call), chosen
 * once by {@link org.sbi4j.kernels.KernelProvider}, and the one thread pool they split work over
 * ({@link org.sbi4j.kernels.Parallelism}). No shape checks here: {@code tensor.Ops} does them.
 */
package org.sbi4j.kernels;
