package org.sbi4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.tensor.Matrix;

/**
 * Corner plot of posterior samples (Foreman-Mackey 2016, "corner.py"): a D×D lower-triangular
 * grid with the 1-D marginal histogram of θⱼ on the diagonal and density contours of (θⱼ, θᵢ)
 * below it, the true value (if given) marked by red lines, parameter names on the axes.
 *
 * <p>Each parameter's axis range is its 0.5 %–99.5 % sample quantile range (see {@link
 * Quantiles#range}: widened to include the true value), shared by every panel showing that
 * parameter, so a few outlying samples cannot squeeze the bulk of the posterior into a few
 * bins. The histogram's bins span exactly that range.
 *
 * <p>The contours are those of a binned Gaussian kernel density estimate ({@link
 * DensityGrid#smoothedHistogram}, σ = 1 grid cell) at the levels whose superlevel sets hold the
 * given shares of the samples ({@link DensityGrid#levelEnclosing}), by default 1 − e^{−1/2} ≈ 39.3 % and 1 − e^{−2} ≈ 86.5 % (the 1σ and 2σ ellipses of
 * a 2-D Gaussian), traced by marching squares ({@link Contours}); darker lines enclose less.
 */
public final class CornerPlot {

    /** Default panel size in pixels. */
    public static final int PANEL = 260;

    /** The 1σ and 2σ masses of a 2-D Gaussian: 1 − e^{−1/2} and 1 − e^{−2}. */
    public static final List<Double> SIGMA_MASSES = List.of(1 - Math.exp(-0.5), 1 - Math.exp(-2));

    /**
     * How a corner plot is drawn.
     *
     * @param bins          histogram bins on the diagonal (≥ 1)
     * @param gridCells     density-grid cells per axis of an off-diagonal panel (≥ 4), or 0 for
     *                      ⌊√n / 2⌋ clamped to 20…60 for n samples
     * @param contourMasses shares of the mass enclosed by the contour lines, each in (0, 1)
     * @param panel         panel size in pixels (≥ 100)
     */
    public record Settings(int bins, int gridCells, List<Double> contourMasses, int panel) {

        /** 30 bins, automatic grid, the 1σ and 2σ contours, 260-pixel panels. */
        public static final Settings DEFAULTS = new Settings(30, 0, SIGMA_MASSES, PANEL);

        public Settings {
            contourMasses = List.copyOf(contourMasses);
            if (bins < 1 || (gridCells != 0 && gridCells < 4) || panel < 100
                    || contourMasses.stream().anyMatch(m -> !(m > 0 && m < 1))) {
                throw new IllegalArgumentException("need bins >= 1, gridCells 0 or >= 4, panel >="
                        + " 100 and contour masses in (0, 1); got " + bins + ", " + gridCells
                        + ", " + panel + ", " + contourMasses);
            }
        }
    }

    private static final Color[] CONTOUR = {new Color(8, 48, 107), new Color(66, 146, 198),
        new Color(158, 202, 225)};

    private CornerPlot() {
    }

    /** A corner plot with the {@link Settings#DEFAULTS}. */
    public static Figure of(Matrix samples, List<String> names, double[] truth, String title) {
        return of(samples, names, truth, title, Settings.DEFAULTS);
    }

    /**
     * @param samples n×D samples (n ≥ 2)
     * @param names   D parameter names
     * @param truth   D true values, or null
     * @param title   figure title
     */
    public static Figure of(Matrix samples, List<String> names, double[] truth, String title,
                            Settings settings) {
        int d = samples.cols();
        if (names.size() != d || (truth != null && truth.length != d)) {
            throw new IllegalArgumentException("samples have " + d + " columns but " + names.size()
                    + " names" + (truth == null ? "" : " and " + truth.length + " true values"));
        }
        if (samples.rows() < 2) {
            throw new IllegalArgumentException("need >= 2 samples; got " + samples.rows());
        }
        double[][] range = new double[d][];
        double[][] cols = new double[d][];
        for (int j = 0; j < d; j++) {
            cols[j] = column(samples, j);
            range[j] = Quantiles.range(cols[j], truth == null ? Double.NaN : truth[j]);
        }
        int cells = settings.gridCells() > 0 ? settings.gridCells()
                : Math.clamp((int) Math.sqrt(samples.rows()) / 2, 20, 60);
        List<IChart> panels = new ArrayList<>();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if (c > r) {
                    panels.add(null);
                } else if (c == r) {
                    panels.add(marginal(cols[r], names.get(r), range[r], settings.bins(),
                            truth == null ? Double.NaN : truth[r], settings.panel()));
                } else {
                    Axis x = new Axis(names.get(c), cols[c], range[c],
                            truth == null ? Double.NaN : truth[c]);
                    Axis y = new Axis(names.get(r), cols[r], range[r],
                            truth == null ? Double.NaN : truth[r]);
                    panels.add(contours(x, y, cells, settings));
                }
            }
        }
        return Figure.grid(panels, d, d, settings.panel(), settings.panel(), title);
    }

    /** One parameter of an off-diagonal panel: name, samples, plotted range, true value. */
    private record Axis(String name, double[] v, double[] range, double truth) {
    }

    private static XYChart marginal(double[] v, String name, double[] range, int bins,
                                    double truth, int size) {
        XYChart c = Charts.xy(size, size, name, name, "count");
        c.getStyler().setLegendVisible(false);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::integerLabel);
        double[] edges = new double[bins + 1];
        double w = (range[1] - range[0]) / bins;
        for (int k = 0; k <= bins; k++) {
            edges[k] = range[0] + k * w;
        }
        edges[bins] = range[1];
        double[] h = histogram(v, range, bins);
        double max = 0;
        for (double x : h) {
            max = Math.max(max, x);
        }
        Charts.histogram(c, "samples", edges, h, Charts.DATA_FILL);
        if (!Double.isNaN(truth)) {
            Charts.line(c, "true value", new double[] {truth, truth},
                    new double[] {0, 1.05 * max}, Charts.TRUTH, false);
        }
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(0.0)
                .setYAxisMax(1.05 * Math.max(max, 1));
        return c;
    }

    /** Counts of v in the bins of equal width spanning range; a value on the top edge is in. */
    static double[] histogram(double[] v, double[] range, int bins) {
        double w = (range[1] - range[0]) / bins;
        double[] h = new double[bins];
        for (double x : v) {
            int k = (int) Math.floor((x - range[0]) / w);
            if (x == range[1]) {
                k = bins - 1;
            }
            if (k >= 0 && k < bins) {
                h[k]++;
            }
        }
        return h;
    }

    private static XYChart contours(Axis x, Axis y, int cells, Settings settings) {
        int size = settings.panel();
        XYChart c = Charts.xy(size, size, "", x.name(), y.name());
        c.getStyler().setChartTitleVisible(false).setLegendVisible(false);
        DensityGrid grid = DensityGrid.smoothedHistogram(x.v(), y.v(), x.range(), y.range(),
                cells, 1.0);
        List<Double> masses = settings.contourMasses().stream().sorted().toList();
        for (int m = 0; m < masses.size(); m++) {
            Color col = CONTOUR[Math.min(m, CONTOUR.length - 1)];
            List<Polyline> lines = Contours.of(grid,
                    grid.levelEnclosing(masses.get(m), x.v(), y.v()));
            for (int k = 0; k < lines.size(); k++) {
                Polyline p = lines.get(k);
                XYSeries s = Charts.line(c, contourName(masses.get(m), k), p.x(), p.y(), col,
                        false);
                s.setLineWidth(m == 0 ? 1.8f : 1.4f);
            }
        }
        if (!Double.isNaN(x.truth()) && !Double.isNaN(y.truth())) {
            // corner.py style: red cross-hair lines through the true value
            Charts.line(c, "true " + x.name(), new double[] {x.truth(), x.truth()},
                    y.range(), Charts.TRUTH, false);
            Charts.line(c, "true " + y.name(), x.range(),
                    new double[] {y.truth(), y.truth()}, Charts.TRUTH, false);
            XYSeries t = c.addSeries("true value", new double[] {x.truth()},
                    new double[] {y.truth()});
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            t.setMarker(SeriesMarkers.SQUARE);
            t.setMarkerColor(Charts.TRUTH);
        }
        c.getStyler().setXAxisMin(x.range()[0]).setXAxisMax(x.range()[1])
                .setYAxisMin(y.range()[0]).setYAxisMax(y.range()[1]).setMarkerSize(7);
        return c;
    }

    /** The series name of the k-th line of the contour enclosing {@code mass}. */
    static String contourName(double mass, int k) {
        return "contour " + Math.round(1000 * mass) / 10.0 + " % #" + (k + 1);
    }

    private static double[] column(Matrix m, int j) {
        double[] v = new double[m.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, j);
        }
        return v;
    }
}
