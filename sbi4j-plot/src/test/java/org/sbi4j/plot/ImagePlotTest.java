package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Images on one shared grey scale, written as PNG and SVG under target/plots. */
class ImagePlotTest {

    /** An 8×8 ramp from 0 (top-left) to 63 (bottom-right), and the same ramp halved. */
    private static float[] ramp(float scale) {
        float[] p = new float[64];
        for (int i = 0; i < 64; i++) {
            p[i] = scale * i;
        }
        return p;
    }

    @Test
    void panelsShareOneIntensityScaleAndRowZeroIsAtTheTop() throws IOException {
        Figure f = ImagePlot.of(List.of(new ImagePlot.Panel("full", ramp(1), 8, 8),
                new ImagePlot.Panel("half", ramp(0.5f), 8, 8),
                new ImagePlot.Panel("third", ramp(0.25f), 8, 8)), 2, 160, "Images");
        assertThat(f.width()).isEqualTo(320);
        assertThat(f.panels()).hasSize(4);
        assertThat(f.panels().get(3)).isNull();
        BufferedImage img = f.toImage();
        // panel 1 (full ramp): its last pixel is the global maximum (white), its first black
        int top = 36 + 22;
        int cell = (160 - 8) / 8; // the image fills the panel width less a margin of 8
        int x0 = (160 - cell * 8) / 2;
        int white = img.getRGB(x0 + 7 * cell + cell / 2, top + 7 * cell + cell / 2) & 0xFF;
        int black = img.getRGB(x0 + cell / 2, top + cell / 2) & 0xFF;
        // panel 2 (half ramp): its last pixel has value 31.5 of 63, mid grey on the shared scale
        int mid = img.getRGB(160 + x0 + 7 * cell + cell / 2, top + 7 * cell + cell / 2) & 0xFF;
        assertThat(white).isEqualTo(255);
        assertThat(black).isZero();
        assertThat(mid).isBetween(126, 129);
        List<Path> files = f.write(Path.of("target", "plots", "images"));
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png.getHeight()).isEqualTo(f.height());
        assertThat(Files.readString(files.get(1))).contains("<svg");
    }

    @Test
    void aPanelOfTheWrongSizeIsRefusedByName() {
        assertThatThrownBy(() -> new ImagePlot.Panel("obs", new float[10], 4, 4))
                .hasMessageContaining("obs").hasMessageContaining("16").hasMessageContaining("10");
        assertThatThrownBy(() -> ImagePlot.of(List.of(), 2, 100, null))
                .hasMessageContaining("at least one panel");
    }
}
