package org.sbi4j.diagnostics;

import java.util.List;

/**
 * Result of simulation-based calibration: one uniformity test per parameter and for the joint
 * log-density, tested at family-wise false-alarm rate {@code alpha} (Bonferroni over the tests).
 *
 * @param ranks      the ranks the tests were run on (for plots)
 * @param names      parameter names, in θ order
 * @param alpha      family-wise false-alarm rate: the chance that a calibrated posterior is
 *                   called miscalibrated
 * @param parameters one test per parameter
 * @param joint      the joint log-density test, or null when no density was given
 * @param verdict    the findings in plain words
 */
public record SbcResult(SbcRanks ranks, List<String> names, double alpha, List<RankCheck> parameters,
                        RankCheck joint, String verdict) {

    public SbcResult {
        names = List.copyOf(names);
        parameters = List.copyOf(parameters);
    }

    /** True if no test rejects uniformity. */
    public boolean calibrated() {
        return parameters.stream().noneMatch(RankCheck::rejected)
                && (joint == null || !joint.rejected());
    }

    /** The test of the named parameter. */
    public RankCheck parameter(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no parameter named '" + name + "' in " + names);
        }
        return parameters.get(j);
    }
}
