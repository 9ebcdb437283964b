package org.sbi4j.npe;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.rounds.RoundListener;
import org.sbi4j.rounds.RoundPlan;
import org.sbi4j.rounds.RoundRunner;
import org.sbi4j.rounds.RoundsResult;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.train.TrainingListener;

/**
 * Sequential NPE for one observation x_o: rounds of simulate → train → new proposal
 * ({@link RoundRunner}), by a registered method ({@link InferenceMethods}; default
 * {@link TsnpeSettings TSNPE}). An immutable value: every setter returns a new builder; each
 * checks its value at once and {@link #run()} checks the whole run before simulating.
 *
 * <pre>{@code
 * SequentialResult r = SequentialNpe.builder(prior, simulator).observation(xo)
 *         .rounds(10).simulationsPerRound(1_000).seed(1).threads(2)
 *         .folder(Path.of("run"))          // saves each round; a rerun resumes
 *         .run();
 * Matrix samples = r.posterior().at(xo).sample(10_000, rng);
 * }</pre>
 * Randomness as in {@link RoundRunner}: the same seed gives the same posterior for any thread
 * count, and a killed run restarted on its folder gives the numbers of an uninterrupted one.
 * Nuisance parameters are refused (a truncated proposal needs the posterior over every prior
 * parameter).
 */
public final class SequentialNpe {

    /** Default number of rounds (sbibm's sequential runs used 10). */
    public static final int DEFAULT_ROUNDS = 10;

    private final Prior prior;
    private final Simulator simulator;
    private float[] observation;
    private MethodSettings method = TsnpeSettings.defaults();
    private int rounds = DEFAULT_ROUNDS;
    private int perRound;
    private int total;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private NpeSettings settings = NpeSettings.auto();
    private Path folder;
    private SimulationProgress progress = SimulationProgress.NONE;
    private TrainingListener listener = TrainingListener.NONE;
    private RoundListener<? super NpeRound> onRound = RoundListener.none();

    private SequentialNpe(Prior prior, Simulator simulator) {
        this.prior = prior;
        this.simulator = simulator;
    }

    private SequentialNpe copy() {
        SequentialNpe c = new SequentialNpe(prior, simulator);
        c.observation = observation;
        c.method = method;
        c.rounds = rounds;
        c.perRound = perRound;
        c.total = total;
        c.seed = seed;
        c.threads = threads;
        c.settings = settings;
        c.folder = folder;
        c.progress = progress;
        c.listener = listener;
        c.onRound = onRound;
        return c;
    }

    /** A sequential run for this prior and simulator (checked against each other). */
    public static SequentialNpe builder(Prior prior, Simulator simulator) {
        if (prior == null || simulator == null) {
            throw new IllegalArgumentException("a sequential run needs a prior and a simulator");
        }
        Simulations.builder(prior, simulator);
        return new SequentialNpe(prior, simulator);
    }

    /** The observation x_o, flat (the simulator's xDim values, all finite). */
    public SequentialNpe observation(float[] xo) {
        if (xo == null || xo.length != simulator.xDim()) {
            throw new IllegalArgumentException("the observation has " + (xo == null ? "no"
                    : xo.length) + " values; the simulator's x has " + simulator.xDim());
        }
        for (int j = 0; j < xo.length; j++) {
            if (!Float.isFinite(xo[j]) && !(simulator.nanPadding() && Float.isNaN(xo[j]))) {
                throw new IllegalArgumentException("the observation's value " + j + " is "
                        + xo[j]);
            }
        }
        SequentialNpe c = copy();
        c.observation = xo.clone();
        return c;
    }

    /** The method (default: {@link TsnpeSettings#defaults()}). */
    public SequentialNpe method(MethodSettings m) {
        if (m == null) {
            throw new IllegalArgumentException("the method must not be null");
        }
        SequentialNpe c = copy();
        c.method = m;
        return c;
    }

    /** Number of rounds, ≥ 1 (default {@value #DEFAULT_ROUNDS}). */
    public SequentialNpe rounds(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + r);
        }
        SequentialNpe c = copy();
        c.rounds = r;
        return c;
    }

    /** Simulations in every round (≥ 1); or give the total with {@link #simulations}. */
    public SequentialNpe simulationsPerRound(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("simulations per round must be >= 1, got " + n);
        }
        SequentialNpe c = copy();
        c.perRound = n;
        c.total = 0;
        return c;
    }

    /** The whole budget, shared equally by the rounds (the first take the remainder). */
    public SequentialNpe simulations(int totalBudget) {
        if (totalBudget < 1) {
            throw new IllegalArgumentException("simulations must be >= 1, got " + totalBudget);
        }
        SequentialNpe c = copy();
        c.total = totalBudget;
        c.perRound = 0;
        return c;
    }

    public SequentialNpe seed(long s) {
        SequentialNpe c = copy();
        c.seed = s;
        return c;
    }

    /** The one thread setting (simulation and training); results do not depend on it. */
    public SequentialNpe threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        SequentialNpe c = copy();
        c.threads = n;
        return c;
    }

    /** What every round trains (default {@link NpeSettings#auto()}). */
    public SequentialNpe settings(NpeSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("the settings must not be null");
        }
        SequentialNpe c = copy();
        c.settings = s;
        return c;
    }

    /** Saves each round here and resumes from it (default: none, in memory). */
    public SequentialNpe folder(Path dir) {
        SequentialNpe c = copy();
        c.folder = dir;
        return c;
    }

    public SequentialNpe progress(SimulationProgress p) {
        SequentialNpe c = copy();
        c.progress = java.util.Objects.requireNonNull(p, "progress");
        return c;
    }

    public SequentialNpe onEpoch(TrainingListener l) {
        SequentialNpe c = copy();
        c.listener = java.util.Objects.requireNonNull(l, "listener");
        return c;
    }

    /** Hears about each round as it finishes (or is read back). */
    public SequentialNpe onRound(RoundListener<? super NpeRound> l) {
        SequentialNpe c = copy();
        c.onRound = java.util.Objects.requireNonNull(l, "round listener");
        return c;
    }

    /** Runs (or resumes) every round. */
    public SequentialResult run() {
        RoundPlan plan = plan();
        RoundRunner runner = RoundRunner.of(prior, simulator, plan).progress(progress)
                .identity(identity());
        if (folder != null) {
            runner = runner.folder(folder);
        }
        RoundsResult<NpeRound> r = runner.run(method.build(new MethodContext(prior, observation,
                settings, threads, listener)), onRound);
        return new SequentialResult(r.model().posterior(), r.model().reports(), r.rounds(),
                r.simulations());
    }

    /** The checked plan of the run. */
    RoundPlan plan() {
        StringBuilder problems = new StringBuilder();
        if (observation == null) {
            problems.append("; give the observation: observation(xo)");
        }
        if (perRound == 0 && total == 0) {
            problems.append("; say how many simulations: simulationsPerRound(n) or "
                    + "simulations(total)");
        }
        if (total > 0 && total < rounds * NpeBuilder.MIN_PAIRS) {
            problems.append("; a budget of ").append(total).append(" is too small for ")
                    .append(rounds).append(" rounds");
        }
        if (prior.interestIndices().length != prior.dim()) {
            problems.append("; sequential methods need the posterior over every prior "
                    + "parameter, but the prior has nuisance parameters");
        }
        try {
            method.checkRounds(rounds);
        } catch (IllegalArgumentException e) {
            problems.append("; ").append(e.getMessage());
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("cannot run sequential NPE (" + method.kind()
                    + ")" + problems.toString().replaceFirst("^;", ":"));
        }
        return total > 0 ? RoundPlan.equalShares(total, rounds, seed, threads)
                : RoundPlan.equalShares(perRound * rounds, rounds, seed, threads);
    }

    private Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", method.kind());
        InferenceMethods.registry().toText(method).forEach((k, v) -> m.put("method." + k, v));
        m.put("observation", java.util.Arrays.toString(observation));
        EstimatorSpec spec = settings.estimator();
        m.put("estimator", spec.embedding() instanceof AutoEmbedding ? spec.settings().kind()
                + " (auto embedding)" : spec.toProperties().toString());
        m.put("training", settings.training().toString());
        return m;
    }
}
