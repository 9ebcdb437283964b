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

    /** An XY chart with white background, readable fonts and the given titles. */
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
     */
    static XYSeries histogram(XYChart c, String name, double[] edges, double[] heights,
                              Color fill) {
        int b = heights.length;
        double[] x = new double[2 * b + 2];
        double[] y = new double[2 * b + 2];
        x[0] = edges[0];
        for (int k = 0; k < b; k++) {
            x[2 * k + 1] = edges[k];
            y[2 * k + 1] = heights[k];
            x[2 * k + 2] = edges[k + 1];
            y[2 * k + 2] = heights[k];
        }
        x[2 * b + 1] = edges[b];
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(fill);
        s.setLineColor(fill.darker());
        return s;
    }
}
