package org.sbi4j.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.Posterior;

/**
 * Automatic recalibration ({@code calibration: auto}): train, check SBC and coverage on
 * held-out simulations, and while the check fails escalate along a ladder of configurations
 * ({@link #ladder}), stopping at the first that passes, at the end of the ladder, or when the
 * time budget would be exceeded. The check is never loosened: every rung is judged by the same
 * test pairs, posterior samples and family-wise α as the first.
 *
 * <p>The ladder (each rung keeps what the rungs before it added):
 * <ol>
 *   <li>the job's configuration;</li>
 *   <li>an ensemble of {@value NpeSettings#CALIBRATED_ENSEMBLE} independently trained members
 *       (a mixture removes most of each member's over-confidence);</li>
 *   <li>a patience of {@value NpeSettings#CALIBRATED_STOP_AFTER_EPOCHS} epochs (members that
 *       stop on validation noise are too wide);</li>
 *   <li>balanced NPE, λ = {@value #BALANCE} (Delaunoy et al. 2023: conservative posteriors),
 *       when every parameter is of interest;</li>
 *   <li>more simulations, when the job allows more ({@code max_simulations}).</li>
 * </ol>
 * Rungs that would change nothing (e.g. an ensemble that is already 5) are left out.
 */
public final class Recalibration {

    /** λ of the balanced rung. */
    public static final double BALANCE = 100;

    private Recalibration() {
    }

    /** One configuration of the ladder: a name for the report, the settings, the budget. */
    public record Rung(String name, NpeSettings settings, int simulations) {
    }

    /** What one rung gave. */
    public record Attempt(Rung rung, NpeResult result, SbcResult sbc, CoverageResult coverage,
                          double seconds) {

        /** True when SBC (marginal and joint) and highest-density coverage pass. */
        public boolean passed() {
            return sbc.calibrated() && coverage.calibrated();
        }

        /** One line for the report: name, verdict, cost. */
        public String line() {
            return String.format(Locale.ROOT, "%s, %d simulations: %s; SBC %s; coverage %s"
                    + " (%.0f s)", rung.name(), rung.simulations(), passed() ? "passed"
                    : "failed", sbc.calibrated() ? "consistent with calibration"
                    : "NOT calibrated", coverage.calibrated() ? "calibrated" : "NOT calibrated",
                    seconds);
        }
    }

    /**
     * The attempts in order, the one kept (the first that passed, else the last), and why the
     * ladder stopped.
     */
    public record Outcome(List<Attempt> attempts, Attempt kept, String stop) {

        public Outcome {
            attempts = List.copyOf(attempts);
        }

        /** True when the kept attempt passed. */
        public boolean passed() {
            return kept.passed();
        }
    }

    /** Trains one rung. */
    @FunctionalInterface
    public interface Trainer {
        NpeResult train(Rung rung) throws java.io.IOException;
    }

    /** Checks one posterior: SBC and coverage on the held-out test pairs. */
    @FunctionalInterface
    public interface Check {
        Attempt check(Rung rung, NpeResult result, double trainSeconds);
    }

    /**
     * The ladder from {@code base} trained on {@code simulations} pairs: see the class comment.
     * {@code balanceAllowed}: every parameter is of interest; {@code maxSimulations} ≥
     * {@code simulations}.
     */
    public static List<Rung> ladder(NpeSettings base, int simulations, int maxSimulations,
                                    boolean balanceAllowed) {
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new Rung("as configured", base, simulations));
        NpeSettings s = base;
        String name = "";
        if (s.estimator().ensemble() < NpeSettings.CALIBRATED_ENSEMBLE) {
            s = s.withEstimator(s.estimator().withEnsemble(NpeSettings.CALIBRATED_ENSEMBLE));
            name = "ensemble of " + NpeSettings.CALIBRATED_ENSEMBLE;
            rungs.add(new Rung(name, s, simulations));
        }
        if (s.training().stopAfterEpochs() < NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS) {
            s = s.withTraining(s.training().withStopAfterEpochs(
                    NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS));
            name = join(name, "patience " + NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS);
            rungs.add(new Rung(name, s, simulations));
        }
        if (balanceAllowed && s.balance() == 0) {
            s = s.withBalance(BALANCE);
            name = join(name, "balanced (λ = " + (int) BALANCE + ")");
            rungs.add(new Rung(name, s, simulations));
        }
        if (maxSimulations > simulations) {
            rungs.add(new Rung(join(name, "more simulations"), s, maxSimulations));
        }
        return rungs;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + ", " + b;
    }

    /**
     * Runs the rungs in order until one passes. Before each rung after the first, its cost is
     * estimated from the first rung's (× members, × 2.5 for a longer patience, × simulations);
     * a rung whose estimate would end past {@code budgetSeconds} is not started, nor any after.
     */
    public static Outcome run(List<Rung> rungs, Trainer trainer, Check check,
                              double budgetSeconds) throws java.io.IOException {
        long t0 = System.nanoTime();
        List<Attempt> done = new ArrayList<>();
        String stop = "the ladder ended without a passing configuration";
        for (Rung rung : rungs) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (!done.isEmpty()) {
                double estimate = estimate(done.getFirst(), rung);
                if (elapsed + estimate > budgetSeconds) {
                    stop = String.format(Locale.ROOT, "stopped for time: '%s' would take about"
                            + " %.0f s more, beyond the budget of %.0f s (%.0f s used)",
                            rung.name(), estimate, budgetSeconds, elapsed);
                    break;
                }
            }
            long a = System.nanoTime();
            NpeResult r = trainer.train(rung);
            Attempt attempt = check.check(rung, r, (System.nanoTime() - a) / 1e9);
            done.add(new Attempt(rung, r, attempt.sbc(), attempt.coverage(),
                    (System.nanoTime() - a) / 1e9));
            if (attempt.passed()) {
                stop = done.size() == 1 ? "the first configuration passed"
                        : "stopped at the first passing configuration";
                break;
            }
        }
        return new Outcome(done, done.getLast(), stop);
    }

    /** Seconds a rung should take, scaled from the first attempt. */
    static double estimate(Attempt first, Rung rung) {
        NpeSettings a = first.rung().settings();
        NpeSettings b = rung.settings();
        double f = (double) b.estimator().ensemble() / a.estimator().ensemble();
        if (b.training().stopAfterEpochs() > a.training().stopAfterEpochs()) {
            f *= 2.5;
        }
        f *= (double) rung.simulations() / first.rung().simulations();
        return first.seconds() * f;
    }

    /** The kept posterior. */
    public static Posterior posterior(Outcome o) {
        return o.kept().result().posterior();
    }
}
