package org.sbi4j.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Tick-label formatting for XChart axes (package-private).
 *
 * <p>XChart places ticks at multiples of a "nice" step s ∈ {1, 2, 5}·10ᵏ chosen so the labels
 * fit; these formatters only print the tick value without floating-point noise (12 significant
 * digits, trailing zeros stripped). A tick m·s then prints with as many significant digits as
 * m·s needs: at most 3 whenever the axis span is at least about 1 % of its largest |value|
 * (narrower axes inherently need more digits to tell their ticks apart).
 *
 * <p>That holds only while XChart takes its "nice step" path: XChart instead puts ticks on the
 * data's own x values when those (with the axis limits) are equally spaced, e.g. histogram bin
 * edges spanning exactly the axis, or epochs 1…n. The charts of this package therefore never
 * give XChart such a grid (see {@link Charts#histogram} and {@link LossPlot}). XChart also draws
 * no ticks at all when the formatter prints the axis minimum and maximum alike, which
 * {@link #integerLabel} does for two non-integer limits.
 */
final class Ticks {

    private static final MathContext CLEAN = new MathContext(12);

    private Ticks() {
    }

    /** The value printed plainly, floating-point noise removed ("0.30000000000000004" → "0.3"). */
    static String label(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        if (v == 0.0) {
            return "0";
        }
        String s = new BigDecimal(v).round(CLEAN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Integer ticks only (epochs, counts): a label for whole numbers, "" (no label) otherwise. */
    static String integerLabel(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9 * Math.max(1, Math.abs(v)) ? label(r) : "";
    }
}
