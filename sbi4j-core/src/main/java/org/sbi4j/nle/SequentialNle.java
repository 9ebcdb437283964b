package org.sbi4j.nle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.rounds.RoundPlan;
import org.sbi4j.rounds.RoundRunner;
import org.sbi4j.rounds.RoundsResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingListener;

/**
 * NLE (1 round, on the prior) and SNLE (several rounds, each after the first on the current
 * MCMC posterior) for one observation of T iid trials, on the {@link RoundRunner}. An
 * immutable value: every setter returns a new builder and checks its value at once, so a bad
 * observation is refused before anything is simulated or trained.
 *
 * <pre>{@code
 * NleResult r = SequentialNle.builder(prior, simulator)
 *         .observation(new float[][] {x1, x2, x3})     // 3 iid trials
 *         .rounds(10).simulations(10_000).seed(1).threads(2).run();
 * Matrix theta = r.posterior().sample(10_000, McmcSettings.defaults(), 7).samples(10_000);
 * }</pre>
 * Randomness as in {@link RoundRunner}; the same seed gives the same numbers for any thread
 * count. Nuisance parameters are refused (the likelihood conditions on every parameter).
 */
public final class SequentialNle {

    /** The run's settings (package-private value behind the builder). */
    private record Options(Matrix observation, int rounds, int total, long seed, int threads,
                           NleConfig config, McmcSettings mcmc, Path folder,
                           TrainingListener listener) {
    }

    private final Prior prior;
    private final Simulator simulator;
    private final Options o;

    private SequentialNle(Prior prior, Simulator simulator, Options o) {
        this.prior = prior;
        this.simulator = simulator;
        this.o = o;
    }

    /** A run for this prior and simulator (checked against each other). */
    public static SequentialNle builder(Prior prior, Simulator simulator) {
        if (prior == null || simulator == null) {
            throw new IllegalArgumentException("NLE needs a prior and a simulator");
        }
        Simulations.builder(prior, simulator);
        if (prior.interestIndices().length != prior.dim()) {
            throw new IllegalArgumentException("NLE conditions the likelihood on every prior "
                    + "parameter; the prior has nuisance parameters");
        }
        return new SequentialNle(prior, simulator, new Options(null, 1, 0, 0,
                Runtime.getRuntime().availableProcessors(), new NleConfig(EstimatorSpec.of(
                org.sbi4j.flows.MafSettings.defaults()), TrainingConfig.SBI),
                McmcSettings.defaults(), null, TrainingListener.NONE));
    }

    /** The observation: T iid trials, one row of the simulator's xDim values each. */
    public SequentialNle observation(float[][] trials) {
        if (trials == null || trials.length == 0) {
            throw new IllegalArgumentException("the observation needs at least one trial");
        }
        for (int t = 0; t < trials.length; t++) {
            if (trials[t] == null || trials[t].length != simulator.xDim()) {
                throw new IllegalArgumentException("the observation's trial " + t + " has "
                        + (trials[t] == null ? "no" : trials[t].length) + " values; the "
                        + "simulator's x has " + simulator.xDim());
            }
        }
        return observation(Matrix.fromRows(trials));
    }

    /** The observation as a T × xDim matrix (copied). */
    public SequentialNle observation(Matrix trials) {
        Likelihood.checkObservation(trials, simulator.xDim());
        return with(new Options(trials.copy(), o.rounds, o.total, o.seed, o.threads, o.config,
                o.mcmc, o.folder, o.listener));
    }

    /** Rounds, ≥ 1 (default 1: NLE on the prior; more: SNLE). */
    public SequentialNle rounds(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + r);
        }
        return with(new Options(o.observation, r, o.total, o.seed, o.threads, o.config, o.mcmc,
                o.folder, o.listener));
    }

    /** The whole budget, shared equally by the rounds (≥ 3 per round). */
    public SequentialNle simulations(int total) {
        if (total < 3) {
            throw new IllegalArgumentException("simulations must be >= 3, got " + total);
        }
        return with(new Options(o.observation, o.rounds, total, o.seed, o.threads, o.config,
                o.mcmc, o.folder, o.listener));
    }

    public SequentialNle seed(long s) {
        return with(new Options(o.observation, o.rounds, o.total, s, o.threads, o.config,
                o.mcmc, o.folder, o.listener));
    }

    /** Simulation threads and the kernels' cap while training (results do not depend on it). */
    public SequentialNle threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, n, o.config, o.mcmc,
                o.folder, o.listener));
    }

    /** What each round trains (default: MAF with sbi's defaults, sbi's training). */
    public SequentialNle config(NleConfig c) {
        if (c == null) {
            throw new IllegalArgumentException("the NLE config must not be null");
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, c, o.mcmc,
                o.folder, o.listener));
    }

    /** How the proposals of later rounds are sampled (default {@link McmcSettings#defaults()}). */
    public SequentialNle mcmc(McmcSettings m) {
        if (m == null) {
            throw new IllegalArgumentException("the MCMC settings must not be null");
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, o.config,
                m, o.folder, o.listener));
    }

    /** Saves each round here and resumes from it (default: in memory). */
    public SequentialNle folder(Path dir) {
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, o.config,
                o.mcmc, dir, o.listener));
    }

    public SequentialNle onEpoch(TrainingListener l) {
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, o.config,
                o.mcmc, o.folder, java.util.Objects.requireNonNull(l, "listener")));
    }

    /** Runs (or resumes) every round. */
    public NleResult run() {
        if (o.observation == null || o.total == 0) {
            throw new IllegalArgumentException("cannot run NLE: give the observation "
                    + "(observation(trials)) and the budget (simulations(n))");
        }
        if (o.total < 3 * o.rounds) {
            throw new IllegalArgumentException("cannot run NLE: a budget of " + o.total
                    + " is too small for " + o.rounds + " rounds");
        }
        RoundPlan plan = RoundPlan.equalShares(o.total, o.rounds, o.seed, o.threads);
        RoundRunner runner = RoundRunner.of(prior, simulator, plan).identity(identity());
        if (o.folder != null) {
            runner = runner.folder(o.folder);
        }
        RoundRunner r = runner;
        NleRounds method = new NleRounds(prior, o.observation, o.config, o.mcmc, o.listener);
        RoundsResult<NleModel> res = Parallelism.call(o.threads, () -> r.run(method));
        return new NleResult(res.model().likelihood().posterior(prior, o.observation),
                res.model().reports(), res.rounds(), res.simulations());
    }

    private SequentialNle with(Options next) {
        return new SequentialNle(prior, simulator, next);
    }

    private Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", o.rounds == 1 ? "nle" : "snle");
        m.put("mcmc", o.mcmc.toString());
        m.put("observation", java.util.Arrays.toString(o.observation.toArray()));
        m.put("estimator", o.config.estimator().toProperties().toString());
        m.put("training", o.config.training().toString());
        return m;
    }
}
