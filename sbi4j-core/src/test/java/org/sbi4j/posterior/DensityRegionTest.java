package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

class DensityRegionTest {

    private static Matrix mixture(int n, double weightLeft, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            double centre = rng.nextDouble() < weightLeft ? -3 : 3;
            m.set(i, 0, (float) (centre + 0.5 * g.sample()));
        }
        return m;
    }

    private static double share(Matrix m, DensityRegion r) {
        int in = 0;
        for (int i = 0; i < m.rows(); i++) {
            in += r.contains(m.get(i, 0)) ? 1 : 0;
        }
        return in / (double) m.rows();
    }

    /**
     * ½N(−3, 0.5²) + ½N(3, 0.5²) (the components overlap by &lt; 1e-9): the 90 % HDR is
     * ±1.6449·0.5 = ±0.822 around each mode. 20,000 draws: each end's sampling error ≈ 0.011,
     * the grid step ≈ 0.011; tolerance 0.08. The shortest single interval spans the gap.
     */
    @Test
    void bimodalMarginalGivesTwoIntervals() {
        Matrix m = mixture(20_000, 0.5, 3L);
        DensityRegion r = Intervals.highestDensityRegion(m, 0, "a", 0.9);
        System.out.println("bimodal HDR: " + r.text());
        List<Interval> p = r.pieces();
        assertThat(p).hasSize(2);
        assertThat(p.get(0).lower()).isCloseTo(-3.822, within(0.08));
        assertThat(p.get(0).upper()).isCloseTo(-2.178, within(0.08));
        assertThat(p.get(1).lower()).isCloseTo(2.178, within(0.08));
        assertThat(p.get(1).upper()).isCloseTo(3.822, within(0.08));
        assertThat(r.contains(0)).isFalse();
        assertThat(share(m, r)).isCloseTo(0.9, within(0.01));
        assertThat(r.text()).contains(" ∪ ");
        assertThat(Intervals.highestDensity(m, 0, "a", 0.9).contains(0)).isTrue();
    }

    /**
     * 0.8/0.2 weights: the density threshold is common, so the smaller mode's interval is
     * narrower. Exact 90 % HDR: threshold c solves 0.8·Φ-mass(r₁) + 0.2·Φ-mass(r₂) = 0.9 with
     * 0.8·φ(r₁/0.5) = 0.2·φ(r₂/0.5) = c: r₁ = 0.980, r₂ = 0.518 (by bisection). Tolerance 0.12
     * (the kernel's smoothing, h ≈ 0.4, widens the small mode's density more).
     */
    @Test
    void unequalModesShareOneDensityThreshold() {
        Matrix m = mixture(20_000, 0.8, 4L);
        DensityRegion r = Intervals.highestDensityRegion(m, 0, "a", 0.9);
        System.out.println("0.8/0.2 mixture HDR: " + r.text());
        assertThat(r.pieces()).hasSize(2);
        assertThat(r.pieces().get(0).width() / 2).isCloseTo(0.980, within(0.12));
        assertThat(r.pieces().get(1).width() / 2).isCloseTo(0.518, within(0.12));
        assertThat(share(m, r)).isCloseTo(0.9, within(0.01));
    }

    /** N(0, 1), 50,000 draws: one interval ±1.6449 (tolerance 0.04: sampling 0.007, grid). */
    @Test
    void unimodalMarginalGivesOneInterval() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(50_000, 1);
        for (int i = 0; i < m.rows(); i++) {
            m.set(i, 0, (float) g.sample());
        }
        DensityRegion r = Intervals.highestDensityRegion(m, 0, "a", 0.9);
        assertThat(r.pieces()).hasSize(1);
        assertThat(r.pieces().get(0).lower()).isCloseTo(-1.6449, within(0.04));
        assertThat(r.pieces().get(0).upper()).isCloseTo(1.6449, within(0.04));
    }
}
