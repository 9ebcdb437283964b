package org.sbi4j.diagnostics;

import java.util.List;

/**
 * Which parameter combinations the data constrain, in linear and in log space.
 *
 * @param names     parameter names
 * @param linear    directions in linear space, most constrained first
 * @param log       directions in log space (log of the parameters that are positive in every
 *                  sample), most constrained first; empty when no parameter is positive
 * @param preferred "linear" or "log": the space whose most constrained direction is sharpest
 *                  (smallest sd ratio), in which the verdict is phrased
 * @param threshold sd ratio at or above which a direction counts as not constrained
 * @param verdict   the finding in plain words
 * @param curved    a curved ridge the straight directions miss (a quadratic combination the
 *                  data constrain, such as A + b²), or null when there is none
 */
public record IdentifiabilityReport(List<String> names, List<Direction> linear,
                                    List<Direction> log, String preferred, double threshold,
                                    String verdict, CurvedConstraint curved) {

    public IdentifiabilityReport {
        names = List.copyOf(names);
        linear = List.copyOf(linear);
        log = List.copyOf(log);
    }

    /** The directions of the preferred space. */
    public List<Direction> directions() {
        return "log".equals(preferred) ? log : linear;
    }

    /** Number of directions in the preferred space that the data do not constrain. */
    public int unconstrained() {
        return (int) directions().stream().filter(d -> !d.constrained()).count();
    }
}
