package org.sbi4j.plot;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss per epoch (epochs counted from 1) of one training run or of
 * every member of an ensemble: one colour per member, training solid, validation dashed, each
 * member's best validation epoch marked by a diamond. The y axis is linear.
 *
 * <p>The x axis runs from ½ to the last epoch + 1 and is labelled at whole epochs only, at a
 * nice step (1, 2, 5 × 10ᵏ) XChart chooses so the labels do not touch. The half-epoch margin
 * keeps XChart from labelling every epoch, and the limits have different labels ("" and
 * the last epoch + 1), without which XChart would draw no ticks at all (see {@link Ticks}).
 */
public final class LossPlot {

    private static final Color[] COLORS = {Charts.DATA, new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    /** x of the legend-only keys: outside the axis range, so the plot clips them away. */
    private static final double OFF_PLOT = -1e6;

    private LossPlot() {
    }

    /**
     * One training run.
     *
     * @param train      training loss per epoch (non-empty)
     * @param validation validation loss per epoch, or null
     * @param lossName   y-axis label, e.g. "negative log-likelihood"
     */
    public static Figure of(double[] train, double[] validation, String title, String lossName) {
        return of(List.of(new LossCurves(train, validation)), title, lossName);
    }

    /**
     * Every member's curves in one chart (760×480); with more than one member the series are
     * labelled "member k" (k from 1), and gray keys say which line style is which loss.
     *
     * @param members  one or more members' curves
     * @param lossName y-axis label
     */
    public static Figure of(List<LossCurves> members, String title, String lossName) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no members' loss curves given");
        }
        XYChart c = Charts.xy(760, 480, title, "epoch", lossName);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Ticks::integerLabel);
        c.getStyler().setMarkerSize(9);
        boolean many = members.size() > 1;
        boolean anyValidation = members.stream().anyMatch(m -> m.validation().length > 0);
        LossCurves first = members.get(0);
        if (many && anyValidation) {
            key(c, "training", first.train()[0], false);
            key(c, "validation", first.train()[0], true);
        }
        int maxEpochs = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < members.size(); k++) {
            LossCurves m = members.get(k);
            Color col = many ? COLORS[k % COLORS.length] : Charts.DATA;
            String name = many ? "member " + (k + 1) : "training";
            Charts.line(c, name, epochs(m.epochs()), m.train(), col, false);
            maxEpochs = Math.max(maxEpochs, m.epochs());
            double[] v = m.validation();
            if (v.length > 0) {
                Color vc = many ? col : new Color(255, 127, 14);
                XYSeries vs = Charts.line(c, many ? name + " validation" : "validation",
                        epochs(v.length), v, vc, many);
                vs.setShowInLegend(!many);
                maxEpochs = Math.max(maxEpochs, v.length);
                int best = m.bestEpoch();
                if (best > 0) {
                    XYSeries b = c.addSeries(many ? name + " best validation"
                                    : "best validation (epoch " + best + ")",
                            new double[] {best}, new double[] {v[best - 1]});
                    b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    b.setMarker(SeriesMarkers.DIAMOND);
                    b.setMarkerColor(vc);
                    b.setShowInLegend(!many);
                }
            }
            for (double[] a : new double[][] {m.train(), v}) {
                for (double x : a) {
                    if (Double.isFinite(x)) {
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                }
            }
        }
        if (many && anyValidation) {
            XYSeries b = c.addSeries("best validation epoch", new double[] {OFF_PLOT},
                    new double[] {first.train()[0]});
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            b.setMarker(SeriesMarkers.DIAMOND);
            b.setMarkerColor(Color.DARK_GRAY);
        }
        c.getStyler().setXAxisMin(0.5).setXAxisMax(maxEpochs + 1.0);
        if (hi > lo) {
            double pad = 0.04 * (hi - lo);
            c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        }
        return Figure.of(c);
    }

    /** A legend-only key: a gray line style on a single point far left of the plotted range. */
    private static void key(XYChart c, String name, double y, boolean dashed) {
        Charts.line(c, name, new double[] {OFF_PLOT}, new double[] {y}, Color.DARK_GRAY, dashed);
    }

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }
}
