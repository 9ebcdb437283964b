package org.sbi4j.tasks.realism;

import java.util.List;

/**
 * The realism suite: models that look like real science, each with a tractable likelihood and
 * an exact reference posterior (see {@link RealismTask}).
 *
 * <table>
 *   <caption>The tasks</caption>
 *   <tr><th>name</th><th>θ (nuisance)</th><th>x shape</th><th>what it tests</th></tr>
 *   <tr><td>realism_counts</td><td>growth_rate, initial_size</td><td>[25]</td>
 *       <td>Poisson counts from 0 to 10⁴–10⁶ in one x; a one-sided prior</td></tr>
 *   <tr><td>realism_oscillation</td><td>frequency, damping (amp_sin, amp_cos)</td><td>[1, 100]</td>
 *       <td>a long noisy series; amplitude and phase marginalised</td></tr>
 *   <tr><td>realism_image</td><td>flux, size</td><td>[1, 48, 48]</td><td>an image</td></tr>
 *   <tr><td>realism_trials</td><td>intercept, slope, noise</td><td>[40, 2]</td>
 *       <td>sets of 5–40 i.i.d. trials, NaN-padded</td></tr>
 *   <tr><td>realism_nuisance</td><td>centre, width (amplitude, background, slope, noise)</td>
 *       <td>[64]</td><td>four nuisance parameters, one of them non-linear</td></tr>
 *   <tr><td>realism_binomial</td><td>ed50, slope, guess_rate</td><td>[8]</td>
 *       <td>discrete (binomial) outcomes</td></tr>
 * </table>
 */
public final class RealismTasks {

    private RealismTasks() {
    }

    /** The definitions, in the order of the table above. */
    public static List<RealismTask.Definition> definitions() {
        return List.of(GrowthCounts.definition(), DampedOscillation.definition(),
                GaussianBlobImage.definition(), RegressionTrials.definition(),
                SpectralLine.definition(), DoseResponse.definition());
    }

    /** The task names, in the order of the table above. */
    public static List<String> names() {
        return definitions().stream().map(RealismTask.Definition::name).toList();
    }

    /**
     * The task with the given name.
     *
     * @throws IllegalArgumentException naming the unknown task and the known ones
     */
    public static RealismTask byName(String name) {
        for (RealismTask.Definition d : definitions()) {
            if (d.name().equals(name)) {
                return RealismTask.of(d);
            }
        }
        throw new IllegalArgumentException("unknown realism task '" + name + "'; known: " + names());
    }
}
