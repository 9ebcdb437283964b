package org.sbi4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * Images side by side (e.g. an observed image beside posterior-predictive simulations): each
 * panel is a grey-scale H×W image (row-major, row 0 at the top) with a caption, all panels on
 * one shared intensity scale (black = the smallest value over all images, white = the largest),
 * so brightness compares across panels. Pixels are drawn as filled squares, so the SVG is a
 * vector document like the other plots.
 */
public final class ImagePlot {

    private static final int CAPTION = 22;

    /** One image and its caption. */
    public record Panel(String caption, float[] pixels, int height, int width) {
        public Panel {
            if (pixels == null || height < 1 || width < 1 || pixels.length != height * width) {
                throw new IllegalArgumentException("image panel '" + caption + "': " + height + "x"
                        + width + " needs " + height * width + " pixels, got "
                        + (pixels == null ? "none" : pixels.length));
            }
        }
    }

    private ImagePlot() {
    }

    /**
     * A figure of the panels, {@code cols} per row, each panel size × size pixels plus caption.
     *
     * @throws IllegalArgumentException if there are no panels, cols &lt; 1 or size &lt; 50
     */
    public static Figure of(List<Panel> panels, int cols, int size, String title) {
        if (panels == null || panels.isEmpty() || cols < 1) {
            throw new IllegalArgumentException("image plot needs at least one panel and cols >= 1, got "
                    + (panels == null ? 0 : panels.size()) + " panels, cols " + cols);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (float v : p.pixels()) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        int c = Math.min(cols, panels.size());
        int rows = (panels.size() + c - 1) / c;
        List<IChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(new Chart(p, lo, hi, size, size + CAPTION));
        }
        while (charts.size() < rows * c) {
            charts.add(null);
        }
        return Figure.grid(charts, rows, c, size, size + CAPTION, title);
    }

    /** Grey level of v on [lo, hi] (non-finite values are drawn red). */
    static Color grey(float v, float lo, float hi) {
        if (!Float.isFinite(v)) {
            return Color.RED;
        }
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
        return new Color(g, g, g);
    }

    /** One image panel painted into the figure's graphics. */
    private record Chart(Panel panel, float lo, float hi, int width, int height) implements IChart {

        @Override
        public void paint(Graphics2D g, int w, int h) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int side = Math.min(w - 8, h - CAPTION - 4);
            double cell = side / (double) Math.max(panel.height(), panel.width());
            int x0 = (w - (int) Math.round(cell * panel.width())) / 2;
            int y0 = CAPTION;
            for (int i = 0; i < panel.height(); i++) {
                int top = y0 + (int) Math.round(i * cell);
                int bottom = y0 + (int) Math.round((i + 1) * cell);
                for (int j = 0; j < panel.width(); j++) {
                    int left = x0 + (int) Math.round(j * cell);
                    int right = x0 + (int) Math.round((j + 1) * cell);
                    g.setColor(grey(panel.pixels()[i * panel.width() + j], lo, hi));
                    g.fillRect(left, top, right - left, bottom - top);
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            String cap = panel.caption() == null ? "" : panel.caption();
            g.drawString(cap, Math.max(2, (w - fm.stringWidth(cap)) / 2), (CAPTION + fm.getAscent()) / 2);
        }

        @Override
        public int getWidth() {
            return width;
        }

        @Override
        public int getHeight() {
            return height;
        }

        @Override
        public String getTitle() {
            return panel.caption();
        }
    }
}
