package org.knowm.xchart.internal.chartpart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only window into XChart's layout (its chart parts are package-private): paints a chart
 * at its own size and reports the plot area, the legend box and the tick labels XChart drew.
 * Lives in XChart's package on the test class path; sbi4j's main code does not use it.
 */
public final class ChartProbe {

    /** A tick label XChart drew and its position along the axis, in pixels of the chart. */
    public record Tick(String label, double position) {
    }

    /** What a painted chart shows. */
    public record Layout(Rectangle2D plot, Rectangle2D legend, List<Tick> xTicks,
                         List<Tick> yTicks) {
    }

    private ChartProbe() {
    }

    /** Paints {@code chart} offscreen and reads back its layout. */
    public static Layout layout(AxesChart<?, ?> chart) {
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        Rectangle2D plot = chart.getPlot().getBounds();
        Rectangle2D legend = null;
        if (chart.getStyler().isLegendVisible()) {
            Legend_<?, ?> l = chart.getLegend();
            Rectangle2D size = l.getBounds();
            legend = new Rectangle2D.Double(l.xOffset, l.yOffset, size.getWidth(),
                    size.getHeight());
        }
        return new Layout(plot, legend, ticks(chart.getXAxis(), true),
                ticks(chart.getYAxis(), false));
    }

    /** The labels drawn: non-empty, at a location strictly inside the axis (as XChart paints). */
    private static List<Tick> ticks(Axis_<?, ?> axis, boolean x) {
        AxisTickCalculator t = axis.getAxisTickCalculator();
        Rectangle2D b = axis.getBounds();
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < t.getTickLabels().size(); i++) {
            String label = t.getTickLabels().get(i);
            double loc = t.getTickLocations().get(i);
            double extent = x ? b.getWidth() : b.getHeight();
            if (label != null && !label.isEmpty() && loc > 0 && loc < extent) {
                out.add(new Tick(label, x ? b.getX() + loc : b.getY() + b.getHeight() - loc));
            }
        }
        return out;
    }
}
