/**
 * The realism suite: benchmark tasks that look like real science (counts over orders of
 * magnitude, long noisy series with nuisance amplitude and phase, images, sets of trials of
 * varying size, several nuisance parameters, discrete outcomes) and still have exact reference
 * posteriors, so that NPE's defaults can be checked where the sbibm tasks do not reach.
 *
 * <table>
 *   <caption>The tasks (registered in {@link org.sbi4j.tasks.Tasks}; three observations each)</caption>
 *   <tr><th>name</th><th>class</th><th>θ of interest</th><th>nuisance</th><th>x shape</th><th>reference</th></tr>
 *   <tr><td>realism_counts</td><td>{@link org.sbi4j.tasks.realism.GrowthCounts}</td>
 *       <td>growth_rate, initial_size</td><td>—</td><td>[25]</td><td>2-D grid</td></tr>
 *   <tr><td>realism_oscillation</td><td>{@link org.sbi4j.tasks.realism.DampedOscillation}</td>
 *       <td>frequency, damping</td><td>amp_sin, amp_cos (analytic)</td><td>[1, 100]</td><td>2-D grid</td></tr>
 *   <tr><td>realism_image</td><td>{@link org.sbi4j.tasks.realism.GaussianBlobImage}</td>
 *       <td>flux, size</td><td>—</td><td>[1, 48, 48]</td><td>2-D grid</td></tr>
 *   <tr><td>realism_trials</td><td>{@link org.sbi4j.tasks.realism.RegressionTrials}</td>
 *       <td>intercept, slope, noise</td><td>—</td><td>[40, 2], NaN-padded</td><td>3-D grid</td></tr>
 *   <tr><td>realism_nuisance</td><td>{@link org.sbi4j.tasks.realism.SpectralLine}</td>
 *       <td>centre, width</td><td>amplitude, background, slope (analytic), noise (on the grid)</td>
 *       <td>[64]</td><td>3-D grid</td></tr>
 *   <tr><td>realism_binomial</td><td>{@link org.sbi4j.tasks.realism.DoseResponse}</td>
 *       <td>ed50, slope, guess_rate</td><td>—</td><td>[8], integers 0..20</td><td>3-D grid</td></tr>
 * </table>
 *
 * <p><b>Reference posteriors.</b> Each model's likelihood is tractable
 * ({@link org.sbi4j.tasks.realism.RealismTask#logLikelihood}). Nuisance coefficients that enter
 * linearly with a Gaussian prior are integrated out in closed form
 * ({@link org.sbi4j.tasks.realism.LinearGaussianMarginal}); the remaining 2 or 3 coordinates are
 * tabulated by {@link org.sbi4j.tasks.realism.GridPosterior}, which samples exactly by rejection
 * from a grid envelope. The 10,000 reference samples per observation are computed on demand
 * (0.3–6 s each on two cores), the same draws every time (seed 2,000,000 + k); none are stored.
 * The tests check them three ways: simulation-based calibration of every reference sampler on
 * prior-predictive pairs; for counts, oscillation and nuisance, agreement with long adaptive
 * Metropolis chains ({@link org.sbi4j.tasks.mcmc.Metropolis}, burn-in 20,000, thinning 40) on
 * the joint posterior of all parameters (means within 0.1 sd, sds within 10 %; C2ST ≤ 0.55
 * on counts); and the closed-form marginals against numerical integrals.
 *
 * <p><b>Observations</b> are resources under {@code /realism/<name>/obs<k>/}, written by
 * {@link org.sbi4j.tasks.realism.RealismObservations} from fixed true parameters and seed
 * 3,000,000 + k.
 *
 * <p><b>Reference columns.</b> {@link org.sbi4j.tasks.realism.RealismTask#referenceSamples}
 * holds the parameters of interest only ({@code prior().interestNames()}), which is what NPE on
 * a prior with declared nuisance parameters learns.
 */
package org.sbi4j.tasks.realism;
