package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.ChartProbe;
import org.knowm.xchart.internal.chartpart.ChartProbe.Layout;
import org.knowm.xchart.internal.chartpart.ChartProbe.Tick;
import org.knowm.xchart.internal.chartpart.IChart;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.tensor.Matrix;

/**
 * The drawn charts read well: rounded ticks, quantile ranges, legends inside the plot,
 * contour lines, every ensemble member. Checked on the XChart objects after painting them.
 */
class ChartReadabilityTest {

    private static final int N = 10_000;

    /** Significant digits of a plain decimal label: "0.05" → 1, "1500" → 2, "12.35" → 4. */
    static int significantDigits(String label) {
        String s = label.replace("-", "");
        boolean fraction = s.contains(".");
        s = s.replace(".", "").replaceFirst("^0+", "");
        if (!fraction) {
            s = s.replaceFirst("0+$", "");
        }
        return Math.max(1, s.length());
    }

    private static void assertNiceTicks(List<Tick> ticks, String what) {
        assertThat(ticks).as(what + " has at least 2 tick labels").hasSizeGreaterThanOrEqualTo(2);
        double[] v = ticks.stream().mapToDouble(t -> Double.parseDouble(t.label())).toArray();
        for (Tick t : ticks) {
            assertThat(significantDigits(t.label())).as(what + " label " + t.label())
                    .isLessThanOrEqualTo(3);
        }
        // equally spaced at a step of 1, 2 or 5 × 10^k
        double step = Math.abs(v[1] - v[0]);
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        assertThat(Math.min(Math.min(Math.abs(mantissa - 1), Math.abs(mantissa - 2)),
                Math.abs(mantissa - 5))).as(what + " step " + step).isLessThan(1e-6);
        for (int i = 1; i < v.length; i++) {
            assertThat(Math.abs(v[i] - v[i - 1])).as(what + " spacing").isCloseTo(step,
                    within(1e-9 * Math.max(1, Math.abs(v[i]))));
        }
    }

    private static XYChart xy(IChart c) {
        return (XYChart) c;
    }

    @Test
    void item10_cornerTicksAreRoundedAndRangesAreTheCentral99PercentOfTheSamples() {
        Matrix s = Samples.crescents(N, 0.006, 5);
        Figure f = CornerPlot.of(s, List.of("theta 1", "theta 2"), null, "two moons");
        for (int p : new int[] {0, 2, 3}) {
            Layout l = ChartProbe.layout(xy(f.panels().get(p)));
            assertNiceTicks(l.xTicks(), "panel " + p + " x");
            assertNiceTicks(l.yTicks(), "panel " + p + " y");
        }
        for (int j = 0; j < 2; j++) {
            double[] v = Samples.column(s, j);
            XYChart marginal = xy(f.panels().get(3 * j));
            double lo = marginal.getStyler().getXAxisMin();
            double hi = marginal.getStyler().getXAxisMax();
            // 0.5 % of the samples lie below the range and 0.5 % above (± one sample's share)
            double below = Arrays.stream(v).filter(x -> x < lo).count() / (double) N;
            double above = Arrays.stream(v).filter(x -> x > hi).count() / (double) N;
            assertThat(below).isCloseTo(0.005, within(1.5 / N));
            assertThat(above).isCloseTo(0.005, within(1.5 / N));
            double[] hx = marginal.getSeries("samples").getXData();
            assertThat(Arrays.stream(hx).min().orElseThrow()).isEqualTo(lo);
            assertThat(Arrays.stream(hx).max().orElseThrow()).isEqualTo(hi);
            // the off-diagonal panel shares the range
            XYChart off = xy(f.panels().get(2));
            double[] shared = j == 0
                    ? new double[] {off.getStyler().getXAxisMin(), off.getStyler().getXAxisMax()}
                    : new double[] {off.getStyler().getYAxisMin(), off.getStyler().getYAxisMax()};
            assertThat(shared).containsExactly(lo, hi);
        }
    }

    @Test
    void item10_aCrescentMarginalSpansAtLeast15Bins() {
        Matrix s = Samples.crescents(N, 0.006, 6);
        double[] v = Samples.column(s, 0);
        double[] range = Quantiles.range(v, Double.NaN);
        assertThat(occupiedBins(CornerPlot.histogram(v, range, 30))).isGreaterThanOrEqualTo(15);
        // the range of the 0.1–99.9 % quantiles (the former one) is stretched by the outliers
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] wide = {sorted[(int) (0.001 * (N - 1))], sorted[(int) Math.ceil(0.999 * (N - 1))]};
        assertThat(occupiedBins(CornerPlot.histogram(v, wide, 30))).isLessThan(10);
    }

    /** Bins at least 10 % as tall as the tallest. */
    private static int occupiedBins(double[] h) {
        double max = Arrays.stream(h).max().orElseThrow();
        return (int) Arrays.stream(h).filter(x -> x >= 0.1 * max).count();
    }

    @Test
    void item10_offDiagonalsAreContourLinesEnclosingTheStatedMass() {
        Matrix s = Samples.crescents(N, 0.0, 7);
        Figure f = CornerPlot.of(s, List.of("a", "b"), new double[] {0.2, 0.05}, "t");
        XYChart off = xy(f.panels().get(2));
        double x0 = off.getStyler().getXAxisMin();
        double x1 = off.getStyler().getXAxisMax();
        double y0 = off.getStyler().getYAxisMin();
        double y1 = off.getStyler().getYAxisMax();
        for (double mass : CornerPlot.SIGMA_MASSES) {
            List<Polyline> lines = new ArrayList<>();
            for (XYSeries ser : off.getSeriesCollection()) {
                if (ser.getName().startsWith(CornerPlot.contourName(mass, 0).replace("#1", ""))) {
                    double[] x = ser.getXData();
                    double[] y = ser.getYData();
                    boolean closed = x[0] == x[x.length - 1] && y[0] == y[y.length - 1];
                    boolean endsOutside = !inside(x[0], y[0], x0, x1, y0, y1)
                            && !inside(x[x.length - 1], y[y.length - 1], x0, x1, y0, y1);
                    assertThat(closed || endsOutside).as(ser.getName()).isTrue();
                    assertThat(ser.getXYSeriesRenderStyle())
                            .contains(XYSeries.XYSeriesRenderStyle.Line);
                    lines.add(new Polyline(x, y, closed));
                }
            }
            // one line around each crescent at least
            assertThat(lines).as("lines at " + mass).hasSizeGreaterThanOrEqualTo(2);
            double share = ContoursTest.insideShare(lines, Samples.column(s, 0),
                    Samples.column(s, 1));
            assertThat(share).as("share inside the " + mass + " contour")
                    .isCloseTo(mass, within(0.03));
        }
        assertThat(off.getSeries("true value").getXData()).containsExactly(0.2);
    }

    private static boolean inside(double x, double y, double x0, double x1, double y0,
                                  double y1) {
        return x > x0 && x < x1 && y > y0 && y < y1;
    }

    @Test
    void item10_legendsLieInsideThePlotArea() {
        double[] calibrated = new double[500];
        double[] narrow = new double[500];
        var r = Samples.rng(3);
        for (int i = 0; i < 500; i++) {
            calibrated[i] = r.nextDouble();
            narrow[i] = Math.sqrt(r.nextDouble());
        }
        CoverageResult a = Coverage.fromMass("HPD", calibrated, Coverage.defaultLevels(), 0.01);
        CoverageResult b = Coverage.fromMass("TARP", narrow, Coverage.defaultLevels(), 0.01);
        List<XYChart> charts = List.of(xy(CoveragePlot.of("coverage", a, b).panels().get(0)),
                xy(LossPlot.of(members(5), "loss", "nll").panels().get(0)),
                xy(LossPlot.of(members(1), "loss", "nll").panels().get(0)));
        for (XYChart c : charts) {
            Layout l = ChartProbe.layout(c);
            assertThat(l.legend()).as(c.getTitle() + " legend").isNotNull();
            assertThat(l.legend().getWidth()).isPositive();
            assertThat(l.plot().contains(l.legend())).as(c.getTitle() + ": legend " + l.legend()
                    + " inside plot " + l.plot()).isTrue();
            assertNiceTicks(l.yTicks(), c.getTitle() + " y");
        }
    }

    /** k members with slightly different curves of different lengths. */
    static List<LossCurves> members(int k) {
        List<LossCurves> m = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int n = 150 + 13 * j;
            double[] train = new double[n];
            double[] val = new double[n];
            for (int e = 0; e < n; e++) {
                train[e] = 3 * Math.exp(-e / (20.0 + j)) - 1 - 0.01 * j;
                val[e] = train[e] + 0.1 + 0.002 * Math.max(0, e - 100 - 5 * j);
            }
            m.add(new LossCurves(train, val));
        }
        return m;
    }

    @Test
    void item10_theLossPlotShowsEveryMemberWithIntegerEpochLabelsThatDoNotOverlap() {
        List<LossCurves> m = members(5);
        XYChart c = xy(LossPlot.of(m, "Training", "negative log-likelihood").panels().get(0));
        for (int k = 0; k < 5; k++) {
            XYSeries train = c.getSeries("member " + (k + 1));
            XYSeries val = c.getSeries("member " + (k + 1) + " validation");
            assertThat(train.isShowInLegend()).isTrue();
            assertThat(train.getYData()).containsExactly(m.get(k).train());
            assertThat(val.getYData()).containsExactly(m.get(k).validation());
            assertThat(train.getXData()[m.get(k).epochs() - 1]).isEqualTo(m.get(k).epochs());
        }
        Layout l = ChartProbe.layout(c);
        assertThat(l.xTicks()).hasSizeGreaterThanOrEqualTo(3);
        Font font = c.getStyler().getAxisTickLabelsFont();
        FontRenderContext frc = new FontRenderContext(null, true, false);
        for (int i = 0; i < l.xTicks().size(); i++) {
            Tick t = l.xTicks().get(i);
            assertThat(t.label()).matches("[0-9]+");
            if (i > 0) {
                Tick prev = l.xTicks().get(i - 1);
                assertThat(Integer.parseInt(t.label())).isGreaterThan(
                        Integer.parseInt(prev.label()));
                Rectangle2D a = font.getStringBounds(prev.label(), frc);
                Rectangle2D b = font.getStringBounds(t.label(), frc);
                // centred labels: the gap between them is at least 8 pixels
                assertThat(t.position() - prev.position() - (a.getWidth() + b.getWidth()) / 2)
                        .as("gap between " + prev.label() + " and " + t.label())
                        .isGreaterThanOrEqualTo(8);
            }
        }
        assertNiceTicks(l.yTicks(), "loss y");
        assertThat(new BigDecimal(l.xTicks().get(1).label()).subtract(
                new BigDecimal(l.xTicks().get(0).label())).intValueExact()).isPositive();
    }
}
