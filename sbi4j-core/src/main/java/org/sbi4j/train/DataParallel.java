package org.sbi4j.train;

import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Data-parallel training of one estimator: a batch of n ≥ {@link #MIN_ROWS} rows is cut into
 * {@value #SHARDS} fixed shards (rows [0, ⌈n/2⌉) and the rest), each evaluated by a replica with
 * its own buffers and gradients, on the kernels' threads ({@link Kernels#forRanges}); then
 * <pre>
 *   loss = Σ_s (n_s / n)·loss_s,    grad += Σ_s (n_s / n)·grad_s     (s in order)
 * </pre>
 * which is the loss and gradient of the whole batch's mean. The shards do not depend on the thread
 * count, so one thread (shards in turn) and two give the same bits. Smaller batches go to the
 * estimator itself, as do logProb and sampling.
 *
 * <p>Replicas come from a factory for the same architecture (their initial weights do not matter:
 * each step copies the estimator's values into them). Memory: two more copies of the weights and
 * a workspace per shard. Nothing is allocated per step once a batch buffer has been seen.
 */
public final class DataParallel implements ConditionalDensityEstimator {

    /** Shards per batch: fixed, so results do not depend on the number of threads. */
    public static final int SHARDS = 2;
    /** Batches below this many rows are not split (the hand-over would cost more than it saves). */
    public static final int MIN_ROWS = 64;

    private final ConditionalDensityEstimator estimator;
    private final ConditionalDensityEstimator[] replicas = new ConditionalDensityEstimator[SHARDS];
    private final Kernels threads;

    DataParallel(ConditionalDensityEstimator estimator,
                 Supplier<? extends ConditionalDensityEstimator> factory, Kernels threads) {
        this.estimator = estimator;
        this.threads = threads;
        List<Param> own = estimator.params();
        for (int s = 0; s < SHARDS; s++) {
            ConditionalDensityEstimator r = factory.get();
            List<Param> theirs = r.params();
            if (r == estimator || theirs.size() != own.size() || r.thetaSize() != estimator.thetaSize()
                    || r.contextSize() != estimator.contextSize()) {
                throw new IllegalArgumentException("the replica factory must build new estimators "
                        + "of the same architecture: got " + theirs.size() + " parameters for "
                        + own.size());
            }
            for (int i = 0; i < own.size(); i++) {
                Matrix a = own.get(i).value();
                Matrix b = theirs.get(i).value();
                if (a.rows() != b.rows() || a.cols() != b.cols() || a.data() == b.data()) {
                    throw new IllegalArgumentException("replica parameter " + theirs.get(i).name()
                            + " " + b.shape() + " does not match " + own.get(i).name() + " "
                            + a.shape() + " or shares its storage");
                }
            }
            replicas[s] = r;
        }
    }

    /** Trains {@code estimator} with replicas from {@code factory} (same architecture). */
    public static DataParallel of(ConditionalDensityEstimator estimator,
                                  Supplier<? extends ConditionalDensityEstimator> factory) {
        return new DataParallel(estimator, factory, Ops.kernels());
    }

    /** The estimator being trained (whose parameters these are). */
    public ConditionalDensityEstimator estimator() {
        return estimator;
    }

    @Override
    public int thetaSize() {
        return estimator.thetaSize();
    }

    @Override
    public int contextSize() {
        return estimator.contextSize();
    }

    @Override
    public List<Param> params() {
        return estimator.params();
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(this, maxRows, estimator.workspace(maxRows));
    }

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace ws) {
        estimator.logProb(theta, context, out, ((Ws) ws).own);
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace ws) {
        return estimator.sampleAndLogProb(perContext, contexts, rng, ((Ws) ws).own);
    }

    /** The estimator's (unsplit) validation loss. */
    @Override
    public void validationLoss(Matrix theta, Matrix context, float[] out, Workspace ws) {
        estimator.validationLoss(theta, context, out, ((Ws) ws).own);
    }

    /** Seeds the unsplit workspace and shard s with (seed, s + 1): shards draw different noise. */
    @Override
    public void seedLossNoise(long seed, Workspace workspace) {
        Ws ws = (Ws) workspace;
        ws.noiseSeed = seed;
        ws.seeded = true;
        estimator.seedLossNoise(seed, ws.own);
        for (int s = 0; s < SHARDS; s++) {
            if (ws.shards[s] != null) {
                replicas[s].seedLossNoise(SimulationStreams.seedFor(seed, s + 1), ws.shards[s]);
            }
        }
    }

    /** With weights, each shard takes its rows' weights and the shard gradients are summed. */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        ConditionalDensityEstimator.checkWeights(weights, n);
        if (n < MIN_ROWS) {
            return estimator.weightedLossAndGradient(theta, context, weights, gradContext, ws.own);
        }
        ws.prepare(theta, context, gradContext);
        ws.weights = weights;
        List<Param> own = estimator.params();
        threads.forRanges(SHARDS, 1, ws.task);
        double loss = 0;
        for (int s = 0; s < SHARDS; s++) {
            float w = weights == null ? (float) ws.rows[s] / n : 1f;
            loss += (double) w * ws.losses[s];
            List<Param> theirs = replicas[s].params();
            for (int i = 0; i < own.size(); i++) {
                Ops.addScaled(w, theirs.get(i).grad(), own.get(i).grad());
            }
            if (gradContext != null && weights == null) {
                Ops.scale(w, ws.gradContext[s]);
            }
        }
        return (float) loss;
    }

    /** The estimator's workspace for unsplit calls, and per shard a workspace and row views. */
    private static final class Ws implements Workspace {
        final int maxRows;
        final Workspace own;
        final Workspace[] shards = new Workspace[SHARDS];
        final Matrix[] theta = new Matrix[SHARDS];
        final Matrix[] context = new Matrix[SHARDS];
        final Matrix[] gradContext = new Matrix[SHARDS];
        final int[] rows = new int[SHARDS];
        final float[] losses = new float[SHARDS];
        final float[][] shardWeights = new float[SHARDS][];
        /** The last loss-noise seed, given to shard workspaces created after it. */
        long noiseSeed;
        boolean seeded;
        /** The weights of the current call (null: the plain mean loss). */
        float[] weights;
        final Kernels.RangeTask task = this::run;
        private final DataParallel owner;
        private Matrix lastTheta;
        private Matrix lastContext;
        private Matrix lastGradContext;
        private int lastRows = -1;

        Ws(DataParallel owner, int maxRows, Workspace own) {
            this.owner = owner;
            this.maxRows = maxRows;
            this.own = own;
        }

        @Override
        public int maxRows() {
            return maxRows;
        }

        /** Row views of the inputs, rebuilt only when the buffers or the row count change. */
        void prepare(Matrix t, Matrix c, Matrix gc) {
            int n = t.rows();
            if (n > maxRows) {
                throw new IllegalArgumentException("a batch of " + n
                        + " rows does not fit a workspace of " + maxRows);
            }
            if (t == lastTheta && c == lastContext && gc == lastGradContext && n == lastRows) {
                return;
            }
            int first = (n + 1) / 2;
            for (int s = 0; s < SHARDS; s++) {
                int from = s == 0 ? 0 : first;
                rows[s] = s == 0 ? first : n - first;
                theta[s] = t.rowView(from, rows[s]);
                context[s] = c == null ? null : c.rowView(from, rows[s]);
                gradContext[s] = gc == null ? null : gc.rowView(from, rows[s]);
                if (shards[s] == null) {
                    shards[s] = owner.replicas[s].workspace((maxRows + 1) / 2);
                    shardWeights[s] = new float[(maxRows + 1) / 2];
                    if (seeded) {
                        owner.replicas[s].seedLossNoise(SimulationStreams.seedFor(noiseSeed,
                                s + 1), shards[s]);
                    }
                }
            }
            lastTheta = t;
            lastContext = c;
            lastGradContext = gc;
            lastRows = n;
        }

        /** Shards [from, to): each replica takes the current weights, on the thread using it. */
        private void run(int part, int from, int to) {
            List<Param> own = owner.estimator.params();
            for (int s = from; s < to; s++) {
                ConditionalDensityEstimator r = owner.replicas[s];
                List<Param> theirs = r.params();
                for (int i = 0; i < own.size(); i++) {
                    theirs.get(i).value().copyFrom(own.get(i).value());
                }
                Params.zeroGrad(theirs);
                float[] w = null;
                if (weights != null) {
                    w = shardWeights[s];
                    System.arraycopy(weights, s == 0 ? 0 : rows[0], w, 0, rows[s]);
                }
                losses[s] = r.weightedLossAndGradient(theta[s], context[s], w, gradContext[s],
                        shards[s]);
            }
        }
    }
}
