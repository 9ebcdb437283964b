package org.sbi4j.plot;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.diagnostics.CurvedConstraint;
import org.sbi4j.tensor.Matrix;

/**
 * The curved ridge of an identifiability report: posterior samples of the two coordinates the
 * constraint involves most (in the report's space, e.g. log A), and the curve g = value on which
 * the data leave the posterior free, with the other coordinates at their posterior means.
 */
public final class RidgePlot {

    private static final int GRID = 160;
    private static final int MAX_POINTS = 3000;

    private RidgePlot() {
    }

    /**
     * @param samples posterior samples in the original parameters (n × d)
     * @param names   the original parameter names
     * @param ridge   the report's curved constraint
     */
    public static Figure of(Matrix samples, List<String> names, CurvedConstraint ridge,
                            String title) {
        int d = names.size();
        if (samples.cols() != d || ridge.names().size() != d) {
            throw new IllegalArgumentException("samples have " + samples.cols() + " columns, "
                    + d + " names, the ridge " + ridge.names().size() + " coordinates");
        }
        int n = samples.rows();
        double[][] u = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = samples.get(i, j);
                u[i][j] = ridge.names().get(j).equals(names.get(j)) ? v : Math.log(v);
                mean[j] += u[i][j] / n;
            }
        }
        int[] ab = mostInvolved(ridge, u, mean);
        int a = ab[0];
        int b = ab[1];
        double[] rx = range(u, a);
        double[] ry = range(u, b);
        XYChart c = Charts.xy(560, 480, title, ridge.names().get(a), ridge.names().get(b));
        int step = Math.max(1, n / MAX_POINTS);
        int m = (n + step - 1) / step;
        double[] px = new double[m];
        double[] py = new double[m];
        for (int i = 0, k = 0; i < n; i += step, k++) {
            px[k] = u[i][a];
            py[k] = u[i][b];
        }
        XYSeries pts = c.addSeries("posterior samples", px, py);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(SeriesMarkers.CIRCLE);
        pts.setMarkerColor(new Color(31, 119, 180, 70));
        double[] xs = new double[GRID];
        double[] ys = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            xs[i] = rx[0] + (rx[1] - rx[0]) * i / (GRID - 1);
            ys[i] = ry[0] + (ry[1] - ry[0]) * i / (GRID - 1);
        }
        double[][] z = new double[GRID][GRID];
        double[] at = mean.clone();
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                at[a] = xs[i];
                at[b] = ys[j];
                z[j][i] = ridge.valueAt(at);
            }
        }
        String label = ridge.combination() + " = " + String.format(java.util.Locale.ROOT,
                "%.3g", ridge.value());
        int line = 0;
        for (Polyline p : Contours.of(DensityGrid.of(xs, ys, z), ridge.value())) {
            XYSeries s = Charts.line(c, line == 0 ? label : "ridge " + line, p.x(), p.y(),
                    Charts.TRUTH, false);
            s.setShowInLegend(line++ == 0);
        }
        c.getStyler().setXAxisMin(rx[0]).setXAxisMax(rx[1]).setYAxisMin(ry[0])
                .setYAxisMax(ry[1]).setMarkerSize(3);
        return Figure.of(c);
    }

    /** The two coordinates carrying the largest share of g's spread over the samples. */
    private static int[] mostInvolved(CurvedConstraint ridge, double[][] u, double[] mean) {
        int d = mean.length;
        double[] sd = new double[d];
        for (double[] row : u) {
            for (int j = 0; j < d; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / u.length;
            }
        }
        double[] weight = new double[d];
        double[] c = ridge.coefficients();
        for (int j = 0; j < d; j++) {
            weight[j] += Math.abs(c[j]) * Math.sqrt(sd[j]);
        }
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double w = Math.abs(c[o++]) * Math.sqrt(sd[j] * sd[k]);
                weight[j] += w;
                weight[k] += w;
            }
        }
        int first = 0;
        for (int j = 1; j < d; j++) {
            first = weight[j] > weight[first] ? j : first;
        }
        int second = first == 0 ? 1 : 0;
        for (int j = 0; j < d; j++) {
            second = j != first && weight[j] > weight[second] ? j : second;
        }
        return first < second ? new int[] {first, second} : new int[] {second, first};
    }

    private static double[] range(double[][] u, int j) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : u) {
            lo = Math.min(lo, row[j]);
            hi = Math.max(hi, row[j]);
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        return new double[] {lo - pad, hi + pad};
    }
}
