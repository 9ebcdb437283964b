package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.Allocations;

/**
 * The estimator's part of a training step (zero grads, loss and gradient) and a logProb call
 * allocate nothing once warm; clipping and Adam are covered by nn's AllocationTest.
 */
class FlowAllocationTest {

    @Test
    void trainingStepsAndLogProbAllocateNothingOnceWarm() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(50L);
        // the conditioners are plain-loop test layers, so this measures the flows code itself
        // (spline, affine, coupling, autoregressive, LU, permutation, composition, base, MDN);
        // the nn layers and GEMM kernels have their own allocation tests
        RationalQuadraticSpline spline = RationalQuadraticSpline.of(6, 3f);
        int p = spline.paramsPerDim();
        ConditionalDensityEstimator[] estimators = {
            ConditionalFlow.of(ComposedTransform.of(List.of(
                    CouplingTransform.of(spline, CouplingTransform.alternatingMask(3, 0),
                            LoopConditioner.dense(1 + 2, 2 * p), 2),
                    LuLinear.identity(3, 2),
                    MaskedAutoregressiveTransform.of(AffineBijection.standard(),
                            LoopConditioner.autoregressive(3, 2, 2), 3),
                    Permutation.reverse(3, 2),
                    MaskedAutoregressiveTransform.of(spline,
                            LoopConditioner.autoregressive(3, 2, p), 3)))),
            Mdn.of(LoopConditioner.dense(2, Mdn.outputSize(3, 3)), 3, 3),
        };
        for (ConditionalDensityEstimator e : estimators) {
            List<Param> params = e.params();
            ConditionalDensityEstimator.Workspace ws = e.workspace(16);
            Matrix theta = random(16, e.thetaSize(), rng);
            Matrix x = random(16, e.contextSize(), rng);
            Matrix gx = Matrix.of(16, e.contextSize());
            Matrix smallTheta = theta.rowView(0, 7);
            Matrix smallX = x.rowView(0, 7);
            float[] lp = new float[16];
            Runnable step = () -> {
                Params.zeroGrad(params);
                e.lossAndGradient(theta, x, gx, ws);
                e.logProb(smallTheta, smallX, lp, ws); // a smaller batch reuses the buffers
            };
            long bytes = Allocations.bytesOnceWarm(step, 3_000, 200, 1024);
            // one 16-byte object per step would already be 3,200 bytes; the allowance covers
            // the measuring call itself
            assertThat(bytes).as("bytes allocated by 200 steps of %s", e).isLessThan(1024);
        }
    }

    private static Matrix random(int rows, int cols, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m;
    }
}
