package org.sbi4j.plot;

import java.awt.Color;
import org.knowm.xchart.XYChart;

/**
 * Training and validation loss per epoch (epochs counted from 1). The y axis is linear; the
 * best validation epoch is marked by a dotted vertical line.
 */
public final class LossPlot {

    private LossPlot() {
    }

    /**
     * @param train      training loss per epoch (non-empty)
     * @param validation validation loss per epoch, or null
     * @param lossName   y-axis label, e.g. "negative log-likelihood"
     */
    public static Figure of(double[] train, double[] validation, String title, String lossName) {
        if (train.length == 0) {
            throw new IllegalArgumentException("no training losses");
        }
        XYChart c = Charts.xy(640, 440, title, "epoch", lossName);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        Charts.line(c, "training", epochs(train.length), train, Charts.DATA, false);
        if (validation != null && validation.length > 0) {
            Charts.line(c, "validation", epochs(validation.length), validation,
                    new Color(255, 127, 14), false);
            int best = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < validation.length; i++) {
                best = validation[i] < validation[best] ? i : best;
            }
            for (double[] a : new double[][] {train, validation}) {
                for (double v : a) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            Charts.line(c, "best validation (epoch " + (best + 1) + ")",
                    new double[] {best + 1, best + 1}, new double[] {lo, hi}, Color.GRAY, true);
        }
        return Figure.of(c);
    }

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }
}
