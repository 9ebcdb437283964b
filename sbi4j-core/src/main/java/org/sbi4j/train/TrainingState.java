package org.sbi4j.train;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.LearningRateSchedule;

/** The mutable bookkeeping of one training run (package-private; {@link Trainer} owns it). */
final class TrainingState {

    final List<Param> params;
    final TrainingConfig config;
    final long shuffleSeed;
    private final Adam adam;
    int epoch;
    float[] bestWeights;
    int bestEpoch;
    double bestLoss = Double.POSITIVE_INFINITY;
    int epochsWithoutImprovement;
    double lrScale = 1.0;
    int recoveries;
    final List<EpochRecord> records = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    private TrainingState(List<Param> params, TrainingConfig config, long shuffleSeed) {
        this.params = params;
        this.config = config;
        this.shuffleSeed = shuffleSeed;
        AdamConfig ac = AdamConfig.defaults().withLearningRate(config.learningRate());
        if (config.weightDecay() > 0) {
            ac = ac.withWeightDecay(config.weightDecay(), config.decoupled()
                    ? AdamConfig.WeightDecay.DECOUPLED : AdamConfig.WeightDecay.L2);
        }
        this.adam = Adam.of(params, ac);
        this.bestWeights = Params.values(params);
    }

    static TrainingState fresh(List<Param> params, TrainingConfig config, long shuffleSeed) {
        return new TrainingState(params, config, shuffleSeed);
    }

    static TrainingState resume(List<Param> params, TrainingConfig config, Checkpoint c) {
        if (c.weights().length != Params.count(params)) {
            throw new IllegalArgumentException("checkpoint holds " + c.weights().length
                    + " weights, the estimator has " + Params.count(params));
        }
        TrainingState s = new TrainingState(params, config, c.shuffleSeed());
        Params.setValues(params, c.weights());
        s.adam.restore(c.adam());
        s.epoch = c.epoch();
        s.bestWeights = c.bestWeights().clone();
        s.bestEpoch = c.bestEpoch();
        s.bestLoss = c.bestLoss();
        s.epochsWithoutImprovement = c.epochsWithoutImprovement();
        s.lrScale = c.lrScale();
        s.recoveries = c.recoveries();
        s.records.addAll(c.records());
        s.events.addAll(c.events());
        return s;
    }

    Adam adam() {
        return adam;
    }

    /** The learning rate for an epoch: the schedule (per epoch) times the recovery factor. */
    double learningRate(int epochNumber, int batchesPerEpoch) {
        double base = config.learningRate();
        if (config.cosineEpochs() > 0) {
            LearningRateSchedule sched = LearningRateSchedule.cosine(base, 0.0,
                    config.warmupEpochs(), (long) config.warmupEpochs() + config.cosineEpochs());
            base = sched.at(epochNumber - 1L);
        }
        return base * lrScale;
    }

    /** Handles a non-finite step: restore the best weights, halve the rate; returns the new rate. */
    double recover(int epochNumber, float loss, double norm, double lr) {
        recoveries++;
        lrScale *= 0.5;
        Params.zeroGrad(params);
        Params.setValues(params, bestWeights);
        events.add("epoch " + epochNumber + ": non-finite " + (Float.isFinite(loss)
                ? "gradient (norm " + norm + ")" : "loss (" + loss + ")")
                + "; step skipped, best weights restored, learning rate halved to " + lr * 0.5);
        return lr * 0.5;
    }

    /** Records an epoch and updates the early-stopping bookkeeping. */
    void endEpoch(EpochRecord r) {
        epoch = r.epoch();
        records.add(r);
        if (r.validationLoss() < bestLoss) {
            bestLoss = r.validationLoss();
            bestEpoch = r.epoch();
            epochsWithoutImprovement = 0;
            Params.copyValues(params, bestWeights);
        } else {
            epochsWithoutImprovement++;
        }
    }

    void restoreBest() {
        if (bestEpoch > 0) {
            Params.setValues(params, bestWeights);
        }
    }

    Checkpoint checkpoint() {
        return new Checkpoint(epoch, shuffleSeed, Params.values(params), adam.state(),
                bestWeights.clone(), bestEpoch, bestLoss, epochsWithoutImprovement, lrScale,
                recoveries, records, events);
    }
}
