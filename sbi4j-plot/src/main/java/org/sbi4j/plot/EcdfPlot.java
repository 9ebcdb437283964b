package org.sbi4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.diagnostics.EcdfBands;

/**
 * SBC rank ECDFs with their simultaneous bands (Säilynoja et al. 2022), drawn as the difference
 * ECDF − uniform CDF so that a calibrated posterior stays near zero: one panel per parameter
 * (and the joint log-density), the grey area the band that holds the whole curve with
 * probability 1 − α. A curve below the band in the lower half and above it in the upper half
 * (an S the other way round) means over-confidence; leaving it on one side means a bias.
 */
public final class EcdfPlot {

    private EcdfPlot() {
    }

    /** Panels of 360×280, three per row. */
    public static Figure of(List<EcdfBands.Result> results, String title) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no ECDF results to plot");
        }
        List<IChart> panels = new ArrayList<>();
        for (EcdfBands.Result r : results) {
            panels.add(panel(r));
        }
        int c = Math.min(3, panels.size());
        int rows = (panels.size() + c - 1) / c;
        while (panels.size() < rows * c) {
            panels.add(null);
        }
        return Figure.grid(panels, rows, c, 360, 280, title);
    }

    private static XYChart panel(EcdfBands.Result r) {
        XYChart c = Charts.xy(360, 280, r.name() + (r.inside() ? " (inside)" : " (OUTSIDE)"),
                "fractional rank", "ECDF − uniform");
        double[] p = r.levels();
        int k = p.length;
        double[] px = new double[2 * k];
        double[] py = new double[2 * k];
        double[] diff = new double[k];
        for (int j = 0; j < k; j++) {
            px[j] = p[j];
            py[j] = r.upper()[j] - p[j];
            px[2 * k - 1 - j] = p[j];
            py[2 * k - 1 - j] = r.lower()[j] - p[j];
            diff[j] = r.ecdf()[j] - p[j];
        }
        XYSeries band = c.addSeries("band", px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(Charts.BAND_FILL);
        band.setLineColor(Charts.BAND_FILL);
        Charts.line(c, "zero", new double[] {0, 1}, new double[] {0, 0}, Charts.BAND, true);
        Charts.line(c, "ECDF", p, diff, r.inside() ? Charts.DATA : Charts.TRUTH, false);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setLegendVisible(false);
        return c;
    }
}
