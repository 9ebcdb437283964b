package org.sbi4j.nre;

import java.util.List;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.Standardizer;
import org.sbi4j.data.XPreprocessing;
import org.sbi4j.nle.InputMaps;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.train.TrainingReport;

/**
 * Trains a ratio classifier on (θ, x) pairs: z-scoring of θ and x fitted on the training split,
 * a new {@link NreConfig#buildNetwork network} (or a warm start's weights and z-scoring), then
 * the {@link Trainer} (Adam, gradient clipping, early stopping on the validation split's ratio
 * loss, best weights restored) on the {@link RatioObjective}, data-parallel over two fixed
 * shards so any thread count gives the same bits. The contrastive θ of a row come from its
 * shard of the batch.
 *
 * <p>Randomness: the split from stream (seed, {@link #SPLIT_STREAM}), the initial weights from
 * {@link EstimatorSpec#buildRng}, the shuffling and contrastive draws from stream (seed,
 * {@link #TRAIN_STREAM}).
 */
public final class NreTraining {

    public static final long SPLIT_STREAM = 0x5B14_0E5A_0000L;
    public static final long TRAIN_STREAM = 0x5B14_0E7A_0000L;

    /** The trained ratio estimator and its training report. */
    public record Fit(RatioEstimator estimator, TrainingReport report) {
    }

    /**
     * What one training run starts from.
     *
     * @param pairs the simulations (θ n × dθ, x n × dx, n ≥ 3, x finite)
     * @param seed  the training seed
     * @param warm  an estimator of the same architecture whose weights and z-scoring training
     *              continues from, or null for a new network
     * @param prior the prior, for θ's log map ({@link InputMaps}: NRE always uses the
     *              automatic maps); null: θ is z-scored only
     */
    public record Job(Dataset pairs, long seed, RatioEstimator warm, Prior prior) {

        /** Without a prior: θ is z-scored only. */
        public Job(Dataset pairs, long seed, RatioEstimator warm) {
            this(pairs, seed, warm, null);
        }
    }

    private NreTraining() {
    }

    /** Trains a new classifier on {@code pairs}. */
    public static Fit train(Dataset pairs, NreConfig config, long seed,
                            TrainingListener listener) {
        return train(new Job(pairs, seed, null), config, listener);
    }

    /** As {@link #train(Dataset, NreConfig, long, TrainingListener)}, optionally warm. */
    public static Fit train(Job job, NreConfig config, TrainingListener listener) {
        if (config == null || listener == null) {
            throw new IllegalArgumentException("NRE training needs its config and a listener");
        }
        Dataset pairs = job.pairs();
        check(pairs);
        long seed = job.seed();
        Dataset.Split split = pairs.split(config.training().validationFraction(),
                SimulationStreams.streamFor(seed, SPLIT_STREAM));
        RatioEstimator warm = job.warm();
        Standardizer zTheta;
        Standardizer zX;
        if (warm != null) {
            zTheta = warm.thetaStandardizer();
            zX = warm.xStandardizer();
        } else {
            InputMaps maps = InputMaps.fit(split.train().theta(), split.train().x(), job.prior(),
                    XPreprocessing.Mode.AUTO);
            zTheta = maps.theta();
            zX = maps.x();
        }
        Dataset train = zScored(split.train(), zTheta, zX);
        Dataset validation = zScored(split.validation(), zTheta, zX);
        int dTheta = pairs.thetaDim();
        int dx = pairs.xDim();
        ResidualNet net = config.buildNetwork(dTheta, dx, EstimatorSpec.buildRng(seed));
        if (warm != null) {
            Param.copyValues(warm.network().params(), net.params());
        }
        RatioObjective objective = new RatioObjective(net, dTheta, config.loss());
        DataParallel member = DataParallel.of(objective, () -> new RatioObjective(
                config.buildNetwork(dTheta, dx, EstimatorSpec.buildRng(seed)), dTheta,
                config.loss()));
        TrainingReport report = Trainer.of(config.training()).listener(listener).train(member,
                train, validation, SimulationStreams.streamFor(seed, TRAIN_STREAM));
        return new Fit(new RatioEstimator(net, zTheta, zX, config), report);
    }

    private static void check(Dataset pairs) {
        if (pairs == null || pairs.size() < 3) {
            throw new IllegalArgumentException("NRE needs at least 3 valid pairs, got "
                    + (pairs == null ? "none" : pairs.size()));
        }
        Matrix x = pairs.x();
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = 0; j < pairs.xDim(); j++) {
                if (!Float.isFinite(x.get(i, j))) {
                    throw new IllegalArgumentException("NRE needs finite x: pair " + i
                            + " has " + x.get(i, j) + " at " + j);
                }
            }
        }
    }

    private static Dataset zScored(Dataset d, Standardizer zTheta, Standardizer zX) {
        Matrix t = zTheta.transform(d.theta(), Matrix.of(d.size(), d.thetaDim()));
        Matrix x = zX.transform(d.x(), Matrix.of(d.size(), d.xDim()));
        return Dataset.of(t, x, d.index());
    }
}
