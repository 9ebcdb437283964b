package org.sbi4j.npe;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.sim.XKind;
import org.sbi4j.train.TrainingListener;

/**
 * The settings of one NPE run, made by {@link Npe#builder(Prior, Simulator)} (simulate, then
 * train) or {@link Npe#builder(Prior)} (train on {@link #data given pairs}). An immutable value:
 * every setter returns a new builder, so one can serve as a template for several runs; calls may
 * come in any order. Each setter checks its value at once; {@link #run()} checks that the run is
 * complete and consistent before it simulates or trains anything.
 *
 * <pre>{@code
 * NpeBuilder base = Npe.builder(prior, simulator).simulations(10_000).threads(2)
 *         .settings(NpeSettings.calibrated())
 *         .progress((done, total) -> log(done + "/" + total))
 *         .onEpoch(epoch -> { log(epoch.toString()); return true; });
 * NpeResult first = base.seed(1).run();
 * NpeResult second = base.seed(2).run();   // base itself is unchanged
 * }</pre>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>call</th><th>default</th></tr>
 *   <tr><td>{@link #simulations(int)}</td><td>required with a simulator, refused without</td></tr>
 *   <tr><td>{@link #data(Dataset)}</td><td>required without a simulator, refused with one</td></tr>
 *   <tr><td>{@link #seed(long)}</td><td>0</td></tr>
 *   <tr><td>{@link #threads(int)}</td><td>available processors</td></tr>
 *   <tr><td>{@link #settings(NpeSettings)}</td><td>{@link NpeSettings#auto()}</td></tr>
 *   <tr><td>{@link #xKind(XKind)}</td><td>from the x shape ({@link XKind#of})</td></tr>
 *   <tr><td>{@link #progress(SimulationProgress)}</td><td>none</td></tr>
 *   <tr><td>{@link #onEpoch(TrainingListener)}</td><td>none</td></tr>
 * </table>
 */
public final class NpeBuilder {

    /** Fewest pairs training accepts: at least one for validation and two for training. */
    public static final int MIN_PAIRS = 3;

    private final Prior prior;
    private final Simulator simulator;
    private final int simulations;
    private final Dataset data;
    private final long seed;
    private final int threads;
    private final NpeSettings settings;
    private final SimulationProgress progress;
    private final TrainingListener listener;
    private final XKind xKind;
    private final java.nio.file.Path checkpoints;

    private NpeBuilder(Prior prior, Simulator simulator, int simulations, Dataset data, long seed,
                       int threads, NpeSettings settings, SimulationProgress progress,
                       TrainingListener listener, XKind xKind, java.nio.file.Path checkpoints) {
        this.prior = prior;
        this.simulator = simulator;
        this.simulations = simulations;
        this.data = data;
        this.seed = seed;
        this.threads = threads;
        this.settings = settings;
        this.progress = progress;
        this.listener = listener;
        this.xKind = xKind;
        this.checkpoints = checkpoints;
    }

    /** A run with defaults; {@code simulator} may be null (then {@link #data} is needed). */
    static NpeBuilder start(Prior prior, Simulator simulator) {
        require(prior, "the prior");
        if (simulator != null) {
            Simulations.builder(prior, simulator); // checks θ dimensions and the x shape
        }
        return new NpeBuilder(prior, simulator, 0, null, 0L,
                Runtime.getRuntime().availableProcessors(), NpeSettings.auto(),
                SimulationProgress.NONE, TrainingListener.NONE, null, null);
    }

    /** Simulates pairs 0 … n−1 (n ≥ {@value #MIN_PAIRS}); only with a simulator. */
    public NpeBuilder simulations(int n) {
        if (n < MIN_PAIRS) {
            throw new IllegalArgumentException("simulations must be >= " + MIN_PAIRS
                    + " (training needs " + MIN_PAIRS + " pairs), got " + n);
        }
        return new NpeBuilder(prior, simulator, n, data, seed, threads, settings, progress,
                listener, xKind, checkpoints);
    }

    /**
     * Trains on these pairs instead of simulating (only without a simulator): θ holds every
     * prior parameter (n × prior.dim()), x is n × dx, n ≥ {@value #MIN_PAIRS}.
     */
    public NpeBuilder data(Dataset pairs) {
        require(pairs, "the data");
        if (pairs.thetaDim() != prior.dim()) {
            throw new IllegalArgumentException("the data have θ of dimension " + pairs.thetaDim()
                    + ", the prior " + prior.dim());
        }
        if (pairs.size() < MIN_PAIRS) {
            throw new IllegalArgumentException("need at least " + MIN_PAIRS
                    + " valid simulations to train, got " + pairs.size());
        }
        return new NpeBuilder(prior, simulator, simulations, pairs, seed, threads, settings,
                progress, listener, xKind, checkpoints);
    }

    /** The run seed: every random choice derives from it (same seed → same bits). */
    public NpeBuilder seed(long runSeed) {
        return new NpeBuilder(prior, simulator, simulations, data, runSeed, threads, settings,
                progress, listener, xKind, checkpoints);
    }

    /**
     * The one thread setting of the run (≥ 1): the simulation threads, and the cap on the
     * kernels' threads while training (the data-parallel shards, large matrix products,
     * validation), through {@link Parallelism}. The kernels never use more threads than their
     * pool has ({@code -Dsbi4j.threads}, default: available processors). Results do not depend
     * on it.
     */
    public NpeBuilder threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return new NpeBuilder(prior, simulator, simulations, data, seed, n, settings, progress,
                listener, xKind, checkpoints);
    }

    /** What to train and how (architecture, training settings, balance). */
    public NpeBuilder settings(NpeSettings s) {
        return new NpeBuilder(prior, simulator, simulations, data, seed, threads,
                require(s, "the settings"), progress, listener, xKind, checkpoints);
    }

    /**
     * What one x is (vector, series, image or set), for the embedding the auto preset chooses;
     * checked against the x shape when the run starts. Default: from the shape and whether the
     * simulator pads sets with NaN ({@link XKind#of}).
     */
    public NpeBuilder xKind(XKind kind) {
        return new NpeBuilder(prior, simulator, simulations, data, seed, threads, settings,
                progress, listener, require(kind, "the x kind"), checkpoints);
    }

    /** Receives simulation progress (used only when simulating). */
    public NpeBuilder progress(SimulationProgress p) {
        return new NpeBuilder(prior, simulator, simulations, data, seed, threads, settings,
                require(p, "the progress listener"), listener, xKind, checkpoints);
    }

    /** Receives every training epoch of every ensemble member; may stop training early. */
    public NpeBuilder onEpoch(TrainingListener l) {
        return new NpeBuilder(prior, simulator, simulations, data, seed, threads, settings,
                progress, require(l, "the training listener"), xKind, checkpoints);
    }

    /**
     * Saves a checkpoint of every ensemble member after each epoch into {@code dir}
     * ({@code member-<k>.ckpt}, written atomically) and, when the folder already holds
     * checkpoints of this same training (seed, settings and data, recorded in
     * {@value NpeCheckpoints#RUN_FILE}), resumes each member from its checkpoint: a training
     * killed at any moment (even with SIGKILL) and run again gives the same model bytes as an
     * uninterrupted one. Checkpoints of another training are refused.
     */
    public NpeBuilder checkpoints(java.nio.file.Path dir) {
        return new NpeBuilder(prior, simulator, simulations, data, seed, threads, settings,
                progress, listener, xKind, require(dir, "the checkpoint folder"));
    }

    /**
     * Simulates (with a simulator) and trains.
     *
     * @throws IllegalArgumentException before any work if the run is incomplete or inconsistent
     *                                  (simulator without simulations, data with a simulator,
     *                                  an architecture that does not fit the x shape, balance
     *                                  with nuisance parameters), or when fewer than
     *                                  {@value #MIN_PAIRS} simulations are valid
     */
    public NpeResult run() {
        return runWith(TrainingStart.NEW);
    }

    /**
     * Trains on the given {@link #data} starting from {@code previous}'s weights and keeping its
     * standardisation (a warm start, as sbi's {@code retrain_from_scratch=False}): the estimator
     * is built from the previous model's spec and its parameters copied in before training.
     * Only for data runs whose settings build the same architecture.
     */
    NpeResult runFrom(Posterior previous) {
        return runWith(new TrainingStart(require(previous, "the previous posterior"), 0,
                true));
    }

    /** Trains as {@code start} says (a warm start, APT's atomic loss); see {@link #runFrom}. */
    NpeResult runWith(TrainingStart start) {
        Posterior warm = start.warm();
        if (simulator != null && (warm != null || start.atoms() > 0)) {
            throw new IllegalArgumentException("a warm start or the atomic loss trains on "
                    + "given data, not on a simulator");
        }
        checkComplete();
        int[] xShape = simulator != null ? simulator.xShape() : data.xShape();
        XKind kind = xKind != null ? xKind : XKind.of(xShape,
                simulator != null ? simulator.nanPadding() : hasNaN(data));
        kind.check(xShape);
        EstimatorSpec spec = settings.estimator();
        List<String> choices = new ArrayList<>();
        if (warm != null) {
            spec = warm.spec();
        } else if (spec.embedding() instanceof AutoEmbedding) {
            AutoEmbedding.Choice c = AutoEmbedding.choose(xShape, kind);
            spec = spec.withEmbedding(c.embedding());
            choices.add(c.explanation());
        }
        if (spec.ensemble() == EstimatorSpec.AUTO_ENSEMBLE) {
            spec = autoEnsemble(spec, choices);
        }
        EstimatorSpec built = spec;
        ConditionalDensityEstimator est = spec.build(prior.interestIndices().length, xShape,
                EstimatorSpec.buildRng(seed));
        if (warm != null) {
            NpeTraining.copyWeights(warm.estimator(), est);
        }
        NpeTraining.Plan plan = new NpeTraining.Plan(built, est, kind, choices, start);
        if (simulator == null) {
            return Parallelism.call(threads, () -> NpeTraining.train(this, data, plan));
        }
        long t0 = System.nanoTime();
        SimulationResult sim = Simulations.builder(prior, simulator).seed(seed).threads(threads)
                .progress(progress).run(simulations);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        if (sim.size() < MIN_PAIRS) {
            throw new IllegalArgumentException("need at least " + MIN_PAIRS
                    + " valid simulations to train: " + sim.summary());
        }
        NpeResult r = Parallelism.call(threads,
                () -> NpeTraining.train(this, Dataset.from(sim), plan));
        return new NpeResult(r.posterior(), r.reports(), sim, simSeconds, r.trainSeconds(),
                r.choices());
    }

    /**
     * Fixes an automatic ensemble size for the pairs this run will train on (the requested
     * simulations, or the given data's rows, less the validation split).
     */
    private EstimatorSpec autoEnsemble(EstimatorSpec spec, List<String> choices) {
        long pairs = settings.training().trainingPairs(simulator != null ? simulations
                : data.size());
        EstimatorSpec fixed = spec.resolveEnsemble(pairs);
        if (fixed.ensemble() > 1) {
            choices.add(String.format(java.util.Locale.ROOT, "ensemble: %d independently "
                    + "trained members (%d training pairs, fewer than %d: one network stopped "
                    + "early is less accurate and more over-confident than a mixture)",
                    fixed.ensemble(), pairs, org.sbi4j.train.TrainingConfig.SMALL_BUDGET_PAIRS));
        }
        return fixed;
    }

    private static boolean hasNaN(Dataset d) {
        float[] a = d.x().data();
        for (int i = 0; i < d.size(); i++) {
            int off = d.x().rowOffset(i);
            for (int j = 0; j < d.xDim(); j++) {
                if (Float.isNaN(a[off + j])) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkComplete() {
        List<String> problems = new ArrayList<>();
        if (simulator != null && data != null) {
            problems.add("give either a simulator (Npe.builder(prior, simulator)"
                    + ".simulations(n)) or data(dataset), not both");
        } else if (simulator != null && simulations == 0) {
            problems.add("say how many pairs to simulate: simulations(n)");
        } else if (simulator == null && data == null) {
            problems.add("give the pairs to train on: data(dataset), or start from "
                    + "Npe.builder(prior, simulator) to simulate them");
        } else if (simulator == null && simulations > 0) {
            problems.add("simulations(" + simulations + ") needs a simulator: "
                    + "Npe.builder(prior, simulator)");
        }
        if (settings.balance() > 0 && NpeTraining.balanceRefusal(prior) != null) {
            problems.add(NpeTraining.balanceRefusal(prior));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot run NPE: " + String.join("; ", problems));
        }
    }

    Prior prior() {
        return prior;
    }

    long seed() {
        return seed;
    }

    NpeSettings settings() {
        return settings;
    }

    TrainingListener listener() {
        return listener;
    }

    /** The checkpoint folder, or null. */
    java.nio.file.Path checkpointFolder() {
        return checkpoints;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
