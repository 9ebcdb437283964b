package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Curves and points against the diagonal, written under target/plots (kept for inspection). */
class XyPlotsTest {

    private static final Path OUT = Path.of("target", "plots");

    @Test
    void curvesInAGridAndPointsAgainstTheDiagonal() throws IOException {
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 10.0;
            y[i] = Math.sin(x[i]);
        }
        XYChart c = XyPlots.curve(new XyPlots.Labels("sine", "x", "sin x"), x, y, 300, 200);
        assertThat(c.getWidth()).isEqualTo(300);
        assertThat(c.getSeriesCollection()).extracting(s -> s.getName()).containsExactly("sin x");
        Figure grid = Figure.grid(List.of(c, XyPlots.curve(new XyPlots.Labels("again", "x",
                "sin x"), x, y, 300, 200)), 1, 2, 300, 200, "two panels");
        BufferedImage img = ImageIO.read(grid.write(OUT.resolve("xy_curves")).get(0).toFile());
        assertThat(img.getWidth()).isEqualTo(grid.width());

        Figure d = XyPlots.againstDiagonal(new XyPlots.Labels("means", "true", "estimate"),
                new XyPlots.Points("mean", new double[] {1, 2, 3}, new double[] {1.1, 1.8, 3.2},
                        new double[] {0.2, 0.3, 0.1}), 0, 4);
        assertThat(((XYChart) d.panels().getFirst()).getSeriesCollection())
                .extracting(s -> s.getName()).containsExactly("mean", "y = x");
        assertThat(ImageIO.read(d.write(OUT.resolve("xy_diagonal")).get(0).toFile()).getWidth())
                .isEqualTo(560);
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThatThrownBy(() -> XyPlots.curve(new XyPlots.Labels("t", "x", "y"),
                new double[] {1, 2}, new double[] {1}, 100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> new XyPlots.Points("p", new double[] {1}, new double[] {1},
                new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1, 1 and 0");
    }
}
