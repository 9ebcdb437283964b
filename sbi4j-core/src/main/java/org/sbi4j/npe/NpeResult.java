package org.sbi4j.npe;

import java.util.List;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.train.TrainingReport;

/**
 * The outcome of an NPE run: the posterior (over the prior's parameters of interest, for x of
 * the simulator's or the data's dimension), how training went, and the simulations it used.
 * <pre>{@code
 * NpeResult r = Npe.builder(prior, simulator).simulations(10_000).seed(1).run();
 * System.out.println(r.simulation().summary() + ", best epoch " + r.report().bestEpoch());
 * PosteriorFiles.save(r.posterior(), Path.of("model.sbi4j"));
 * }</pre>
 *
 * @param posterior       the amortised posterior
 * @param reports         one training report per ensemble member
 * @param simulation      the simulations (null when training on given data)
 * @param simulateSeconds wall time of simulation
 * @param trainSeconds    wall time of training (all members)
 * @param choices         what the data-driven defaults chose and why (x preprocessing, the
 *                        embedding), one sentence each; empty when nothing was chosen
 */
public record NpeResult(Posterior posterior, List<TrainingReport> reports,
                        SimulationResult simulation, double simulateSeconds,
                        double trainSeconds, List<String> choices) {

    public NpeResult {
        reports = List.copyOf(reports);
        choices = List.copyOf(choices);
    }

    /** The first (or only) member's training report. */
    public TrainingReport report() {
        return reports.get(0);
    }
}
