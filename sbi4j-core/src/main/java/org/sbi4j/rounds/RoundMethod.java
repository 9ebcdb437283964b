package org.sbi4j.rounds;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.sim.SimulationResult;

/**
 * What a sequential method does between simulations ({@link RoundRunner} does the rest): train
 * a model on all rounds' pairs, and turn the model into the next round's proposal. {@code M}
 * is the trained model (a posterior, a likelihood or a ratio estimator). Implementations must
 * be deterministic given the inputs: every random choice comes from {@link Input#seed()} or the
 * generator passed to {@link #propose}.
 *
 * @param <M> the trained model of a round
 */
public interface RoundMethod<M> {

    /**
     * What one round trains on.
     *
     * @param round    the round (0 for the first)
     * @param seed     the round's training seed (derived from the run seed and the round)
     * @param pairs    the valid pairs of every round so far, in simulation-index order
     * @param rounds   the same pairs, one result per round (a method may weight rounds)
     * @param previous the previous round's model, null in round 0
     */
    record Input<M>(int round, long seed, SimulationResult pairs,
                    java.util.List<SimulationResult> rounds, M previous) {
        public Input {
            rounds = java.util.List.copyOf(rounds);
        }
    }

    /** Trains the round's model. */
    M train(Input<M> input);

    /** The proposal of round {@code nextRound} (≥ 1) from the previous round's model. */
    Proposal propose(M model, int nextRound, UniformRandomProvider rng);

    /**
     * Writes the model (and whatever the method reports about it, e.g. loss curves) into the
     * round's folder, so that {@link #load} gives back a model with the same numbers.
     */
    void save(M model, Path roundFolder) throws IOException;

    /** Reads the model {@link #save} wrote. */
    M load(Path roundFolder) throws IOException;
}
