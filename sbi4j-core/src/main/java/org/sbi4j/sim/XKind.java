package org.sbi4j.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one x is, beyond its shape: the data-driven defaults choose an embedding network from it
 * ({@code x_kind} in job files, {@code --x-kind} on the command line).
 * <ul>
 *   <li>{@link #VECTOR}: a flat vector of summary statistics, shape {D};</li>
 *   <li>{@link #SERIES}: a (multi-channel) series, shape {L} or {C, L} (channel-major);</li>
 *   <li>{@link #IMAGE}: an image, shape {H, W} or {C, H, W};</li>
 *   <li>{@link #SET}: a set of i.i.d. trials, shape {T, D} (trial-major), missing trials as NaN
 *       rows.</li>
 * </ul>
 * Default from the shape ({@link #of}): rank 1 → vector, rank 2 → series (a set when the
 * simulator pads x with NaN), rank 3 → image.
 */
public enum XKind {
    VECTOR, SERIES, IMAGE, SET;

    /** The default kind of x with this shape; {@code nanPadding}: NaN rows pad a set. */
    public static XKind of(int[] xShape, boolean nanPadding) {
        return switch (xShape.length) {
            case 1 -> VECTOR;
            case 2 -> nanPadding ? SET : SERIES;
            case 3 -> IMAGE;
            default -> throw new IllegalArgumentException("x shape " + Arrays.toString(xShape)
                    + " has rank " + xShape.length + "; sbi4j reads ranks 1 ([D]), 2 ([C, L] or"
                    + " a set [T, D]) and 3 ([C, H, W])");
        };
    }

    /** The kind named {@code name} (vector, series, image or set; case ignored). */
    public static XKind parse(String name) {
        for (XKind k : values()) {
            if (k.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown x kind '" + name + "': use vector, series,"
                + " image or set");
    }

    /**
     * Refuses a shape this kind cannot have: a vector of rank 1, a series of rank 1–2, an image
     * of rank 2–3, a set of rank 2.
     */
    public void check(int[] xShape) {
        int r = xShape.length;
        boolean ok = switch (this) {
            case VECTOR -> r == 1;
            case SERIES -> r == 1 || r == 2;
            case IMAGE -> r == 2 || r == 3;
            case SET -> r == 2;
        };
        if (!ok) {
            throw new IllegalArgumentException("x kind " + label() + " does not fit the x shape "
                    + Arrays.toString(xShape) + " (vector: [D]; series: [L] or [C, L]; image:"
                    + " [H, W] or [C, H, W]; set: [T, D])");
        }
    }

    /** The lower-case name used in job files and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
