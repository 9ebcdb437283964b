package org.sbi4j.train;

import java.util.List;
import org.sbi4j.optim.Adam;

/**
 * Everything needed to resume a training run exactly where it stopped: weights, optimiser
 * moments, early-stopping bookkeeping and the shuffle seed. Save it with {@link Checkpoints}.
 *
 * @param epoch                    epochs completed
 * @param shuffleSeed              seed of the per-epoch shuffle streams
 * @param weights                  current flat weights
 * @param adam                     optimiser state
 * @param bestWeights              weights of the best epoch so far
 * @param bestEpoch                the best epoch (0 if none yet)
 * @param bestLoss                 its validation loss
 * @param epochsWithoutImprovement epochs since the best
 * @param lrScale                  learning-rate factor after recoveries (1 = none)
 * @param recoveries               recoveries from non-finite steps so far
 * @param records                  the epochs run so far
 * @param events                   the report's notes so far
 */
public record Checkpoint(int epoch, long shuffleSeed, float[] weights, Adam.State adam,
                         float[] bestWeights, int bestEpoch, double bestLoss,
                         int epochsWithoutImprovement, double lrScale, int recoveries,
                         List<EpochRecord> records, List<String> events) {

    public Checkpoint {
        records = List.copyOf(records);
        events = List.copyOf(events);
    }
}
