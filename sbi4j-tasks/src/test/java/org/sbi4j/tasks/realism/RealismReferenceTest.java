package org.sbi4j.tasks.realism;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.PosteriorSampler;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.prob.Prior;
import org.sbi4j.tasks.mcmc.Metropolis;
import org.sbi4j.tensor.Matrix;

/**
 * The reference posteriors are right: (1) simulation-based calibration of each reference sampler
 * itself on 40 (θ, x) pairs from the prior predictive (L = 99 draws each; Sbc's rank tests at a
 * family-wise level of 1 %), and (2) for counts, oscillation and nuisance the grid reference
 * against a long adaptive-Metropolis chain on the joint posterior of all parameters (nuisances
 * sampled, then dropped).
 */
class RealismReferenceTest {

    /** Reference samplers at the coarse test resolution (the draws are exact at any resolution). */
    private static final Map<String, PosteriorSampler> COARSE = Map.of(
            "realism_counts", (x, n, rng) -> GrowthCounts.referenceSamples(x, n, GridPosterior.Resolution.coarse(2), rng),
            "realism_oscillation", (x, n, rng) -> DampedOscillation.referenceSamples(x, n, GridPosterior.Resolution.coarse(2), rng),
            "realism_image", (x, n, rng) -> GaussianBlobImage.referenceSamples(x, n, GridPosterior.Resolution.coarse(2), rng),
            "realism_trials", (x, n, rng) -> RegressionTrials.referenceSamples(x, n, GridPosterior.Resolution.coarse(3), rng),
            "realism_nuisance", (x, n, rng) -> SpectralLine.referenceSamples(x, n, GridPosterior.Resolution.coarse(3), rng),
            "realism_binomial", (x, n, rng) -> DoseResponse.referenceSamples(x, n, GridPosterior.Resolution.coarse(3), rng));

    private static Matrix columns(Matrix m, int[] idx) {
        Matrix out = Matrix.of(m.rows(), idx.length);
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < idx.length; j++) {
                out.set(i, j, m.get(i, idx[j]));
            }
        }
        return out;
    }

    @Test
    void everyReferenceIsCalibratedOnThePriorPredictive() {
        long seed = 100;
        for (RealismTask.Definition def : RealismTasks.definitions()) {
            Prior prior = def.prior();
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed++);
            int pairs = 40;
            Matrix theta = prior.sample(pairs, rng);
            Matrix x = Matrix.of(pairs, def.simulator().xDim());
            for (int i = 0; i < pairs; i++) {
                def.simulator().simulate(theta.data(), theta.rowOffset(i), rng, x.data(), x.rowOffset(i));
            }
            SbcResult r = Sbc.run(columns(theta, prior.interestIndices()), x, COARSE.get(def.name()), null, 99,
                    prior.interestNames(), 0.01, rng);
            assertThat(r.calibrated()).as("%s: %s", def.name(), r.verdict()).isTrue();
        }
    }

    /** n draws of the parameters of interest from a Metropolis chain on the joint posterior. */
    private static Matrix mcmc(RealismTask task, float[] x, int n, UniformRandomProvider rng) {
        Prior prior = task.prior();
        int d = prior.dim();
        float[] t = new float[d];
        Metropolis m = Metropolis.of(th -> {
            for (int j = 0; j < d; j++) {
                t[j] = (float) th[j];
            }
            double lp = prior.logProb(t, 0);
            return Double.isFinite(lp) ? lp + task.logLikelihood(x, th) : lp;
        }, 20_000, 40);
        double[] start = new double[d];
        float[] truth = task.definition().trueParameters(1);
        for (int j = 0; j < d; j++) {
            start[j] = truth[j];
        }
        Matrix all = m.run(start, n, rng).samples();
        return columns(all, prior.interestIndices());
    }

    private static double[] meanSd(Matrix m, int j) {
        double s = 0;
        double q = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += m.get(i, j);
        }
        double mean = s / m.rows();
        for (int i = 0; i < m.rows(); i++) {
            q += (m.get(i, j) - mean) * (m.get(i, j) - mean);
        }
        return new double[] {mean, Math.sqrt(q / (m.rows() - 1))};
    }

    /**
     * Moments of grid and MCMC agree: means within 0.1 posterior sd (about 3 standard errors for a
     * chain with an effective size ≥ 1,000 of its 10,000 kept states) and sds within 10 %.
     */
    private static void agree(RealismTask task, int k, long seed) {
        Matrix grid = task.referenceSamples(k);
        Matrix chain = mcmc(task, task.observation(k), 10_000, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        for (int j = 0; j < grid.cols(); j++) {
            double[] g = meanSd(grid, j);
            double[] c = meanSd(chain, j);
            String p = task.name() + " obs " + k + " " + task.referenceNames().get(j);
            assertThat(Math.abs(g[0] - c[0]) / g[1]).as("%s: |mean difference| / sd (grid %s, mcmc %s)", p, g[0], c[0])
                    .isLessThan(0.1);
            assertThat(c[1] / g[1]).as("%s: sd ratio mcmc/grid", p).isBetween(0.9, 1.1);
        }
    }

    @Test
    void countsGridAgreesWithMcmc() {
        RealismTask t = GrowthCounts.task();
        for (int k = 1; k <= 3; k++) {
            agree(t, k, 300 + k);
        }
    }

    @Test
    void oscillationGridAgreesWithMcmcOnTheJointWithAmplitudeAndPhase() {
        RealismTask t = DampedOscillation.task();
        agree(t, 1, 311);
        agree(t, 3, 313);
    }

    @Test
    void nuisanceGridAgreesWithMcmcOnAllSixParameters() {
        RealismTask t = SpectralLine.task();
        agree(t, 1, 321);
        agree(t, 3, 323);
    }

    @Test
    void c2stCannotTellGridFromMcmc() {
        // the check the task suite asks of a reference computed two ways: C2ST (sbibm settings) ≤ 0.55
        RealismTask t = GrowthCounts.task();
        Matrix grid = t.referenceSamples(1);
        Matrix chain = mcmc(t, t.observation(1), 10_000, RandomSource.XO_RO_SHI_RO_128_PP.create(331));
        double acc = C2st.run(grid, chain, C2st.Config.sbibm().withThreads(2),
                RandomSource.XO_RO_SHI_RO_128_PP.create(332)).accuracy();
        assertThat(acc).isLessThan(0.55);
    }
}
