package org.sbi4j.plot;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.IChart;
import org.sbi4j.diagnostics.RankCheck;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;

/**
 * SBC rank histograms (Talts et al. 2018, Fig. 1): one panel per parameter (and the joint
 * log-density rank when present), with the band a uniform histogram stays in.
 *
 * <p>Rank r ∈ {0..L} falls in bin ⌊r·B/(L+1)⌋. Under calibration the count of bin k is
 * Binomial(N, pₖ) with pₖ the share of rank values in the bin; the grey lines mark its expected
 * value and its 0.5 % and 99.5 % quantiles, so each bar leaves the band with probability ≈ 1 %
 * (about B/100 bars out of band are expected by chance). Panel titles give the shape verdict.
 */
public final class RankPlot {

    private RankPlot() {
    }

    /** Rank histograms with 20 bins (fewer if L+1 &lt; 20), three panels per row. */
    public static Figure of(SbcResult result, String title) {
        return of(result, Math.min(20, result.ranks().samplesPerPair() + 1), 3, 360, 280, title);
    }

    /**
     * @param bins  histogram bins B (1..L+1)
     * @param cols  panels per row
     */
    public static Figure of(SbcResult result, int bins, int cols, int panelWidth, int panelHeight,
                            String title) {
        SbcRanks r = result.ranks();
        List<IChart> panels = new ArrayList<>();
        for (int j = 0; j < r.dim(); j++) {
            panels.add(panel(r.ranksOf(j), r.samplesPerPair(), bins, result.parameters().get(j),
                    panelWidth, panelHeight));
        }
        if (r.hasJoint()) {
            panels.add(panel(r.jointRanks(), r.samplesPerPair(), bins, result.joint(), panelWidth,
                    panelHeight));
        }
        int c = Math.min(cols, panels.size());
        int rows = (panels.size() + c - 1) / c;
        while (panels.size() < rows * c) {
            panels.add(null);
        }
        return Figure.grid(panels, rows, c, panelWidth, panelHeight, title);
    }

    private static XYChart panel(int[] ranks, int l, int bins, RankCheck test, int w, int h) {
        String shape = switch (test.shape()) {
            case UNIFORM -> "uniform";
            case U_SHAPED -> "U-shaped: over-confident";
            case CAP_SHAPED -> "cap-shaped: under-confident";
            case SKEWED_HIGH -> "skewed to high ranks";
            case SKEWED_LOW -> "skewed to low ranks";
            case IRREGULAR -> "not uniform";
        };
        XYChart c = Charts.xy(w, h, test.name() + " (" + shape + ")",
                "rank of the true value (0.." + l + ")", "count");
        int[] counts = SbcRanks.histogram(ranks, l, bins);
        double[] edges = new double[bins + 1];
        double[] heights = new double[bins];
        double[] p = new double[bins];
        for (int k = 0; k <= bins; k++) {
            // first rank value of bin k: the smallest r with ⌊r·B/(L+1)⌋ = k
            edges[k] = Math.ceil((double) k * (l + 1) / bins);
        }
        for (int k = 0; k < bins; k++) {
            heights[k] = counts[k];
            p[k] = (edges[k + 1] - edges[k]) / (l + 1.0);
        }
        Charts.histogram(c, "ranks", edges, heights, Charts.DATA_FILL);
        band(c, edges, p, ranks.length);
        c.getStyler().setXAxisMin(0.0).setXAxisMax((double) l + 1).setYAxisMin(0.0);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Ticks::integerLabel);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::integerLabel);
        return c;
    }

    /** Expected count and 0.5 %/99.5 % binomial quantiles as step lines over the bins. */
    private static void band(XYChart c, double[] edges, double[] p, int n) {
        int b = p.length;
        double[] x = new double[2 * b];
        double[] lo = new double[2 * b];
        double[] mid = new double[2 * b];
        double[] hi = new double[2 * b];
        for (int k = 0; k < b; k++) {
            BinomialDistribution d = BinomialDistribution.of(n, p[k]);
            x[2 * k] = edges[k];
            x[2 * k + 1] = edges[k + 1];
            lo[2 * k] = lo[2 * k + 1] = d.inverseCumulativeProbability(0.005);
            hi[2 * k] = hi[2 * k + 1] = d.inverseCumulativeProbability(0.995);
            mid[2 * k] = mid[2 * k + 1] = n * p[k];
        }
        Charts.line(c, "99% band (low)", x, lo, Charts.BAND, true);
        Charts.line(c, "expected", x, mid, Charts.BAND, false);
        Charts.line(c, "99% band (high)", x, hi, Charts.BAND, true);
    }
}
