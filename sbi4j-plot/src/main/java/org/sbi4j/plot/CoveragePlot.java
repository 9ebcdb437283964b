package org.sbi4j.plot;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sbi4j.diagnostics.CoverageResult;

/**
 * Expected-coverage curve: empirical coverage against credibility level, the diagonal of a
 * calibrated posterior, and the result's (Clopper–Pearson, Bonferroni) band as a grey area.
 * A curve below the diagonal means over-confident, above means under-confident.
 *
 * <p>The legend (one entry per curve, naming its band's simultaneous level) sits inside the
 * plot at the top left, the corner an over-confident curve leaves empty.
 */
public final class CoveragePlot {

    private static final Color[] COLORS = {Charts.DATA, new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(148, 103, 189)};

    private CoveragePlot() {
    }

    /** One chart (560×520) with every curve given (e.g. HPD and TARP). */
    public static Figure of(String title, CoverageResult... curves) {
        if (curves.length == 0) {
            throw new IllegalArgumentException("no coverage curves given");
        }
        XYChart c = Charts.xy(560, 520, title, "credibility level", "empirical coverage");
        Charts.line(c, "calibrated", new double[] {0, 1}, new double[] {0, 1},
                Color.BLACK, true);
        for (int i = 0; i < curves.length; i++) {
            CoverageResult r = curves[i];
            Color col = COLORS[i % COLORS.length];
            double[] lv = r.levels();
            double[] lo = r.lower();
            double[] hi = r.upper();
            int k = lv.length;
            double[] px = new double[2 * k];
            double[] py = new double[2 * k];
            for (int j = 0; j < k; j++) {
                px[j] = lv[j];
                py[j] = hi[j];
                px[2 * k - 1 - j] = lv[j];
                py[2 * k - 1 - j] = lo[j];
            }
            XYSeries band = c.addSeries(r.method() + " band", px, py);
            band.setShowInLegend(false);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 50));
            band.setLineColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 50));
            XYSeries s = c.addSeries(r.method() + " (N = " + r.pairs() + "), "
                    + percent(1 - r.alpha()) + " band", lv, r.coverage());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(col);
            s.setMarkerColor(col);
        }
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setMarkerSize(6);
        return Figure.of(c);
    }

    private static String percent(double p) {
        return new java.math.BigDecimal(100 * p).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() + "%";
    }
}
