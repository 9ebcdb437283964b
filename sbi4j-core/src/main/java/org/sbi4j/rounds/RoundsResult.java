package org.sbi4j.rounds;

import java.util.List;
import org.sbi4j.sim.SimulationResult;

/**
 * The outcome of a sequential run.
 *
 * @param model       the last round's model
 * @param rounds      what each round did, in order
 * @param simulations the valid pairs of all rounds, in index order
 * @param <M>         the model type of the method
 */
public record RoundsResult<M>(M model, List<RoundRecord> rounds, SimulationResult simulations) {

    public RoundsResult {
        rounds = List.copyOf(rounds);
    }
}
