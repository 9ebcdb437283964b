package org.sbi4j.npe;

import java.util.List;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.train.TrainingReport;

/**
 * The outcome of a sequential NPE run for one observation.
 *
 * @param posterior   the last round's posterior; for a sequential method it is valid at the
 *                    observation (and, for TSNPE, inside the truncated region), not amortised
 * @param reports     the last round's training reports (empty if it was read back)
 * @param rounds      what each round did: simulations, proposal, wall times
 * @param simulations the valid pairs of every round
 */
public record SequentialResult(Posterior posterior, List<TrainingReport> reports,
                               List<RoundRecord> rounds, SimulationResult simulations) {

    public SequentialResult {
        reports = List.copyOf(reports);
        rounds = List.copyOf(rounds);
    }
}
