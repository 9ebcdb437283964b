/**
 * Diagnostics of a trained posterior: pure functions returning immutable result records that
 * carry a verdict in plain words.
 *
 * <p>The posterior enters through two functional interfaces, {@link
 * org.sbi4j.diagnostics.PosteriorSampler} and {@link org.sbi4j.diagnostics.PosteriorDensity},
 * so any posterior (or an exact one in a test) plugs in with a lambda.
 * <ul>
 * <li>Calibration: {@link org.sbi4j.diagnostics.Sbc} (simulation-based calibration ranks and
 *     uniformity tests that name the failure shape), {@link org.sbi4j.diagnostics.Coverage}
 *     (expected coverage of highest-density regions) and {@link org.sbi4j.diagnostics.Tarp}
 *     (random-point coverage), all from one run of posterior draws ({@link
 *     org.sbi4j.diagnostics.SbcRanks}).</li>
 * <li>Accuracy: {@link org.sbi4j.diagnostics.C2st}, the classifier two-sample test as sbibm
 *     computes it.</li>
 * <li>Fit to the data: {@link org.sbi4j.diagnostics.Ppc} (posterior predictive check) and
 *     {@link org.sbi4j.posterior.Misspecification} (is x_o inside the training
 *     distribution; it lives in posterior so that sampling can warn).</li>
 * <li>Identifiability: {@link org.sbi4j.diagnostics.Identifiability} (which parameter
 *     combinations the data constrain).</li>
 * </ul>
 * Every random draw comes from a {@code UniformRandomProvider} argument; false-alarm rates are
 * arguments too and are stated in the verdicts.
 */
package org.sbi4j.diagnostics;
