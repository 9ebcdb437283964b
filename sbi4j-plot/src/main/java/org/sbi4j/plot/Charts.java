package org.sbi4j.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Shared XChart styling and small series helpers (package-private). */
final class Charts {

    static final Color DATA = new Color(31, 119, 180);
    static final Color DATA_FILL = new Color(31, 119, 180, 150);
    static final Color TRUTH = new Color(214, 39, 40);
    static final Color BAND = new Color(120, 120, 120);
    static final Color BAND_FILL = new Color(160, 160, 160, 70);

    private Charts() {
    }

    /**
     * An XY chart with white background, readable fonts and the given titles; tick labels
     * printed by {@link Ticks#label}, the legend (if shown) inside the plot at the top left.
     */
    static XYChart xy(int width, int height, String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderColor(Color.DARK_GRAY);
        c.getStyler().setAxisTicksLineVisible(false);
        s.setLegendBorderColor(Color.GRAY);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        s.setLegendPadding(6);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Ticks::label);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::label);
        return c;
    }

    /** A plain line series without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color,
                         boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        return s;
    }

    /**
     * A histogram drawn as a filled step outline: edges e₀ … e_B, heights h₀ … h_{B−1}.
     *
     * <p>The outline also passes through the midpoint of the first bar's top, a point on a
     * straight edge that changes nothing drawn: without it the outline's x values would be the
     * equally spaced edges, and XChart would then put the ticks on the bin edges (unrounded
     * values such as 1.3443) instead of on nice multiples (see {@link Ticks}).
     */
    static XYSeries histogram(XYChart c, String name, double[] edges, double[] heights,
                              Color fill) {
        int b = heights.length;
        double[] x = new double[2 * b + 3];
        double[] y = new double[2 * b + 3];
        int i = 0;
        x[i++] = edges[0];
        for (int k = 0; k < b; k++) {
            x[i] = edges[k];
            y[i++] = heights[k];
            if (k == 0) {
                x[i] = 0.5 * (edges[0] + edges[1]);
                y[i++] = heights[0];
            }
            x[i] = edges[k + 1];
            y[i++] = heights[k];
        }
        x[i] = edges[b];
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(fill);
        s.setLineColor(fill.darker());
        return s;
    }
}
