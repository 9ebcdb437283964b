package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.Mdn;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;

class TrainerTest {

    /** θ | x ~ N(2x, 0.5²) with x ~ N(0, 1): a one-component MDN can represent it exactly. */
    static Dataset conditionalGaussian(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix theta = Matrix.of(n, 1);
        Matrix x = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            double xi = g.sample();
            x.set(i, 0, (float) xi);
            theta.set(i, 0, (float) (2 * xi + 0.5 * g.sample()));
        }
        return Dataset.of(theta, x);
    }

    static Mdn mdn(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return Mdn.of(Mlp.of(1, new int[] {16}, Mdn.outputSize(1, 1), Activation.TANH, rng), 1, 1);
    }

    static final TrainingConfig FAST = TrainingConfig.DEFAULTS.withLearningRate(1e-2)
            .withBatchSize(100).withStopAfterEpochs(5).withMaxEpochs(60);

    @Test
    void learnsTheConditionalGaussianAndKeepsTheBestEpoch() {
        Dataset train = conditionalGaussian(2000, 1);
        Dataset val = conditionalGaussian(500, 2);
        Mdn est = mdn(3);
        TrainingReport r = Trainer.of(FAST).train(est, train, val,
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        // the true conditional's expected NLL is 0.5·log(2π·0.25) + 0.5 = 0.726; with 2,000
        // pairs and a 16-unit network, 0.1 above it is a loose but meaningful bound
        assertThat(r.bestValidationLoss()).isLessThan(0.726 + 0.1);
        double[] v = r.validationLosses();
        double min = Double.POSITIVE_INFINITY;
        for (double d : v) {
            min = Math.min(min, d);
        }
        assertThat(r.bestValidationLoss()).isEqualTo(min);
        // the weights left in the estimator are the best epoch's: re-evaluate the loss
        assertThat(new Validator(est, val).loss()).isCloseTo(min, within(1e-9));
    }

    @Test
    void sameSeedSameWeights() {
        Dataset train = conditionalGaussian(1000, 1);
        Dataset val = conditionalGaussian(200, 2);
        float[][] w = new float[2][];
        for (int k = 0; k < 2; k++) {
            Mdn est = mdn(3);
            Trainer.of(FAST.withMaxEpochs(8)).train(est, train, val,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            w[k] = Params.values(est.params());
        }
        assertThat(w[1]).containsExactly(w[0]);
    }

    @Test
    void resumingFromACheckpointReproducesTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Dataset train = conditionalGaussian(1000, 1);
        Dataset val = conditionalGaussian(200, 2);
        TrainingConfig cfg = FAST.withMaxEpochs(10).withStopAfterEpochs(100);
        Mdn full = mdn(3);
        TrainingReport whole = Trainer.of(cfg).train(full, train, val,
                RandomSource.XO_RO_SHI_RO_128_PP.create(6L));

        Mdn part = mdn(3);
        Path ckp = dir.resolve("run.ckpt");
        Trainer.of(cfg).listener(new TrainingListener() {
                    @Override
                    public boolean onEpoch(EpochRecord e) {
                        return e.epoch() < 4; // "killed" after epoch 4
                    }

                    @Override
                    public boolean wantsCheckpoints() {
                        return true;
                    }

                    @Override
                    public void onCheckpoint(Checkpoint c) {
                        try {
                            Checkpoints.save(c, ckp);
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                }).train(part, train, val, RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        Mdn resumed = mdn(99); // different initial weights: the checkpoint must overwrite them
        TrainingReport rest = Trainer.of(cfg).resumeFrom(Checkpoints.load(ckp))
                .train(resumed, train, val, RandomSource.XO_RO_SHI_RO_128_PP.create(12345L));
        assertThat(Params.values(resumed.params())).containsExactly(Params.values(full.params()));
        assertThat(rest.validationLosses()).containsExactly(whole.validationLosses());
    }

    @Test
    void nonFiniteLossIsSkippedAndReported() {
        Dataset train = conditionalGaussian(1000, 1);
        Dataset val = conditionalGaussian(200, 2);
        Mdn inner = mdn(3);
        // poison steps 15 and 16 (in epoch 2)
        ConditionalDensityEstimator poisoned = new PoisonedEstimator(inner, 15, 16);
        TrainingReport r = Trainer.of(FAST.withMaxEpochs(6)).train(poisoned, train, val,
                RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        assertThat(r.events()).hasSize(2).allMatch(e -> e.contains("non-finite loss"));
        assertThat(r.epochs().get(1).skippedSteps()).isEqualTo(2);
        for (Param p : inner.params()) {
            for (float v : p.value().toArray()) {
                assertThat(v).isFinite();
            }
        }
        assertThat(r.bestValidationLoss()).isFinite();
    }

    @Test
    void optionsAreImmutableValuesAndNullsAreRejectedByName() {
        Trainer plain = Trainer.of(FAST.withMaxEpochs(3));
        int[] calls = new int[1];
        Trainer listening = plain.listener(e -> ++calls[0] > 0);
        Dataset train = conditionalGaussian(300, 1);
        Dataset val = conditionalGaussian(100, 2);
        Mdn a = mdn(3);
        Mdn b = mdn(3);
        plain.train(a, train, val, RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        assertThat(calls[0]).isZero(); // adding a listener made a new trainer
        TrainingReport r = listening.train(b, train, val, RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        assertThat(calls[0]).isEqualTo(r.epochs().size()).isPositive();
        assertThat(Params.values(b.params())).containsExactly(Params.values(a.params()));
        assertThat(plain.config()).isEqualTo(FAST.withMaxEpochs(3));
        assertThatThrownBy(() -> Trainer.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training config");
        assertThatThrownBy(() -> plain.listener(null)).hasMessageContaining("listener");
        assertThatThrownBy(() -> plain.resumeFrom(null)).hasMessageContaining("checkpoint");
        assertThatThrownBy(() -> plain.balance(null)).hasMessageContaining("balanced loss");
        assertThatThrownBy(() -> plain.train(a, train, val, null))
                .hasMessageContaining("random generator");
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        Dataset train = conditionalGaussian(100, 1);
        Mdn est = Mdn.of(Mlp.of(2, new int[] {4}, Mdn.outputSize(1, 1), Activation.TANH,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L)), 1, 1);
        assertThatThrownBy(() -> Trainer.of(FAST).train(est, train, train,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x dimension 1").hasMessageContaining("expects 1 and 2");
    }

    /** Delegates, but returns NaN as the loss at the given (1-based) steps. */
    static final class PoisonedEstimator implements ConditionalDensityEstimator {
        private final ConditionalDensityEstimator inner;
        private final List<Integer> bad = new ArrayList<>();
        private int step;

        PoisonedEstimator(ConditionalDensityEstimator inner, Integer... steps) {
            this.inner = inner;
            bad.addAll(List.of(steps));
        }

        @Override public int thetaSize() { return inner.thetaSize(); }
        @Override public int contextSize() { return inner.contextSize(); }
        @Override public List<Param> params() { return inner.params(); }
        @Override public Workspace workspace(int maxRows) { return inner.workspace(maxRows); }

        @Override
        public void logProb(Matrix theta, Matrix context, float[] out, Workspace ws) {
            inner.logProb(theta, context, out, ws);
        }

        @Override
        public float lossAndGradient(Matrix theta, Matrix context, Matrix gradContext,
                                     Workspace ws) {
            float l = inner.lossAndGradient(theta, context, gradContext, ws);
            return bad.contains(++step) ? Float.NaN : l;
        }

        @Override
        public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                        Workspace ws) {
            return inner.sampleAndLogProb(perContext, contexts, rng, ws);
        }
    }
}
