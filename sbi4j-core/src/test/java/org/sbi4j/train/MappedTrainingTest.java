package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.BatchSource;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.MappedDataset;
import org.sbi4j.flows.Mdn;
import org.sbi4j.io.Npy;

/** Training from memory-mapped .npy files (data larger than the heap) through batch sources. */
class MappedTrainingTest {

    @Test
    void trainsFromMappedFilesAsWellAsFromMemory(@TempDir Path dir) throws Exception {
        Dataset train = TrainerTest.conditionalGaussian(2000, 1);
        Dataset val = TrainerTest.conditionalGaussian(500, 2);
        Npy.write(dir.resolve("theta.npy"), train.theta());
        Npy.write(dir.resolve("x.npy"), train.x());
        Npy.writeLong(dir.resolve("index.npy"), train.index());
        try (MappedDataset mapped = MappedDataset.open(dir)) {
            Mdn est = TrainerTest.mdn(3);
            TrainingReport r = Trainer.of(TrainerTest.FAST).train(est, mapped.batches(100),
                    BatchSource.of(val, 500), RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
            // the same bound as the in-memory test: within 0.1 nat of the true conditional's
            // expected negative log-likelihood 0.726
            assertThat(r.bestValidationLoss()).isLessThan(0.726 + 0.1);
        }
    }
}
