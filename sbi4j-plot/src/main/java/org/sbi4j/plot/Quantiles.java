package org.sbi4j.plot;

import java.util.Arrays;

/**
 * Sample quantiles and the axis ranges built from them (package-private).
 *
 * <p>The quantile of probability p is the linear interpolation between order statistics
 * (Hyndman &amp; Fan 1996, type 7): with sorted x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ and h = p·(n − 1),
 * q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
final class Quantiles {

    /** The lower and upper probability of a plotted range: 0.5 % and 99.5 %. */
    static final double LOW = 0.005;
    static final double HIGH = 0.995;

    private Quantiles() {
    }

    /** The type-7 quantile of an ascending-sorted, non-empty array. */
    static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("need a non-empty sample and p in [0, 1]; got "
                    + sorted.length + " values and p = " + p);
        }
        double h = p * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The plotted range of a sample: [q(0.5 %), q(99.5 %)] over its finite values, widened to
     * include {@code truth} (unless NaN) with a margin of 5 % of the span on that side; a
     * constant sample gets the unit range around its value.
     */
    static double[] range(double[] v, double truth) {
        double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) {
            throw new IllegalArgumentException("no finite values among " + v.length);
        }
        double lo = ofSorted(s, LOW);
        double hi = ofSorted(s, HIGH);
        if (!(hi > lo)) {
            return new double[] {lo - 0.5, lo + 0.5};
        }
        double margin = 0.05 * (hi - lo);
        if (Double.isFinite(truth) && truth < lo) {
            lo = truth - margin;
        }
        if (Double.isFinite(truth) && truth > hi) {
            hi = truth + margin;
        }
        return new double[] {lo, hi};
    }
}
