/**
 * Files in formats other tools read: NumPy {@code .npy} / {@code .npz} arrays ({@link
 * org.sbi4j.io.Npy}, {@link org.sbi4j.io.Npz}) and CSV tables ({@link org.sbi4j.io.Csv}); damaged
 * or foreign files are refused with a {@link org.sbi4j.io.FileFormatException} saying what is
 * wrong.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports only {@code tensor}.
 */
package org.sbi4j.io;
