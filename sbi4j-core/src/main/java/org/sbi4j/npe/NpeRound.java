package org.sbi4j.npe;

import java.util.List;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.train.TrainingReport;

/**
 * The model of one round of a sequential NPE method: the posterior trained on all rounds' pairs
 * and its members' training reports (empty when the round was read back from a folder).
 */
public record NpeRound(Posterior posterior, List<TrainingReport> reports) {

    public NpeRound {
        reports = List.copyOf(reports);
    }
}
