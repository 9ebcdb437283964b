package org.sbi4j.nre;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nle.Likelihood;
import org.sbi4j.prob.Prior;
import org.sbi4j.rounds.RoundPlan;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.rounds.RoundRunner;
import org.sbi4j.rounds.RoundsResult;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;

/**
 * NRE (1 round on the prior: an amortised ratio estimator, valid for any observation) and SNRE
 * (several rounds, each after the first on the current MCMC posterior at the observation), on
 * the {@link RoundRunner}. An immutable value; every setter checks its value at once.
 *
 * <pre>{@code
 * NreResult r = SequentialNre.builder(prior, simulator)
 *         .config(NreConfig.of(RatioLoss.Contrastive.defaults()))
 *         .simulations(10_000).seed(1).threads(2).run();
 * RatioPosterior post = r.estimator().posterior(prior, Matrix.fromRows(new float[][] {x_o}));
 * Matrix theta = post.sample(10_000, McmcSettings.defaults(), 7).samples(10_000);
 * }</pre>
 * The same seed gives the same numbers for any thread count.
 */
public final class SequentialNre {

    /** The outcome: the last round's estimator, its training report, the rounds, the pairs. */
    public record NreResult(RatioEstimator estimator, org.sbi4j.train.TrainingReport report,
                            List<RoundRecord> rounds, SimulationResult simulations) {
        public NreResult {
            rounds = List.copyOf(rounds);
        }
    }

    private record Options(Matrix observation, int rounds, int total, long seed, int threads,
                           NreConfig config, McmcSettings mcmc, boolean warm,
                           TrainingListener listener) {
    }

    private final Prior prior;
    private final Simulator simulator;
    private final Options o;

    private SequentialNre(Prior prior, Simulator simulator, Options o) {
        this.prior = prior;
        this.simulator = simulator;
        this.o = o;
    }

    /** A run for this prior and simulator (checked against each other). */
    public static SequentialNre builder(Prior prior, Simulator simulator) {
        if (prior == null || simulator == null) {
            throw new IllegalArgumentException("NRE needs a prior and a simulator");
        }
        Simulations.builder(prior, simulator);
        if (prior.interestIndices().length != prior.dim()) {
            throw new IllegalArgumentException("NRE conditions the ratio on every prior "
                    + "parameter; the prior has nuisance parameters");
        }
        return new SequentialNre(prior, simulator, new Options(null, 1, 0, 0,
                Runtime.getRuntime().availableProcessors(),
                NreConfig.of(RatioLoss.Contrastive.defaults()), McmcSettings.defaults(), true,
                TrainingListener.NONE));
    }

    /** The observation of SNRE's proposals (T × xDim, copied; not needed for 1 round). */
    public SequentialNre observation(Matrix trials) {
        Likelihood.checkObservation(trials, simulator.xDim());
        return with(new Options(trials.copy(), o.rounds, o.total, o.seed, o.threads, o.config,
                o.mcmc, o.warm, o.listener));
    }

    /** Rounds, ≥ 1 (default 1: amortised NRE; more: SNRE, which needs the observation). */
    public SequentialNre rounds(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + r);
        }
        return with(new Options(o.observation, r, o.total, o.seed, o.threads, o.config, o.mcmc,
                o.warm, o.listener));
    }

    /** The whole budget, shared equally by the rounds (≥ 3 per round). */
    public SequentialNre simulations(int total) {
        if (total < 3) {
            throw new IllegalArgumentException("simulations must be >= 3, got " + total);
        }
        return with(new Options(o.observation, o.rounds, total, o.seed, o.threads, o.config,
                o.mcmc, o.warm, o.listener));
    }

    public SequentialNre seed(long s) {
        return with(new Options(o.observation, o.rounds, o.total, s, o.threads, o.config,
                o.mcmc, o.warm, o.listener));
    }

    /** Simulation threads and the kernels' cap while training (results do not depend on it). */
    public SequentialNre threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, n, o.config, o.mcmc,
                o.warm, o.listener));
    }

    /** What each round trains (default: NRE-C with sbi's classifier and training). */
    public SequentialNre config(NreConfig c) {
        if (c == null) {
            throw new IllegalArgumentException("the NRE config must not be null");
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, c, o.mcmc,
                o.warm, o.listener));
    }

    /** How SNRE's proposals are sampled, and whether later rounds start warm (default: yes). */
    public SequentialNre mcmc(McmcSettings m, boolean warmStart) {
        if (m == null) {
            throw new IllegalArgumentException("the MCMC settings must not be null");
        }
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, o.config,
                m, warmStart, o.listener));
    }

    public SequentialNre onEpoch(TrainingListener l) {
        return with(new Options(o.observation, o.rounds, o.total, o.seed, o.threads, o.config,
                o.mcmc, o.warm, java.util.Objects.requireNonNull(l, "listener")));
    }

    /** Simulates and trains every round. */
    public NreResult run() {
        if (o.total == 0) {
            throw new IllegalArgumentException("cannot run NRE: give the budget "
                    + "(simulations(n))");
        }
        if (o.rounds > 1 && o.observation == null) {
            throw new IllegalArgumentException("cannot run SNRE (" + o.rounds + " rounds): give"
                    + " the observation (observation(trials))");
        }
        if (o.total < 3 * o.rounds) {
            throw new IllegalArgumentException("cannot run NRE: a budget of " + o.total
                    + " is too small for " + o.rounds + " rounds");
        }
        RoundPlan plan = RoundPlan.equalShares(o.total, o.rounds, o.seed, o.threads);
        RoundRunner runner = RoundRunner.of(prior, simulator, plan).identity(identity());
        NreRounds method = new NreRounds(prior, o.observation, o.config, o.mcmc, o.warm,
                o.listener);
        RoundsResult<NreRounds.Model> res = Parallelism.call(o.threads,
                () -> runner.run(method));
        return new NreResult(res.model().estimator(), res.model().report(), res.rounds(),
                res.simulations());
    }

    private SequentialNre with(Options next) {
        return new SequentialNre(prior, simulator, next);
    }

    private Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", (o.rounds == 1 ? "" : "s") + (o.config.loss() instanceof
                RatioLoss.Balanced ? "bnre" : "nre"));
        m.put("mcmc", o.mcmc.toString());
        m.put("config", o.config.toString());
        return m;
    }
}
