/**
 * Optimisation of {@link org.sbi4j.nn.Param}s: {@link org.sbi4j.optim.Adam} (with L2 or decoupled
 * weight decay), global-norm {@link org.sbi4j.optim.GradientClipping} and learning-rate schedules
 * ({@link org.sbi4j.optim.LearningRateSchedule}: constant, warm-up then cosine).
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code nn} and {@code tensor}; the training
 * loop that uses it is {@link org.sbi4j.train.Trainer}.
 */
package org.sbi4j.optim;
