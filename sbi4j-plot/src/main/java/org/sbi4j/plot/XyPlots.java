package org.sbi4j.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plain XY charts with XChart's default style: a curve y(x), and points with error bars
 * against the diagonal y = x (e.g. posterior means against true values).
 */
public final class XyPlots {

    /** Chart title and axis labels. */
    public record Labels(String title, String x, String y) {
    }

    /**
     * Points (x_i, y_i) with error bars ± err_i, called {@code name} in the legend.
     */
    public record Points(String name, double[] x, double[] y, double[] err) {
        /** Checks that there is at least one point and as many values of each kind. */
        public Points {
            if (x.length != y.length || x.length != err.length || x.length == 0) {
                throw new IllegalArgumentException("need as many x, y and error values (at"
                        + " least one), got " + x.length + ", " + y.length + " and " + err.length);
            }
        }
    }

    private XyPlots() {
    }

    /** A panel with one curve (no markers, no legend), for a {@link Figure#grid} or alone. */
    public static XYChart curve(Labels labels, double[] x, double[] y, int width, int height) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need as many x as y values (at least one), got "
                    + x.length + " and " + y.length);
        }
        XYChart c = chart(labels, width, height);
        c.getStyler().setLegendVisible(false);
        c.addSeries(labels.y(), x, y).setMarker(SeriesMarkers.NONE);
        return c;
    }

    /** 560 × 480: the points and the line y = x from {@code lo} to {@code hi}. */
    public static Figure againstDiagonal(Labels labels, Points points, double lo, double hi) {
        XYChart c = chart(labels, 560, 480);
        XYSeries pts = c.addSeries(points.name(), points.x(), points.y(), points.err());
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries diag = c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setMarker(SeriesMarkers.NONE);
        return Figure.of(c);
    }

    private static XYChart chart(Labels labels, int width, int height) {
        return new XYChartBuilder().width(width).height(height).title(labels.title())
                .xAxisTitle(labels.x()).yAxisTitle(labels.y()).build();
    }
}
