package org.sbi4j.nle;

import java.util.List;
import org.sbi4j.rounds.RoundRecord;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.train.TrainingReport;

/**
 * The outcome of an NLE or SNLE run for one observation.
 *
 * @param posterior   the last round's likelihood times the prior at the observation
 *                    (sample it with {@link LikelihoodPosterior#sample}); after SNLE the
 *                    likelihood is accurate near the observation's posterior, not everywhere
 * @param reports     the last round's training reports (empty if it was read back)
 * @param rounds      what each round did: simulations, proposal (with its MCMC diagnostics),
 *                    wall times
 * @param simulations the valid pairs of every round
 */
public record NleResult(LikelihoodPosterior posterior, List<TrainingReport> reports,
                        List<RoundRecord> rounds, SimulationResult simulations) {

    public NleResult {
        reports = List.copyOf(reports);
        rounds = List.copyOf(rounds);
    }
}
