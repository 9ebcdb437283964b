package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.Flows;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.kernels.KernelProvider;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.TestMatrices;
import org.sbi4j.tensor.Ops;
import org.sbi4j.testing.Allocations;

/** Sharded loss and gradient: the whole batch's, whatever the thread count. */
class DataParallelTest {

    private static final NsfSettings SMALL = NsfSettings.defaults().withTransforms(2)
            .withHiddenFeatures(20).withBins(4);

    private static Supplier<ConditionalDensityEstimator> nsf(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return () -> Flows.nsf(2, 3, SMALL, rng);
    }

    /** nsf, maf and mdn builders with sbi's defaults (θ of 2, x of 3). */
    static List<Function<UniformRandomProvider, ConditionalDensityEstimator>> kinds() {
        return List.of(r -> Flows.nsf(2, 3, SMALL, r), r -> Flows.maf(2, 3, r),
                r -> Flows.mdn(2, 3, r));
    }

    private record Step(float loss, float[] grad, float[] gradContext) {
    }

    private static Step step(ConditionalDensityEstimator e, Matrix theta, Matrix x) {
        return step(e, theta, x, null);
    }

    /** A plain step, or a weighted one when w is not null. */
    private static Step step(ConditionalDensityEstimator e, Matrix theta, Matrix x, float[] w) {
        ConditionalDensityEstimator.Workspace ws = e.workspace(theta.rows());
        Matrix gx = Matrix.of(theta.rows(), x.cols());
        Params.zeroGrad(e.params());
        float loss = w == null ? e.lossAndGradient(theta, x, gx, ws)
                : e.weightedLossAndGradient(theta, x, w, gx, ws);
        float[] g = new float[Params.count(e.params())];
        Params.copyGrads(e.params(), g);
        return new Step(loss, g, gx.data().clone());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shardsGiveTheWholeBatchsLossAndGradient(
            Function<UniformRandomProvider, ConditionalDensityEstimator> kind) {
        ConditionalDensityEstimator e = kind.apply(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        UniformRandomProvider other = RandomSource.XO_RO_SHI_RO_128_PP.create(9L);
        Matrix theta = TestMatrices.gaussian(151, 2, 2); // odd: shards of 76 and 75 rows
        Matrix x = TestMatrices.gaussian(151, 3, 3);
        Step whole = step(e, theta, x);
        Step sharded = step(DataParallel.of(e, () -> kind.apply(other)), theta, x);
        assertAgree(whole, sharded);
        // weighted (signed weights, as balanced NPE): each shard takes its rows' weights
        float[] w = new float[151];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 3 - 0.8f) / 151;
        }
        assertAgree(step(e, theta, x, w),
                step(DataParallel.of(e, () -> kind.apply(other)), theta, x, w));
    }

    private static void assertAgree(Step whole, Step sharded) {
        // float sums in another order: agreement to ~1e-6 relative, 1e-4 leaves room for 151 rows
        assertThat((double) sharded.loss()).isCloseTo(whole.loss(),
                org.assertj.core.data.Offset.offset(1e-4 * Math.abs(whole.loss())));
        double scale = 0;
        for (float v : whole.grad()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < whole.grad().length; i++) {
            assertThat((double) sharded.grad()[i]).as("gradient %d", i)
                    .isCloseTo(whole.grad()[i], org.assertj.core.data.Offset.offset(1e-4 * scale));
        }
        for (int i = 0; i < whole.gradContext().length; i++) {
            assertThat((double) sharded.gradContext()[i]).as("context gradient %d", i)
                    .isCloseTo(whole.gradContext()[i], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void oneThreadAndTheKernelThreadsGiveTheSameBits() {
        Matrix theta = TestMatrices.gaussian(200, 2, 4);
        Matrix x = TestMatrices.gaussian(200, 3, 5);
        ConditionalDensityEstimator a = nsf(1).get();
        ConditionalDensityEstimator b = nsf(1).get();
        Step parallel = step(new DataParallel(a, nsf(7), Ops.kernels()), theta, x);
        Step serial = step(new DataParallel(b, nsf(8), KernelProvider.scalar()), theta, x);
        assertThat(KernelProvider.scalar().parallelism()).isEqualTo(1);
        assertThat(parallel.loss()).isEqualTo(serial.loss());
        assertThat(parallel.grad()).containsExactly(serial.grad());
        assertThat(parallel.gradContext()).containsExactly(serial.gradContext());
    }

    @Test
    void smallBatchesAreNotSplit() {
        Matrix theta = TestMatrices.gaussian(DataParallel.MIN_ROWS - 1, 2, 6);
        Matrix x = TestMatrices.gaussian(DataParallel.MIN_ROWS - 1, 3, 7);
        Step whole = step(nsf(1).get(), theta, x);
        Step dp = step(DataParallel.of(nsf(1).get(), nsf(3)), theta, x);
        assertThat(dp.loss()).isEqualTo(whole.loss());
        assertThat(dp.grad()).containsExactly(whole.grad());
    }

    @Test
    void aFactoryOfAnotherArchitectureIsRejected() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        ConditionalDensityEstimator e = nsf(1).get();
        assertThatThrownBy(() -> DataParallel.of(e, () -> Flows.nsf(2, 3,
                SMALL.withHiddenFeatures(21), rng)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> DataParallel.of(e, () -> e))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same architecture");
    }

    @Test
    void stepsAllocateNothingOnceWarm() {
        ConditionalDensityEstimator dp = DataParallel.of(nsf(1).get(), nsf(2));
        Matrix theta = TestMatrices.gaussian(128, 2, 8);
        Matrix x = TestMatrices.gaussian(128, 3, 9);
        List<Param> params = dp.params();
        ConditionalDensityEstimator.Workspace ws = dp.workspace(128);
        Runnable step = () -> {
            Params.zeroGrad(params);
            dp.lossAndGradient(theta, x, null, ws);
        };
        // the caller's thread (shard 0, the combination); a few bytes of JIT noise are tolerated
        assertThat(Allocations.bytesOnceWarm(step, 2_000, 100, 1_000)).isLessThan(1_000);
    }
}
