package org.sbi4j.nle;

import java.util.List;
import org.sbi4j.train.TrainingReport;

/**
 * The model of one NLE round: the likelihood trained on all rounds' pairs and its members'
 * training reports (empty when read back from a folder).
 */
public record NleModel(Likelihood likelihood, List<TrainingReport> reports) {

    public NleModel {
        if (likelihood == null) {
            throw new IllegalArgumentException("the likelihood must not be null");
        }
        reports = List.copyOf(reports);
    }
}
