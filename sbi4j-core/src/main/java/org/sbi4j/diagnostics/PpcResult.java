package org.sbi4j.diagnostics;

import java.util.List;

/**
 * Result of a posterior predictive check. Immutable (arrays are copied in and out).
 *
 * @param names     names of the x dimensions
 * @param quantiles per dimension, the share of predictive draws below the observation (ties
 *                  count half): ½ is typical, values near 0 or 1 mean the model cannot
 *                  reproduce that feature of the data
 * @param level     central mass of the acceptance interval, e.g. 0.99
 * @param flagged   indices of dimensions whose quantile lies outside the central interval
 * @param verdict   the finding in plain words
 * @param failed    predictive simulations that failed (left out of the check)
 * @param nuisances how nuisance parameters were drawn ("joint posterior", "prior"), or null
 *                  when the model has none
 */
public record PpcResult(List<String> names, double[] quantiles, double level, int[] flagged,
                        String verdict, int failed, String nuisances) {

    public PpcResult {
        names = List.copyOf(names);
        quantiles = quantiles.clone();
        flagged = flagged.clone();
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public int[] flagged() {
        return flagged.clone();
    }

    /** True if no dimension is flagged. */
    public boolean passed() {
        return flagged.length == 0;
    }
}
