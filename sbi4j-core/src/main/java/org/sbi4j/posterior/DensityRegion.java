package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A highest-density region of one parameter's marginal: the union of disjoint intervals where
 * the marginal density is above the threshold that leaves {@code level} of the mass inside.
 * One interval for a unimodal marginal; one per separated mode otherwise.
 *
 * @param parameter the parameter's name
 * @param level     the credibility level, e.g. 0.9
 * @param pieces    the intervals, in increasing order, disjoint
 */
public record DensityRegion(String parameter, double level, List<Interval> pieces) {

    public DensityRegion {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a density region needs at least one interval");
        }
        for (int i = 1; i < pieces.size(); i++) {
            if (!(pieces.get(i).lower() > pieces.get(i - 1).upper())) {
                throw new IllegalArgumentException("intervals of a density region must be "
                        + "disjoint and increasing, got " + pieces);
            }
        }
    }

    /** True if v lies in one of the intervals. */
    public boolean contains(double v) {
        for (Interval p : pieces) {
            if (p.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** Total length of the intervals. */
    public double width() {
        double w = 0;
        for (Interval p : pieces) {
            w += p.width();
        }
        return w;
    }

    /** "[a, b] ∪ [c, d]" with four significant digits. */
    public String text() {
        List<String> parts = new ArrayList<>();
        for (Interval p : pieces) {
            parts.add(String.format(Locale.ROOT, "[%.4g, %.4g]", p.lower(), p.upper()));
        }
        return String.join(" ∪ ", parts);
    }
}
