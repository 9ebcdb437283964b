package org.sbi4j.npe;

import org.sbi4j.data.Dataset;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulator;
import org.sbi4j.train.TrainingListener;

/**
 * Neural posterior estimation end to end (Papamakarios &amp; Murray 2016; Greenberg et al. 2019,
 * single round): θ_i ~ p(θ), x_i ~ p(x | θ_i), then q(θ | x) is fitted by maximum likelihood on
 * the standardised pairs. Every random choice derives from the one run seed through
 * {@link SimulationStreams}: simulation i uses stream i; the split, the initial weights and each
 * ensemble member's shuffling use fixed stream indices far above any simulation index. The same
 * seed and settings give the same posterior, bit for bit, with any thread count.
 *
 * <pre>{@code
 * Prior prior = Priors.independent(Priors.uniform("mu", -3, 3), Priors.uniform("log_sigma", -2, 1));
 * Simulator sim = Simulator.of(2, 10, (theta, rng) -> tenDraws(theta, rng));
 * NpeResult r = Npe.builder(prior, sim).simulations(10_000).seed(1).threads(2).run();
 * Matrix samples = r.posterior().at(observed).sample(1_000, rng);       // 1000 × 2
 *
 * NpeResult refit = Npe.builder(prior).data(Dataset.from(r.simulation())).seed(2).run();
 * }</pre>
 * θ is n × prior.dim() and x is n × dx throughout; the posterior is over the prior's parameters
 * of interest ({@link Prior#interestIndices()}), marginal over nuisance parameters.
 */
public final class Npe {

    /** Stream indices under the run seed (simulations use 0 … n−1). */
    static final long SPLIT_STREAM = 0x5B14_5A11_7000L;
    static final long TRAIN_STREAM = 0x5B14_7A14_0000L;

    private Npe() {
    }

    /**
     * A run that simulates {@link NpeBuilder#simulations(int) n} pairs with {@code simulator}
     * and trains on them.
     *
     * @throws IllegalArgumentException if the prior's and the simulator's θ dimensions differ,
     *                                  or the simulator's x shape does not match its xDim
     */
    public static NpeBuilder builder(Prior prior, Simulator simulator) {
        if (simulator == null) {
            throw new IllegalArgumentException("the simulator must not be null; to train on "
                    + "given pairs use Npe.builder(prior).data(dataset)");
        }
        return NpeBuilder.start(prior, simulator);
    }

    /** A run that trains on given pairs: add {@link NpeBuilder#data(Dataset)}. */
    public static NpeBuilder builder(Prior prior) {
        return NpeBuilder.start(prior, null);
    }
}
