package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Dataset;

/**
 * The automatic batch size and learning rate (issue 26): the values the documentation states,
 * explicit settings left alone, and the Trainer applying the rule deterministically.
 */
class TrainingConfigTest {

    @Test
    void atOneThousandSimulationsTheDefaultsTrainBatchesOf50At2e3() {
        // 1,000 simulations with 10 % validation: 900 training pairs (docs/benchmarks.md)
        TrainingConfig r = TrainingConfig.DEFAULTS.resolve(900);
        assertThat(r.batchSize()).isEqualTo(50);
        assertThat(r.learningRate()).isCloseTo(2e-3, within(1e-15));
        // 2,000 simulations: halfway, batches of 100 at 1e-3
        assertThat(TrainingConfig.DEFAULTS.batchSizeFor(1800)).isEqualTo(100);
        assertThat(TrainingConfig.DEFAULTS.learningRateFor(1800)).isCloseTo(1e-3, within(1e-15));
    }

    @Test
    void fromFourThousandSimulationsUpTheDefaultsAreSbis() {
        for (long n : new long[] {3600, 9000, 90_000, 9_000_000}) {
            assertThat(TrainingConfig.DEFAULTS.batchSizeFor(n)).as("n = %d", n).isEqualTo(200);
            assertThat(TrainingConfig.DEFAULTS.learningRateFor(n)).as("n = %d", n)
                    .isEqualTo(5e-4);
        }
        assertThat(TrainingConfig.DEFAULTS.resolve(9000)).isEqualTo(TrainingConfig.SBI);
    }

    @Test
    void theRuleIsMonotoneAndBoundedBelowTheThreshold() {
        int lastBatch = 0;
        double lastRate = Double.POSITIVE_INFINITY;
        for (long n = 1; n <= 5000; n += 7) {
            int b = TrainingConfig.DEFAULTS.batchSizeFor(n);
            double lr = TrainingConfig.DEFAULTS.learningRateFor(n);
            assertThat(b).as("n = %d", n).isBetween(1, 200).isLessThanOrEqualTo((int) n)
                    .isGreaterThanOrEqualTo(lastBatch);
            assertThat(lr).as("n = %d", n).isBetween(5e-4, 2e-3).isLessThanOrEqualTo(lastRate);
            // the step grows as the batch shrinks: lr · b stays at sbi's 0.1 (up to rounding)
            if (n >= 200) {
                assertThat(lr * b).as("n = %d", n).isCloseTo(0.1, within(0.1 * 0.02));
            }
            lastBatch = b;
            lastRate = lr;
        }
        // fewer pairs than the smallest automatic batch: one batch of all of them
        assertThat(TrainingConfig.DEFAULTS.batchSizeFor(30)).isEqualTo(30);
        assertThat(TrainingConfig.DEFAULTS.learningRateFor(30)).isEqualTo(2e-3);
    }

    @Test
    void explicitSettingsAreKept() {
        TrainingConfig c = TrainingConfig.DEFAULTS.withBatchSize(128).withLearningRate(1e-4);
        assertThat(c.batchSizeFor(900)).isEqualTo(128);
        assertThat(c.learningRateFor(900)).isEqualTo(1e-4);
        assertThat(c.batchSizeFor(100)).isEqualTo(100); // capped at the training set
        // an explicit batch alone keeps the automatic rate of the set's size
        assertThat(TrainingConfig.DEFAULTS.withBatchSize(200).learningRateFor(900))
                .isCloseTo(2e-3, within(1e-15));
        assertThat(TrainingConfig.SBI.resolve(900).batchSize()).isEqualTo(200);
        assertThat(TrainingConfig.SBI.resolve(900).learningRate()).isEqualTo(5e-4);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> TrainingConfig.DEFAULTS.withBatchSize(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size").hasMessageContaining("-3");
        assertThatThrownBy(() -> TrainingConfig.DEFAULTS.withLearningRate(-1e-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining("-0.001");
        assertThatThrownBy(() -> TrainingConfig.DEFAULTS.batchSizeFor(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training pair").hasMessageContaining("0");
    }

    @Test
    void theTrainerAppliesTheRuleAndRepeatsItsBits() {
        Dataset train = TrainerTest.conditionalGaussian(900, 11);
        Dataset val = TrainerTest.conditionalGaussian(100, 12);
        TrainingConfig auto = TrainingConfig.DEFAULTS.withMaxEpochs(6);
        TrainingReport a = Trainer.of(auto).train(TrainerTest.mdn(3), train, val,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        TrainingReport b = Trainer.of(auto).train(TrainerTest.mdn(3), train, val,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        TrainingReport explicit = Trainer.of(auto.withBatchSize(50).withLearningRate(2e-3))
                .train(TrainerTest.mdn(3), train, val,
                        RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        TrainingReport sbi = Trainer.of(TrainingConfig.SBI.withMaxEpochs(6))
                .train(TrainerTest.mdn(3), train, val,
                        RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        assertThat(a.validationLosses()).containsExactly(b.validationLosses());
        assertThat(a.validationLosses()).containsExactly(explicit.validationLosses());
        assertThat(a.validationLosses()).isNotEqualTo(sbi.validationLosses());
        List<Double> rates = a.epochs().stream().map(EpochRecord::learningRate).toList();
        assertThat(rates).hasSize(6).allSatisfy(r -> assertThat(r).isCloseTo(2e-3,
                within(1e-15)));
    }
}
