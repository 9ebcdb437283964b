/**
 * Neural posterior estimation end to end: {@link org.sbi4j.npe.Npe}{@code .builder(prior,
 * simulator)} simulates and trains, {@code Npe.builder(prior).data(pairs)} trains on given pairs;
 * the {@link org.sbi4j.npe.NpeBuilder} holds the run's settings (seed, threads, {@link
 * org.sbi4j.npe.NpeSettings}, listeners) and returns an {@link org.sbi4j.npe.NpeResult}. A small
 * facade: every stage it calls is usable alone.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports the packages before it (and {@code
 * org.sbi4j.kernels.Parallelism} for its thread setting); nothing in sbi4j-core imports it ({@code
 * diagnostics} takes a posterior, not a run).
 */
package org.sbi4j.npe;
