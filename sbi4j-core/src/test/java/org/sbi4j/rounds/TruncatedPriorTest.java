package org.sbi4j.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.tensor.Matrix;

/**
 * The truncated prior against an analytic density q = N(m, s² I) in 2-d, whose (1 − ε) HPR is
 * the disc |θ − m|² ≤ −2 s² ln ε. Fixed seeds; tolerances are stated per test.
 */
class TruncatedPriorTest {

    static final Prior BOX = Priors.uniform(List.of("a", "b"), -3, 3);
    static final TruncatedPrior.Config DEFAULTS = new TruncatedPrior.Config(1e-4, 10_000, 0.01, 32);

    /** N(m, s² I) restricted to the box (draws outside it are rejected). */
    static TruncatedPrior.Density gaussian(double m0, double m1, double s) {
        return new TruncatedPrior.Density() {
            @Override
            public Matrix sample(int n, UniformRandomProvider rng) {
                var g = ZigguratSampler.NormalizedGaussian.of(rng);
                Matrix out = Matrix.of(n, 2);
                for (int i = 0; i < n; ) {
                    float a = (float) (m0 + s * g.sample());
                    float b = (float) (m1 + s * g.sample());
                    if (Math.abs(a) <= 3 && Math.abs(b) <= 3) {
                        out.set(i, 0, a);
                        out.set(i++, 1, b);
                    }
                }
                return out;
            }

            @Override
            public double[] logProb(Matrix theta) {
                double[] lp = new double[theta.rows()];
                for (int i = 0; i < lp.length; i++) {
                    double a = theta.get(i, 0) - m0;
                    double b = theta.get(i, 1) - m1;
                    lp[i] = BOX.inSupport(theta.data(), theta.rowOffset(i))
                            ? -(a * a + b * b) / (2 * s * s) : Double.NEGATIVE_INFINITY;
                }
                return lp;
            }
        };
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void regionHoldsOneMinusEpsilonOfTheDensity() {
        TruncatedPrior.Density q = gaussian(0.2, -0.1, 0.5);
        TruncatedPrior t = TruncatedPrior.of(BOX, q, DEFAULTS, rng(1));
        // the region's q-mass outside is Beta(1, 9999)-distributed around ε = 1e-4 (threshold
        // = 2nd smallest of 10,000): P(outside mass > 1e-3) < 1e-4. Fresh draws: 200,000.
        boolean[] in = t.inRegion(q.sample(200_000, rng(2)));
        int outside = 0;
        for (boolean b : in) {
            outside += b ? 0 : 1;
        }
        assertThat(outside / 200_000.0).isLessThan(1e-3);
        // and the threshold is close to the true HPR boundary: log q = ln ε (radius² = −2 s² ln ε)
        assertThat(t.threshold()).isBetween(Math.log(1e-4) * 1.5, Math.log(1e-4) * 0.6);
    }

    @Test
    void rejectionDrawsAreThePriorRestrictedToTheRegion() {
        TruncatedPrior.Density q = gaussian(0.2, -0.1, 0.5);
        TruncatedPrior t = TruncatedPrior.of(BOX, q, DEFAULTS, rng(3));
        Proposal.Draw d = t.draw(20_000, rng(4));
        assertThat(d.note()).contains("rejection");
        Matrix theta = d.theta();
        boolean[] in = t.inRegion(theta);
        double r2 = -2 * 0.25 * t.threshold(); // the region is the disc of this radius²
        int inner = 0;
        for (int i = 0; i < theta.rows(); i++) {
            assertThat(in[i]).isTrue();
            assertThat(BOX.inSupport(theta.data(), theta.rowOffset(i))).isTrue();
            double a = theta.get(i, 0) - 0.2;
            double b = theta.get(i, 1) + 0.1;
            inner += a * a + b * b <= r2 / 2 ? 1 : 0;
        }
        // uniform on the disc: half the draws inside radius/√2; binomial sd 0.0035, 5 sd allowed
        // (false-failure rate < 1e-6)
        assertThat(inner / 20_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.018));
    }

    @Test
    void regionCutByTheSupportNeverLeavesIt() {
        TruncatedPrior.Density q = gaussian(2.8, -2.9, 0.5);
        TruncatedPrior t = TruncatedPrior.of(BOX, q, DEFAULTS, rng(5));
        Matrix theta = t.draw(5_000, rng(6)).theta();
        for (int i = 0; i < theta.rows(); i++) {
            assertThat(BOX.inSupport(theta.data(), theta.rowOffset(i))).isTrue();
        }
    }

    @Test
    void tinyRegionFallsBackToSir() {
        // disc of radius 0.01·4.29 in a 6 × 6 box: area share 1.6e-4 < 1 % → SIR
        TruncatedPrior.Density q = gaussian(1.0, 1.0, 0.01);
        TruncatedPrior t = TruncatedPrior.of(BOX, q, DEFAULTS, rng(7));
        Proposal.Draw d = t.draw(2_000, rng(8));
        assertThat(d.note()).contains("sampling-importance-resampling");
        boolean[] in = t.inRegion(d.theta());
        double mean0 = 0;
        for (int i = 0; i < in.length; i++) {
            assertThat(in[i]).isTrue();
            mean0 += d.theta().get(i, 0) / in.length;
        }
        // uniform on the disc: sd of one coordinate 0.0215, of the mean of 2,000 below 0.0005
        assertThat(mean0).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.003));
    }

    @Test
    void sameSeedSameDraws() {
        TruncatedPrior.Density q = gaussian(0.2, -0.1, 0.5);
        Matrix a = TruncatedPrior.of(BOX, q, DEFAULTS, rng(9)).draw(500, rng(10)).theta();
        Matrix b = TruncatedPrior.of(BOX, q, DEFAULTS, rng(9)).draw(500, rng(10)).theta();
        assertThat(a.toArray()).isEqualTo(b.toArray());
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new TruncatedPrior.Config(0, 10_000, 0.01, 32))
                .hasMessageContaining("epsilon").hasMessageContaining("(0, 1), got 0.0");
        assertThatThrownBy(() -> new TruncatedPrior.Config(1, 10_000, 0.01, 32))
                .hasMessageContaining("epsilon").hasMessageContaining("got 1.0");
        assertThatThrownBy(() -> new TruncatedPrior.Config(1e-4, 1, 0.01, 32))
                .hasMessageContaining("threshold samples");
        assertThatThrownBy(() -> new TruncatedPrior.Config(1e-4, 100, 0, 32))
                .hasMessageContaining("minimum acceptance");
    }
}
