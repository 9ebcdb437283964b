package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.tensor.Matrix;

/**
 * Every plot is written as PNG and SVG under target/plots (kept for inspection); the PNG must
 * decode to the figure's size and the SVG must be an SVG document.
 */
class PlotsTest {

    private static final Path OUT = Path.of("target", "plots");

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static void check(Figure f, String name) throws IOException {
        List<Path> files = f.write(OUT.resolve(name));
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        assertThat(img).as(name + ".png decodes").isNotNull();
        assertThat(img.getWidth()).isEqualTo(f.width());
        assertThat(img.getHeight()).isEqualTo(f.height());
        String svg = Files.readString(files.get(1));
        assertThat(svg).contains("<svg").contains("</svg>");
        assertThat(Files.size(files.get(1))).isGreaterThan(1000);
    }

    @Test
    void cornerPlotOfACorrelatedGaussianWithTruth() throws IOException {
        UniformRandomProvider r = rng(1);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
        Matrix s = Matrix.of(5000, 3);
        for (int i = 0; i < 5000; i++) {
            double z0 = g.sample();
            s.set(i, 0, (float) (1 + 0.5 * z0));
            s.set(i, 1, (float) (-2 + 0.8 * z0 + 0.3 * g.sample()));
            s.set(i, 2, (float) (10 + 3 * g.sample()));
        }
        Figure f = CornerPlot.of(s, List.of("mu", "log sigma", "amplitude"),
                new double[] {1.2, -1.7, 12}, "Posterior samples (N = 5000)");
        assertThat(f.width()).isEqualTo(3 * CornerPlot.PANEL);
        assertThat(f.panels()).hasSize(9);
        assertThat(f.panels().get(1)).isNull();
        check(f, "corner");
    }

    @Test
    void cornerPlotOfATwoMoonsLikePosterior() throws IOException {
        Figure f = CornerPlot.of(Samples.crescents(10_000, 0.006, 4), List.of("theta 1", "theta 2"),
                new double[] {0.2, 0.05}, "Two moons-like posterior (N = 10000)");
        assertThat(f.panels()).hasSize(4);
        check(f, "corner-two-moons");
    }

    @Test
    void rankHistogramsWithTheUniformityBand() throws IOException {
        // ranks of a too-narrow posterior: the truth's normal quantile is stretched by 2
        UniformRandomProvider r = rng(2);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
        int n = 300;
        int l = 100;
        int[][] ranks = new int[n][2];
        int[] joint = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                double u = cdf(2 * g.sample());
                ranks[i][j] = (int) Math.min(l, Math.floor(u * (l + 1)));
            }
            joint[i] = r.nextInt(l + 1);
        }
        SbcResult res = Sbc.test(new SbcRanks(l, ranks, joint, null), List.of("a", "b"), 0.01,
                r);
        Figure f = RankPlot.of(res, "SBC ranks (N = 300, L = 100)");
        assertThat(f.panels()).hasSize(3);
        check(f, "sbc-ranks");
    }

    /** Samples on A + b² ≈ 1 and the ridge the identifiability report finds, drawn over them. */
    @Test
    void curvedRidgeOverThePosteriorSamples() throws IOException {
        UniformRandomProvider r = rng(6);
        Matrix prior = Matrix.of(20_000, 2);
        for (int i = 0; i < prior.rows(); i++) {
            prior.set(i, 0, (float) (-3 + 6 * r.nextDouble()));
            prior.set(i, 1, (float) (-1.5 + 3 * r.nextDouble()));
        }
        Matrix post = Matrix.of(4000, 2);
        for (int i = 0; i < post.rows(); i++) {
            double b = -1.5 + 3 * r.nextDouble();
            post.set(i, 0, (float) (1 - b * b + 0.1 * (r.nextDouble() - 0.5)));
            post.set(i, 1, (float) b);
        }
        var rep = org.sbi4j.diagnostics.Identifiability.analyse(post, prior, List.of("A", "b"),
                0.5);
        assertThat(rep.curved()).isNotNull();
        Figure f = RidgePlot.of(post, List.of("A", "b"), rep.curved(), "Curved ridge");
        check(f, "identifiability-ridge");
    }

    /** The over-confident ranks above leave their simultaneous band; uniform ones do not. */
    @Test
    void rankEcdfsWithSimultaneousBands() throws IOException {
        UniformRandomProvider r = rng(5);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(r);
        int n = 300;
        int l = 100;
        int[] narrow = new int[n];
        int[] uniform = new int[n];
        for (int i = 0; i < n; i++) {
            narrow[i] = (int) Math.min(l, Math.floor(cdf(2 * g.sample()) * (l + 1)));
            uniform[i] = r.nextInt(l + 1);
        }
        var bad = org.sbi4j.diagnostics.EcdfBands.test("a", narrow, l, 0.01, r);
        var good = org.sbi4j.diagnostics.EcdfBands.test("b", uniform, l, 0.01, r);
        assertThat(bad.inside()).isFalse();
        assertThat(good.inside()).isTrue();
        Figure f = EcdfPlot.of(List.of(bad, good), "SBC rank ECDFs (N = 300, L = 100)");
        assertThat(f.panels()).hasSize(2);
        check(f, "sbc-ecdf");
    }

    @Test
    void coverageCurveWithBandAndDiagonal() throws IOException {
        UniformRandomProvider r = rng(3);
        double[] calibrated = new double[500];
        double[] narrow = new double[500];
        for (int i = 0; i < 500; i++) {
            calibrated[i] = r.nextDouble();
            narrow[i] = Math.sqrt(r.nextDouble());
        }
        CoverageResult a = Coverage.fromMass("calibrated", calibrated, Coverage.defaultLevels(),
                0.01);
        CoverageResult b = Coverage.fromMass("over-confident", narrow, Coverage.defaultLevels(),
                0.01);
        check(CoveragePlot.of("Expected coverage", a, b), "coverage");
    }

    @Test
    void lossCurves() throws IOException {
        double[] train = new double[60];
        double[] val = new double[60];
        for (int e = 0; e < 60; e++) {
            train[e] = 3 * Math.exp(-e / 10.0) - 1;
            val[e] = 3 * Math.exp(-e / 10.0) - 0.9 + 0.002 * Math.max(0, e - 35);
        }
        check(LossPlot.of(train, val, "Training (NPE, two moons)", "negative log-likelihood"),
                "loss");
    }

    @Test
    void lossCurvesOfAFiveMemberEnsemble() throws IOException {
        Figure f = LossPlot.of(ChartReadabilityTest.members(5), "Training: 5-member ensemble",
                "negative log-likelihood");
        assertThat(f.panels()).hasSize(1);
        check(f, "loss-ensemble");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> CornerPlot.of(Matrix.of(10, 2), List.of("a"), null, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 names");
        assertThatThrownBy(() -> Figure.grid(List.of(), 1, 1, 100, 100, null))
                .hasMessageContaining("0 panels");
        assertThatThrownBy(() -> LossPlot.of(new double[0], null, "t", "loss"))
                .hasMessageContaining("no training");
        assertThatThrownBy(() -> LossPlot.of(List.of(), "t", "loss"))
                .hasMessageContaining("no members");
        assertThatThrownBy(() -> new CornerPlot.Settings(0, 0, CornerPlot.SIGMA_MASSES, 260))
                .hasMessageContaining("bins >= 1");
        assertThatThrownBy(() -> new CornerPlot.Settings(30, 0, List.of(1.5), 260))
                .hasMessageContaining("[1.5]");
    }

    private static double cdf(double z) {
        return org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .cumulativeProbability(z);
    }
}
