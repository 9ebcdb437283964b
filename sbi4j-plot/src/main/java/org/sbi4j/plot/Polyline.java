package org.sbi4j.plot;

/**
 * A contour line: points (xᵢ, yᵢ) in data coordinates, in drawing order. A closed line repeats
 * its first point at the end; an open one starts and ends on the border of the grid it was
 * traced on.
 *
 * @param x      x coordinates (length ≥ 2)
 * @param y      y coordinates (same length)
 * @param closed whether the line is a closed loop
 */
record Polyline(double[] x, double[] y, boolean closed) {

    Polyline {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a polyline needs >= 2 points with as many x as y;"
                    + " got " + x.length + " x and " + y.length + " y");
        }
        x = x.clone();
        y = y.clone();
    }

    /** Number of points (a closed line counts its repeated first point). */
    int size() {
        return x.length;
    }

    /**
     * Whether (px, py) lies inside this closed line (even–odd ray casting); false for an open
     * line.
     */
    boolean contains(double px, double py) {
        if (!closed) {
            return false;
        }
        boolean in = false;
        for (int i = 0, j = x.length - 1; i < x.length; j = i++) {
            if ((y[i] > py) != (y[j] > py)
                    && px < x[j] + (py - y[j]) * (x[i] - x[j]) / (y[i] - y[j])) {
                in = !in;
            }
        }
        return in;
    }
}
