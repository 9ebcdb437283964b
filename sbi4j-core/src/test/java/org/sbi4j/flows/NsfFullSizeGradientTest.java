package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/**
 * The gradient of sbi's default NSF at full size (5 couplings, 10 bins, 50 × 2 residual
 * conditioners, LU layers; 2-D θ, 2-D x) on standard-normal (z-scored) data against central
 * differences, on a random subset of every parameter tensor: small test networks can hide
 * errors that only show with many hidden units or with most points inside the spline.
 */
class NsfFullSizeGradientTest {

    @Test
    void defaultNsfGradientMatchesCentralDifferencesOnZScoredData() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(71);
        ConditionalFlow flow = Flows.nsf(2, 2, rng);
        int n = 64;
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix theta = Matrix.of(n, 2);
        Matrix x = Matrix.of(n, 2);
        for (int i = 0; i < 2 * n; i++) {
            theta.data()[i] = (float) normal.sample();
            x.data()[i] = (float) normal.sample();
        }
        // move away from the identity start so every path carries gradient
        for (Param p : flow.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[p.value().offset() + i] += (float) (0.05 * normal.sample());
            }
        }
        ConditionalDensityEstimator.Workspace ws = flow.workspace(n);
        flow.params().forEach(Param::zeroGrad);
        flow.lossAndGradient(theta, x, null, ws);
        float[] lp = new float[n];
        DoubleSupplier nll = () -> {
            flow.logProb(theta, x, lp, ws);
            double s = 0;
            for (float v : lp) {
                s -= v;
            }
            return s / n;
        };
        for (Param p : flow.params()) {
            int m = Math.min(p.size(), 12);
            double[] analytic = new double[m];
            double[] numeric = new double[m];
            for (int k = 0; k < m; k++) {
                int idx = p.size() <= 12 ? k : rng.nextInt(p.size());
                analytic[k] = p.grad().data()[p.grad().offset() + idx];
                numeric[k] = FiniteDifferences.gradient(nll, p.value().data(),
                        p.value().offset() + idx, 1, p.name().contains(".lu.") ? 2e-4f : 1e-2f)[0];
            }
            // LU parameters move every point, so a large step crosses kinks (ReLU, bin edges,
            // tail bound) of some of the 64 points: they get a small step.
            // float32 forward, step 1e-2 (2e-4 for LU) on O(1) losses: truncation and rounding ~1e-3 absolute;
            // a wrong term in the gradient shows as an O(1) relative error
            assertThat(FiniteDifferences.relativeError(analytic, numeric, 2e-2)).as(p.name())
                    .isLessThan(5e-2);
        }
    }
}
