package org.sbi4j.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.BatchSource;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maximum-likelihood training of a conditional density estimator: minimises the mean negative
 * log-likelihood −(1/n)·Σ log q(θ_i | x_i) over the training pairs, which in expectation over the
 * joint p(θ)p(x|θ) minimises E_x[KL(p(θ|x) ‖ q(θ|x))] (Papamakarios &amp; Murray 2016).
 *
 * <p>An immutable value holding the settings of a training run; {@link #train} takes the estimator
 * and the data and leaves the estimator holding the weights of the epoch with the best validation
 * loss. Epoch e shuffles the training pairs with a generator derived from (a seed drawn once from
 * {@code rng}, e), so a run resumed from a {@link Checkpoint} continues exactly as the
 * uninterrupted run would have.
 *
 * <p>A non-finite loss or gradient never reaches the weights: the step is skipped, the best
 * weights so far are restored, the learning rate is halved and the report says so. After
 * {@value #MAX_RECOVERIES} such recoveries training stops with {@code DIVERGED}.
 *
 * <pre>{@code
 * TrainingReport report = Trainer.of(TrainingConfig.DEFAULTS)
 *         .listener(epoch -> { log(epoch); return true; })   // optional (default: none)
 *         .resumeFrom(Checkpoints.load(path))                 // optional (default: fresh)
 *         .balance(BalancedLoss.of(100, logPrior))            // optional (default: plain NLL)
 *         .train(estimator, trainSet, validationSet, rng);    // θ and x standardised
 * }</pre>
 * Shapes: the training and validation sets hold n×dθ parameters and n×dx data with dθ =
 * {@code estimator.thetaSize()} and dx = {@code estimator.contextSize()}.
 */
public final class Trainer {

    /** Recoveries from non-finite steps before training gives up. */
    public static final int MAX_RECOVERIES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingConfig config;
    private final TrainingListener listener;
    /** The state to resume from, or null for a fresh start. */
    private final Checkpoint resume;
    /** The batch loss (balanced, atomic), or null for the plain negative log-likelihood. */
    private final BatchLoss balance;

    private Trainer(TrainingConfig config, TrainingListener listener, Checkpoint resume,
                    BatchLoss balance) {
        this.config = config;
        this.listener = listener;
        this.resume = resume;
        this.balance = balance;
    }

    /** Training with {@code config}, no listener, from a fresh start, on the plain NLL. */
    public static Trainer of(TrainingConfig config) {
        return new Trainer(require(config, "the training config"), TrainingListener.NONE, null,
                null);
    }

    /** The same training, reporting every epoch to {@code listener} (on the training thread). */
    public Trainer listener(TrainingListener listener) {
        return new Trainer(config, require(listener, "the listener"), resume, balance);
    }

    /**
     * The same training, resumed from {@code checkpoint}: it must come from the same estimator
     * architecture, data and settings (the number of weights is checked). A trainer that resumes
     * is meant for the one estimator the checkpoint was taken from.
     */
    public Trainer resumeFrom(Checkpoint checkpoint) {
        return new Trainer(config, listener, require(checkpoint, "the checkpoint"), balance);
    }

    /**
     * The same training minimising the {@link BalancedLoss} (early stopping still watches the
     * validation negative log-likelihood).
     */
    public Trainer balance(BalancedLoss balancedLoss) {
        return new Trainer(config, listener, resume, require(balancedLoss, "the balanced loss"));
    }

    /**
     * The same training minimising {@code batchLoss}; early stopping watches its validation
     * value when it {@link BatchLoss#validates() has one}, the validation NLL otherwise.
     */
    public Trainer loss(BatchLoss batchLoss) {
        return new Trainer(config, listener, resume, require(batchLoss, "the batch loss"));
    }

    /** The training settings. */
    public TrainingConfig config() {
        return config;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /**
     * Trains {@code estimator} in place on in-memory pairs (θ and x as given: standardise before
     * calling), in batches of {@link TrainingConfig#batchSizeFor} the training set's size.
     *
     * @return per-epoch losses and where training stopped
     */
    public TrainingReport train(ConditionalDensityEstimator estimator, Dataset train,
                                Dataset validation, UniformRandomProvider rng) {
        checkData(estimator, train.size(), train.thetaDim(), train.xDim(), "training");
        checkData(estimator, validation.size(), validation.thetaDim(), validation.xDim(),
                "validation");
        int batch = config.batchSizeFor(train.size());
        // a validating batch loss sees validation batches of the training batch's size
        int chunk = balance != null && balance.validates() ? batch : Validator.BATCH;
        return train(estimator, BatchSource.of(train, batch),
                BatchSource.of(validation, Math.min(chunk, validation.size())), rng);
    }

    /**
     * Training from batch sources, e.g. memory-mapped data larger than the heap
     * ({@link org.sbi4j.data.MappedDataset}); the training source's batch size is the one used
     * (the config's is ignored here), the validation source's only sets the evaluation chunk; an
     * automatic learning rate is {@link TrainingConfig#learningRateFor} the training source's size.
     *
     * @return per-epoch losses and where training stopped
     */
    public TrainingReport train(ConditionalDensityEstimator estimator, BatchSource batches,
                                BatchSource validation, UniformRandomProvider rng) {
        require(rng, "the random generator");
        checkData(estimator, batches.size(), batches.thetaDim(), batches.xDim(), "training");
        checkData(estimator, validation.size(), validation.thetaDim(), validation.xDim(),
                "validation");
        long start = System.nanoTime();
        List<Param> params = estimator.params();
        TrainingConfig run = config.resolve(batches.size()).withBatchSize(batches.batchSize());
        TrainingState s = resume == null
                ? TrainingState.fresh(params, run, rng.nextLong())
                : TrainingState.resume(params, run, resume);
        Adam adam = s.adam();
        Matrix theta = batches.newThetaBuffer();
        Matrix x = batches.newXBuffer();
        ConditionalDensityEstimator.Workspace ws = estimator.workspace(balance == null
                ? batches.batchSize() : balance.workspaceRows(batches.batchSize()));
        Validator validator = new Validator(estimator, validation,
                balance != null && balance.validates() ? balance : null);
        TrainingReport.StopReason reason = TrainingReport.StopReason.MAX_EPOCHS;
        // a checkpoint of the epoch that ended training: stop where the uninterrupted run did
        boolean finished = resume != null
                && s.epochsWithoutImprovement >= config.stopAfterEpochs();
        if (finished) {
            reason = TrainingReport.StopReason.EARLY_STOPPING;
        }
        while (!finished && s.epoch < config.maxEpochs()) {
            long t0 = System.nanoTime();
            int epoch = s.epoch + 1;
            double lr = s.learningRate(epoch, batches.batchesPerEpoch());
            batches.resetInOrder();
            batches.reset(SimulationStreams.streamFor(s.shuffleSeed, epoch));
            // the loss noise of epoch e (flow matching): stream e of a seed from the unused
            // shuffle index 0, so a resumed run draws what the uninterrupted one did
            estimator.seedLossNoise(SimulationStreams.seedFor(
                    SimulationStreams.seedFor(s.shuffleSeed, 0), epoch), ws);
            double lossSum = 0;
            long rows = 0;
            int skipped = 0;
            while (batches.next(theta, x)) {
                Params.zeroGrad(params);
                float loss = balance == null ? estimator.lossAndGradient(theta, x, null, ws)
                        : balance.lossAndGradient(estimator, theta, x, ws);
                double norm = config.clipNorm() > 0
                        ? GradientClipping.clipGlobalNorm(params, config.clipNorm())
                        : Params.gradNorm(params);
                if (!Float.isFinite(loss) || !Double.isFinite(norm)) {
                    skipped++;
                    lr = s.recover(epoch, loss, norm, lr);
                    if (s.recoveries > MAX_RECOVERIES) {
                        break;
                    }
                    continue;
                }
                adam.step(lr);
                lossSum += (double) loss * theta.rows();
                rows += theta.rows();
            }
            if (s.recoveries > MAX_RECOVERIES) {
                reason = TrainingReport.StopReason.DIVERGED;
                s.events.add("stopped after " + MAX_RECOVERIES
                        + " recoveries from non-finite losses; the best weights were kept");
                break;
            }
            double validationLoss = validator.loss();
            EpochRecord record = new EpochRecord(epoch, rows == 0 ? Double.NaN : lossSum / rows,
                    validationLoss, lr, (System.nanoTime() - t0) / 1e9, skipped);
            s.endEpoch(record);
            if (listener.wantsCheckpoints()) {
                listener.onCheckpoint(s.checkpoint());
            }
            LOG.debug("epoch {}: train {} validation {}", epoch, record.trainLoss(), validationLoss);
            if (!listener.onEpoch(record)) {
                reason = TrainingReport.StopReason.STOPPED_BY_LISTENER;
                break;
            }
            if (s.epochsWithoutImprovement >= config.stopAfterEpochs()) {
                reason = TrainingReport.StopReason.EARLY_STOPPING;
                break;
            }
        }
        s.restoreBest();
        return new TrainingReport(s.records, s.bestEpoch, s.bestLoss, reason,
                new ArrayList<>(s.events), (System.nanoTime() - start) / 1e9);
    }

    private static void checkData(ConditionalDensityEstimator e, long size, int thetaDim,
                                  int xDim, String what) {
        if (size == 0) {
            throw new IllegalArgumentException("the " + what + " set is empty");
        }
        if (thetaDim != e.thetaSize() || xDim != e.contextSize()) {
            throw new IllegalArgumentException("the " + what + " set has theta dimension "
                    + thetaDim + " and x dimension " + xDim + ", the estimator expects "
                    + e.thetaSize() + " and " + e.contextSize());
        }
    }
}
