package org.sbi4j.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * A figure: a grid of XChart charts (rows × cols panels of equal size, empty cells allowed)
 * under an optional title, written as one PNG or one SVG.
 *
 * <p>XChart has no chart grid, so every panel is painted by XChart itself ({@code chart.paint})
 * into one shared {@link Graphics2D}, translated to its cell: a {@link BufferedImage} for PNG,
 * a VectorGraphics2D canvas for SVG (the backend of XChart's own {@code VectorGraphicsEncoder}),
 * so the SVG is one composed vector document, not per-panel files. A single chart is a 1×1
 * figure. Immutable once built.
 */
public final class Figure {

    private static final int TITLE_HEIGHT = 36;

    private final List<IChart> panels;
    private final int rows;
    private final int cols;
    private final int panelWidth;
    private final int panelHeight;
    private final String title;

    private Figure(List<IChart> panels, int rows, int cols, int w, int h, String title) {
        this.panels = Collections.unmodifiableList(new ArrayList<>(panels));
        this.rows = rows;
        this.cols = cols;
        this.panelWidth = w;
        this.panelHeight = h;
        this.title = title;
    }

    /** One chart, at its own size, without an extra title (the chart has its own). */
    public static Figure of(IChart chart) {
        return new Figure(List.of(chart), 1, 1, chart.getWidth(), chart.getHeight(), null);
    }

    /**
     * A grid of panels in row-major order; null entries leave a cell blank.
     *
     * @param title a figure title drawn above the grid, or null
     */
    public static Figure grid(List<? extends IChart> panels, int rows, int cols, int panelWidth,
                              int panelHeight, String title) {
        if (rows < 1 || cols < 1 || panels.size() != rows * cols) {
            throw new IllegalArgumentException(panels.size() + " panels for a " + rows + "x"
                    + cols + " grid");
        }
        if (panelWidth < 50 || panelHeight < 50) {
            throw new IllegalArgumentException("panels must be at least 50x50 pixels, got "
                    + panelWidth + "x" + panelHeight);
        }
        return new Figure(new ArrayList<>(panels), rows, cols, panelWidth, panelHeight, title);
    }

    /** Width of the whole figure in pixels. */
    public int width() {
        return cols * panelWidth;
    }

    /** Height of the whole figure in pixels (grid plus title band). */
    public int height() {
        return rows * panelHeight + (title == null ? 0 : TITLE_HEIGHT);
    }

    /** The panels, row-major (null = blank cell). */
    public List<IChart> panels() {
        return panels;
    }

    /** Renders the figure into a new ARGB image. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG file (parent directories are created). */
    public Path writePng(Path file) throws IOException {
        mkdirs(file);
        if (!ImageIO.write(toImage(), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        return file;
    }

    /** Writes an SVG file (parent directories are created). */
    public Path writeSvg(Path file) throws IOException {
        mkdirs(file);
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        try (OutputStream out = Files.newOutputStream(file)) {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
                    .writeTo(out);
        }
        return file;
    }

    /** Writes base.png and base.svg; returns both paths. */
    public List<Path> write(Path base) throws IOException {
        String name = base.getFileName().toString();
        Path png = base.resolveSibling(name + ".png");
        Path svg = base.resolveSibling(name + ".svg");
        return List.of(writePng(png), writeSvg(svg));
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        int top = 0;
        if (title != null) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (width() - fm.stringWidth(title)) / 2, (TITLE_HEIGHT + fm.getAscent()) / 2);
            top = TITLE_HEIGHT;
        }
        AffineTransform base = g.getTransform();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                IChart chart = panels.get(r * cols + c);
                if (chart == null) {
                    continue;
                }
                g.setTransform(base);
                g.translate(c * panelWidth, top + r * panelHeight);
                g.setClip(0, 0, panelWidth, panelHeight);
                chart.paint(g, panelWidth, panelHeight);
                g.setClip(null);
            }
        }
        g.setTransform(base);
    }

    private static void mkdirs(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
