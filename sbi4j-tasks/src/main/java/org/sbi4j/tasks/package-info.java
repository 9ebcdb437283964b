/**
 * Benchmark tasks: {@link org.sbi4j.tasks.Task} (prior, simulator, ten observations with true
 * parameters and reference posterior samples) and the registry {@link org.sbi4j.tasks.Tasks}.
 * The sbibm tasks follow Lueckmann et al., "Benchmarking Simulation-Based Inference",
 * AISTATS 2021, with sbibm's stored data (MIT, see resources/sbibm/LICENSE-sbibm.txt);
 * galaxy_clustering is a two-parameter toy with an exact reference posterior.
 */
package org.sbi4j.tasks;
