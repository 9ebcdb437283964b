package org.sbi4j.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.tensor.Matrix;

/**
 * Corner plot of posterior samples (Foreman-Mackey 2016, "corner.py"): a D×D lower-triangular
 * grid with the 1-D marginal histogram of θⱼ on the diagonal and the 2-D scatter of (θⱼ, θᵢ)
 * below it, the true value (if given) marked by red lines, parameter names on the axes.
 *
 * <p>Each parameter's axis range is its 0.1 %–99.9 % sample quantile range, widened to include
 * the true value and padded by 5 %, and is shared by every panel showing that parameter. At
 * most {@code maxPoints} samples are drawn in the scatters (an evenly strided subset).
 */
public final class CornerPlot {

    /** Default panel size in pixels. */
    public static final int PANEL = 260;

    private CornerPlot() {
    }

    /** A corner plot with 30 bins, at most 3000 scatter points and 260-pixel panels. */
    public static Figure of(Matrix samples, List<String> names, double[] truth, String title) {
        return of(samples, names, truth, title, 30, 3000, PANEL);
    }

    /**
     * @param samples   n×D samples
     * @param names     D parameter names
     * @param truth     D true values, or null
     * @param title     figure title
     * @param bins      histogram bins
     * @param maxPoints scatter points per panel at most
     * @param panel     panel size in pixels
     */
    public static Figure of(Matrix samples, List<String> names, double[] truth, String title,
                            int bins, int maxPoints, int panel) {
        int d = samples.cols();
        if (names.size() != d || (truth != null && truth.length != d)) {
            throw new IllegalArgumentException("samples have " + d + " columns but " + names.size()
                    + " names" + (truth == null ? "" : " and " + truth.length + " true values"));
        }
        if (samples.rows() < 2 || bins < 1 || maxPoints < 1) {
            throw new IllegalArgumentException("need >= 2 samples, bins >= 1, maxPoints >= 1; got "
                    + samples.rows() + ", " + bins + ", " + maxPoints);
        }
        double[][] range = new double[d][];
        double[][] cols = new double[d][];
        for (int j = 0; j < d; j++) {
            cols[j] = column(samples, j);
            range[j] = range(cols[j], truth == null ? Double.NaN : truth[j]);
        }
        List<IChart> panels = new ArrayList<>();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if (c > r) {
                    panels.add(null);
                } else if (c == r) {
                    panels.add(marginal(cols[r], names.get(r), range[r], bins,
                            truth == null ? Double.NaN : truth[r], panel));
                } else {
                    panels.add(scatter(cols[c], cols[r], names.get(c), names.get(r), range[c],
                            range[r], truth == null ? null : new double[] {truth[c], truth[r]},
                            maxPoints, panel));
                }
            }
        }
        return Figure.grid(panels, d, d, panel, panel, title);
    }

    private static XYChart marginal(double[] v, String name, double[] range, int bins,
                                    double truth, int size) {
        XYChart c = Charts.xy(size, size, name, name, "count");
        c.getStyler().setLegendVisible(false);
        double[] edges = new double[bins + 1];
        double w = (range[1] - range[0]) / bins;
        for (int k = 0; k <= bins; k++) {
            edges[k] = range[0] + k * w;
        }
        double[] h = new double[bins];
        double max = 0;
        for (double x : v) {
            int k = (int) Math.floor((x - range[0]) / w);
            if (k >= 0 && k < bins) {
                max = Math.max(max, ++h[k]);
            }
        }
        Charts.histogram(c, "samples", edges, h, Charts.DATA_FILL);
        if (!Double.isNaN(truth)) {
            Charts.line(c, "true value", new double[] {truth, truth}, new double[] {0, max},
                    Charts.TRUTH, false);
        }
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(0.0);
        return c;
    }

    private static XYChart scatter(double[] x, double[] y, String xName, String yName,
                                   double[] xr, double[] yr, double[] truth, int maxPoints,
                                   int size) {
        XYChart c = Charts.xy(size, size, "", xName, yName);
        c.getStyler().setChartTitleVisible(false).setLegendVisible(false).setMarkerSize(3);
        int stride = Math.max(1, (x.length + maxPoints - 1) / maxPoints);
        int n = (x.length + stride - 1) / stride;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[i * stride];
            ys[i] = y[i * stride];
        }
        XYSeries s = c.addSeries("samples", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new java.awt.Color(31, 119, 180, 60));
        if (truth != null) {
            // corner.py style: red cross-hair lines through the true value
            Charts.line(c, "true " + xName, new double[] {truth[0], truth[0]},
                    new double[] {yr[0], yr[1]}, Charts.TRUTH, false);
            Charts.line(c, "true " + yName, new double[] {xr[0], xr[1]},
                    new double[] {truth[1], truth[1]}, Charts.TRUTH, false);
        }
        c.getStyler().setXAxisMin(xr[0]).setXAxisMax(xr[1]).setYAxisMin(yr[0])
                .setYAxisMax(yr[1]);
        return c;
    }

    private static double[] column(Matrix m, int j) {
        double[] v = new double[m.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, j);
        }
        return v;
    }

    /** [q0.001, q0.999] ∪ truth, padded by 5 % (a unit range around a constant column). */
    static double[] range(double[] v, double truth) {
        double[] s = v.clone();
        Arrays.sort(s);
        double lo = s[(int) Math.floor(0.001 * (s.length - 1))];
        double hi = s[(int) Math.ceil(0.999 * (s.length - 1))];
        if (!Double.isNaN(truth)) {
            lo = Math.min(lo, truth);
            hi = Math.max(hi, truth);
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
        return new double[] {lo - pad, hi + pad};
    }
}
