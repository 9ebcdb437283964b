/**
 * Maximum-likelihood training of conditional density estimators: {@link org.sbi4j.train.Trainer}
 * (an immutable value: settings, listener, resume checkpoint, balanced loss; early stopping on a
 * validation split, recovery from non-finite steps), {@link org.sbi4j.train.TrainingConfig} (sbi's
 * defaults; batch size and learning rate by the number of training pairs below 3,600), per-epoch
 * {@link org.sbi4j.train.TrainingReport}s, resumable {@link
 * org.sbi4j.train.Checkpoint}s, the balanced NPE loss ({@link org.sbi4j.train.BalancedLoss}) and
 * data-parallel shards ({@link org.sbi4j.train.DataParallel}) that give the same bits on any
 * number of threads.
 *
 * <p>Dependency order of sbi4j-core: tensor → io → nn → optim → prob → flows → sim → store → data
 * → train → posterior → npe → diagnostics. Imports {@code data}, {@code flows}, {@code nn}, {@code
 * optim}, {@code sim} (stream derivation) and {@code tensor}.
 */
package org.sbi4j.train;
