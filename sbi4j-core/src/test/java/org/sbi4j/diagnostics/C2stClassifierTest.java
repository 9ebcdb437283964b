package org.sbi4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

class C2stClassifierTest {

    @Test
    void lossGradientIncludingTheL2TermMatchesFiniteDifferences() {
        // alpha = 0.5 so that the sklearn L2 term α/(2b)·ΣW² is a visible part of the gradient;
        // b = 7 points in d = 2 (hidden 20). Hidden activation tanh instead of ReLU: a probe of
        // h = 1e-2 crossing a ReLU kink would make the finite difference meaningless, and the
        // ReLU layer has its own gradient test in nn; what is checked here is the loss, the
        // logistic output and the L2 term. Central differences in float32 are good to ~1e-3
        // relative (see FiniteDifferences): tolerance 1e-2 of the largest gradient entry.
        C2st.Config cfg = new C2st.Config(5, 10, 200, 1e-3, 0.5, 1e-4, 10, 10, true, 1);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        C2stClassifier clf = new C2stClassifier(2, cfg, Activation.TANH, rng);
        int b = 7;
        Matrix x = Matrix.of(b, 2);
        float[] y = new float[b];
        for (int i = 0; i < b; i++) {
            x.set(i, 0, (float) (2 * rng.nextDouble() - 1));
            x.set(i, 1, (float) (2 * rng.nextDouble() - 1));
            y[i] = i % 2;
        }
        Matrix grad = Matrix.of(b, 1);
        Layer.Workspace ws = clf.workspace(b);
        clf.lossAndGradient(x, y, grad, ws);
        for (Param p : clf.params()) {
            double[] analytic = FiniteDifferences.toDouble(p.grad().data(), p.grad().offset(),
                    p.size());
            Matrix scratchGrad = Matrix.of(b, 1);
            double[] numeric = FiniteDifferences.gradient(
                    () -> clf.lossAndGradient(x, y, scratchGrad, ws), p.value());
            clf.lossAndGradient(x, y, grad, ws);
            assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-3))
                    .as(p.name()).isLessThan(1e-2);
        }
    }

    @Test
    void l2TermIsAlphaOver2bTimesSquaredWeightsOnly() {
        // with the same weights, the loss difference between alpha = 0.3 and alpha = 0 is
        // 0.3/(2b)·Σ‖W‖² over weight matrices (biases excluded), sklearn's convention
        UniformRandomProvider r1 = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        UniformRandomProvider r2 = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        C2stClassifier with = new C2stClassifier(3,
                new C2st.Config(5, 10, 200, 1e-3, 0.3, 1e-4, 10, 10, true, 1), r1);
        C2stClassifier without = new C2stClassifier(3,
                new C2st.Config(5, 10, 200, 1e-3, 0.0, 1e-4, 10, 10, true, 1), r2);
        int b = 4;
        Matrix x = Matrix.of(b, 3).fill(0.5f);
        float[] y = {0, 1, 0, 1};
        double lw = with.lossAndGradient(x, y, Matrix.of(b, 1),
                with.workspace(b));
        double lo = without.lossAndGradient(x, y, Matrix.of(b, 1),
                without.workspace(b));
        double sq = 0;
        for (Param p : with.params()) {
            if (p.name().endsWith(".weight")) {
                for (float v : p.value().toArray()) {
                    sq += (double) v * v;
                }
            }
        }
        assertThat(lw - lo).isCloseTo(0.3 / (2 * b) * sq, org.assertj.core.data.Offset.offset(1e-5));
    }
}
