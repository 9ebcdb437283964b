package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.tensor.Matrix;

/**
 * The exact two-moons posterior: against sbibm's reference samples, normalised, and passing
 * SBC (marginal and joint log-density ranks) with N = L = 1,000 — the yardstick the trained
 * networks are measured against in docs/benchmarks.md. Fixed seeds throughout.
 */
class TwoMoonsPosteriorTest {

    private static final TwoMoonsPosterior EXACT = new TwoMoonsPosterior();

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * Moments of 20,000 exact draws against sbibm's 10,000 reference draws for observations 1
     * and 2: means of θ₁, θ₂ and |θ₁ + θ₂|, and their standard deviations. Tolerance 5 standard
     * errors of the difference (≈ sd·√(1/20000 + 1/10000)); a false failure is a 1-in-10⁶ event
     * per comparison. A wrong sign convention or radius would move |θ₁ + θ₂| by ≥ 0.05.
     */
    @Test
    void matchesSbibmReferenceSamples() {
        Task task = Tasks.byName("two_moons");
        for (int k = 1; k <= 2; k++) {
            Matrix ref = task.referenceSamples(k);
            Matrix ours = EXACT.sample(task.observation(k), 20_000, rng(k));
            double[][] a = features(ref);
            double[][] b = features(ours);
            for (int f = 0; f < a.length; f++) {
                double[] ma = meanSd(a[f]);
                double[] mb = meanSd(b[f]);
                double se = ma[1] * Math.sqrt(1.0 / a[f].length + 1.0 / b[f].length);
                assertThat(mb[0]).as("obs %d feature %d mean", k, f).isCloseTo(ma[0], within(5 * se));
                assertThat(mb[1]).as("obs %d feature %d sd", k, f)
                        .isCloseTo(ma[1], within(5 * se + 0.01 * ma[1]));
            }
        }
    }

    /**
     * ∫ exp(logProb − logNormalizer) dθ over the prior box by the midpoint rule on a 2,000²
     * grid (spacing 0.001, a tenth of the crescent's width): 1 within 1 % (the Monte-Carlo
     * normaliser with 10⁶ draws has a relative error of ~0.2 %, the grid less).
     */
    @Test
    void logProbMinusNormalizerIntegratesToOne() {
        float[] x = Tasks.byName("two_moons").observation(1);
        int n = 2000;
        double h = 2.0 / n;
        Matrix row = Matrix.of(n, 2);
        double logZ = EXACT.logNormalizer(x, 1_000_000, rng(3));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row.set(j, 0, (float) (-1 + (i + 0.5) * h));
                row.set(j, 1, (float) (-1 + (j + 0.5) * h));
            }
            for (double lp : EXACT.logProb(row, x)) {
                sum += Math.exp(lp - logZ) * h * h;
            }
        }
        assertThat(sum).isCloseTo(1.0, within(0.01));
    }

    /**
     * The exact posterior passes SBC with the defaults (N = L = 1,000, family-wise α = 0.01, so
     * a false failure has probability ≤ 1 % for this fixed seed), the joint log-density rank
     * included, and its HPD coverage lies in the band: the joint test is sound on a thin,
     * bimodal posterior, so the trained networks' joint failures are theirs.
     */
    @Test
    void exactPosteriorPassesSbcWithJointRank() {
        Task task = Tasks.byName("two_moons");
        SimulationResult test = Simulations.builder(task.prior(), task.simulator()).seed(7)
                .threads(2).run(Sbc.DEFAULT_PAIRS);
        SbcRanks ranks = Sbc.ranks(test.theta(), test.x(), EXACT, EXACT, Sbc.DEFAULT_SAMPLES, 2,
                rng(8));
        SbcResult sbc = Sbc.test(ranks, List.of("parameter_1", "parameter_2"), Sbc.DEFAULT_ALPHA,
                rng(9));
        assertThat(sbc.joint()).isNotNull();
        assertThat(sbc.calibrated()).as(sbc.verdict()).isTrue();
        CoverageResult hpd = Coverage.hpd(ranks, Sbc.DEFAULT_ALPHA);
        assertThat(hpd.calibrated()).as(hpd.verdict()).isTrue();
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> EXACT.sample(new float[3], 1, rng(1)))
                .hasMessageContaining("2-dimensional x, got 3");
        assertThatThrownBy(() -> EXACT.sample(new float[] {5f, 0f}, 1, rng(1)))
                .hasMessageContaining("not reachable");
        assertThatThrownBy(() -> EXACT.logNormalizer(new float[] {0f, 0f}, 0, rng(1)))
                .hasMessageContaining("draws must be >= 1, got 0");
        assertThatThrownBy(() -> EXACT.logProb(Matrix.of(1, 3), new float[2]))
                .hasMessageContaining("theta has 3 columns");
    }

    /** θ₁, θ₂ and |θ₁ + θ₂| of each row. */
    private static double[][] features(Matrix m) {
        double[][] f = new double[3][m.rows()];
        for (int i = 0; i < m.rows(); i++) {
            f[0][i] = m.get(i, 0);
            f[1][i] = m.get(i, 1);
            f[2][i] = Math.abs(m.get(i, 0) + m.get(i, 1));
        }
        return f;
    }

    private static double[] meanSd(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        double mean = s / v.length;
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }
}
