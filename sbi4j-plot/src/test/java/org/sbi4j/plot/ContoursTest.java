package org.sbi4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Marching squares against analytic level sets, and the mass the KDE contours enclose. */
class ContoursTest {

    /** f(x, y) = exp(−((x − cx)² + y²)/2) on an n×n grid over [−3, 3]². */
    private static DensityGrid gaussianGrid(int n, double cx) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -3 + 6.0 * i / (n - 1);
        }
        double[][] z = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double dx = xs[i] - cx;
                z[j][i] = Math.exp(-0.5 * (dx * dx + xs[j] * xs[j]));
            }
        }
        return DensityGrid.of(xs, xs, z);
    }

    private static double radius(Polyline p, int k, double cx) {
        return Math.hypot(p.x()[k] - cx, p.y()[k]);
    }

    @Test
    void theLevelSetsOfAGaussianAreCirclesOfTheAnalyticRadius() {
        // the level e^{-r²/2} is the circle of radius r; linear interpolation along the edges of
        // 0.1-wide cells is off by far less than 1 % of r
        DensityGrid g = gaussianGrid(61, 0);
        for (double r : new double[] {1, 2}) {
            List<Polyline> lines = Contours.of(g, Math.exp(-0.5 * r * r));
            assertThat(lines).as("one line at r = " + r).hasSize(1);
            Polyline p = lines.get(0);
            assertThat(p.closed()).isTrue();
            assertThat(p.x()[0]).isEqualTo(p.x()[p.size() - 1]);
            assertThat(p.y()[0]).isEqualTo(p.y()[p.size() - 1]);
            assertThat(p.size()).isGreaterThan(20);
            for (int k = 0; k < p.size(); k++) {
                assertThat(radius(p, k, 0)).isCloseTo(r, within(0.01 * r));
            }
            assertThat(p.contains(0, 0)).isTrue();
            assertThat(p.contains(r + 0.05, 0)).isFalse();
        }
    }

    @Test
    void aLineCutByTheGridEndsOnItsBorder() {
        // centre at x = 2.5: the unit circle leaves the grid at x = 3
        List<Polyline> lines = Contours.of(gaussianGrid(61, 2.5), Math.exp(-0.5));
        assertThat(lines).hasSize(1);
        Polyline p = lines.get(0);
        assertThat(p.closed()).isFalse();
        assertThat(p.x()[0]).isCloseTo(3.0, within(1e-9));
        assertThat(p.x()[p.size() - 1]).isCloseTo(3.0, within(1e-9));
        for (int k = 0; k < p.size(); k++) {
            assertThat(radius(p, k, 2.5)).isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void twoBumpsGiveTwoClosedLinesAndSaddlesAreResolved() {
        int n = 81;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -4 + 8.0 * i / (n - 1);
        }
        double[][] z = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j][i] = Math.exp(-0.5 * (Math.pow(xs[i] - 1.5, 2) + xs[j] * xs[j]))
                        + Math.exp(-0.5 * (Math.pow(xs[i] + 1.5, 2) + xs[j] * xs[j]));
            }
        }
        DensityGrid g = DensityGrid.of(xs, xs, z);
        assertThat(Contours.of(g, 0.9)).hasSize(2).allMatch(Polyline::closed);
        // below the saddle value 2·e^{-9/8} ≈ 0.649 at the origin the bumps merge into one line
        assertThat(Contours.of(g, 0.5)).hasSize(1).allMatch(Polyline::closed);
        assertThat(Contours.of(g, 5.0)).isEmpty();
    }

    @Test
    void kdeContoursOfSampledGaussianEncloseTheStatedMass() {
        // N(0, I), n = 20000: the 39.3 % and 86.5 % contours should be the circles r = 1 and 2.
        // Binned KDE with σ = 1 cell (≈ 0.09) widens the density by √(1 + 0.09²) < 0.5 %; the
        // tolerance (4 % of r for the mean radius, ±0.02 for the enclosed share of the samples,
        // about 4 binomial standard errors) leaves room for the sampling noise of the levels.
        double[][] v = Samples.gaussian(20_000, 11);
        double[] range = Quantiles.range(v[0], Double.NaN);
        double[] yRange = Quantiles.range(v[1], Double.NaN);
        DensityGrid g = DensityGrid.smoothedHistogram(v[0], v[1], range, yRange, 60, 1.0);
        for (int s = 1; s <= 2; s++) {
            double mass = 1 - Math.exp(-0.5 * s * s);
            List<Polyline> lines = Contours.of(g, g.levelEnclosing(mass, v[0], v[1]));
            Polyline main = lines.stream().max((a, b) -> a.size() - b.size()).orElseThrow();
            assertThat(main.closed()).isTrue();
            double mean = 0;
            for (int k = 0; k < main.size(); k++) {
                mean += radius(main, k, 0) / main.size();
            }
            assertThat(mean).as("mean radius of the %d-sigma contour", s)
                    .isCloseTo(s, within(0.04 * s));
            assertThat(insideShare(lines, v[0], v[1])).as("share inside the %d-sigma contour", s)
                    .isCloseTo(mass, within(0.02));
        }
    }

    /** The share of points inside an odd number of the closed lines. */
    static double insideShare(List<Polyline> lines, double[] x, double[] y) {
        int in = 0;
        for (int i = 0; i < x.length; i++) {
            int count = 0;
            for (Polyline p : lines) {
                count += p.contains(x[i], y[i]) ? 1 : 0;
            }
            in += count % 2;
        }
        return (double) in / x.length;
    }

    @Test
    void badInput() {
        DensityGrid g = gaussianGrid(5, 0);
        assertThatThrownBy(() -> Contours.of(g, Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> g.levelEnclosing(1.0, new double[1], new double[1]))
                .hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> DensityGrid.of(new double[3], new double[3], new double[2][3]))
                .hasMessageContaining("2 rows");
    }
}
