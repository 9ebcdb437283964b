package org.sbi4j.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contour lines of a gridded function by marching squares (Lorensen &amp; Cline 1987, in its
 * 2-D form), package-private.
 *
 * <p>Each grid cell with corners on both sides of the level (a corner counts as inside when
 * z ≥ level) gets one segment, two at a saddle, between crossing points linearly interpolated
 * along its edges. A saddle is resolved by the cell's mean value: the corners whose side
 * differs from the mean's side are cut off. Segments meeting at an edge crossing are then
 * joined, so every line is either closed or starts and ends on the border of the grid.
 */
final class Contours {

    private Contours() {
    }

    /** The contour lines of {@code grid} at {@code level}; empty if the level is never crossed. */
    static List<Polyline> of(DensityGrid grid, double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("contour level must be finite; got " + level);
        }
        int nx = grid.nx();
        int ny = grid.ny();
        // segment s joins edge crossings ends[2s] and ends[2s+1]
        List<Integer> ends = new ArrayList<>();
        Map<Integer, double[]> points = new HashMap<>();
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                cell(grid, level, i, j, ends, points);
            }
        }
        return join(ends, points);
    }

    /** Edge keys: 2·(j·nx + i) for the edge (i,j)→(i+1,j), +1 for the edge (i,j)→(i,j+1). */
    private static void cell(DensityGrid g, double level, int i, int j, List<Integer> ends,
                             Map<Integer, double[]> points) {
        int nx = g.nx();
        boolean a = g.z(i, j) >= level;          // bottom left
        boolean b = g.z(i + 1, j) >= level;      // bottom right
        boolean c = g.z(i + 1, j + 1) >= level;  // top right
        boolean d = g.z(i, j + 1) >= level;      // top left
        int bottom = 2 * (j * nx + i);
        int top = 2 * ((j + 1) * nx + i);
        int left = 2 * (j * nx + i) + 1;
        int right = 2 * (j * nx + i + 1) + 1;
        List<Integer> crossed = new ArrayList<>(4);
        // in order around the cell: bottom, right, top, left
        if (a != b) {
            crossed.add(bottom);
        }
        if (b != c) {
            crossed.add(right);
        }
        if (c != d) {
            crossed.add(top);
        }
        if (d != a) {
            crossed.add(left);
        }
        for (int e : crossed) {
            points.computeIfAbsent(e, k -> crossing(g, level, k));
        }
        if (crossed.size() == 2) {
            ends.add(crossed.get(0));
            ends.add(crossed.get(1));
        } else if (crossed.size() == 4) {
            boolean centre = 0.25 * (g.z(i, j) + g.z(i + 1, j) + g.z(i + 1, j + 1)
                    + g.z(i, j + 1)) >= level;
            if (a != centre) {
                // cut off a (left–bottom) and c (right–top)
                ends.add(left);
                ends.add(bottom);
                ends.add(right);
                ends.add(top);
            } else {
                // cut off b (bottom–right) and d (top–left)
                ends.add(bottom);
                ends.add(right);
                ends.add(top);
                ends.add(left);
            }
        }
    }

    private static double[] crossing(DensityGrid g, double level, int key) {
        int nx = g.nx();
        int node = key / 2;
        int i = node % nx;
        int j = node / nx;
        int i2 = (key % 2 == 0) ? i + 1 : i;
        int j2 = (key % 2 == 0) ? j : j + 1;
        double z0 = g.z(i, j);
        double z1 = g.z(i2, j2);
        double t = (level - z0) / (z1 - z0);
        return new double[] {g.x(i) + t * (g.x(i2) - g.x(i)), g.y(j) + t * (g.y(j2) - g.y(j))};
    }

    private static List<Polyline> join(List<Integer> ends, Map<Integer, double[]> points) {
        int segments = ends.size() / 2;
        Map<Integer, List<Integer>> byEdge = new HashMap<>();
        for (int k = 0; k < ends.size(); k++) {
            byEdge.computeIfAbsent(ends.get(k), e -> new ArrayList<>(2)).add(k);
        }
        boolean[] used = new boolean[segments];
        List<Polyline> lines = new ArrayList<>();
        // open lines first: start at a crossing that only one segment touches (a border edge)
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < ends.size(); k++) {
                int s = k / 2;
                if (used[s] || (pass == 0 && byEdge.get(ends.get(k)).size() != 1)) {
                    continue;
                }
                lines.add(trace(k, ends, byEdge, used, points));
            }
        }
        return lines;
    }

    /** Follows segments from endpoint index k (its edge is the line's first point). */
    private static Polyline trace(int k, List<Integer> ends, Map<Integer, List<Integer>> byEdge,
                                  boolean[] used, Map<Integer, double[]> points) {
        List<double[]> pts = new ArrayList<>();
        int startEdge = ends.get(k);
        pts.add(points.get(startEdge));
        int at = k;
        boolean closed = false;
        while (true) {
            used[at / 2] = true;
            int other = at ^ 1;
            int edge = ends.get(other);
            pts.add(points.get(edge));
            if (edge == startEdge) {
                closed = true;
                break;
            }
            int next = -1;
            for (int m : byEdge.get(edge)) {
                if (m != other && !used[m / 2]) {
                    next = m;
                }
            }
            if (next < 0) {
                break;
            }
            at = next;
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int p = 0; p < x.length; p++) {
            x[p] = pts.get(p)[0];
            y[p] = pts.get(p)[1];
        }
        return new Polyline(x, y, closed);
    }
}
