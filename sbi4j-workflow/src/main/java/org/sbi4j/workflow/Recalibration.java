package org.sbi4j.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;

/**
 * Automatic recalibration ({@code calibration: auto}): train, check SBC and coverage on
 * held-out simulations, and while the check fails escalate along a ladder of configurations
 * ({@link #ladder}), stopping at the first that passes, at the end of the ladder, or when the
 * time budget would be exceeded. The check is never loosened: every rung is judged by the same
 * test pairs, posterior samples and family-wise α as the first.
 *
 * <p>The ladder (each rung keeps what the rungs before it added) depends on how the first
 * attempt failed. Over-confident (U-shaped ranks: posteriors too narrow):
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
 * Under-confident or biased (cap-shaped or skewed ranks: the fit has not converged), the
 * longer patience comes first and balancing (which widens) is left out: the job's → patience
 * → patience and ensemble → more simulations. Rungs that would change nothing (e.g. an
 * ensemble that is already 5) are left out.
 */
public final class Recalibration {

    /** λ of the balanced rung. */
    public static final double BALANCE = 100;

    /** Name of the first rung: the job's configuration. */
    public static final String FIRST = "as configured";

    private Recalibration() {
    }

    /** One configuration of the ladder: a name for the report, the settings, the budget. */
    public record Rung(String name, NpeSettings settings, int simulations) {
    }

    /**
     * What one rung gave: the check's SBC and coverage, or (both null) the reason the check
     * could not run, e.g. a test pair whose posterior puts almost all its mass outside the
     * prior (a failed attempt).
     */
    public record Attempt(Rung rung, NpeResult result, SbcResult sbc, CoverageResult coverage,
                          double seconds, String failure) {

        /** A checked attempt. */
        public Attempt(Rung rung, NpeResult result, SbcResult sbc, CoverageResult coverage,
                       double seconds) {
            this(rung, result, sbc, coverage, seconds, null);
        }

        /** True when SBC (marginal and joint) and highest-density coverage pass. */
        public boolean passed() {
            return failure == null && sbc.calibrated() && coverage.calibrated();
        }

        /** One line for the report: name, verdict, cost. */
        public String line() {
            if (failure != null) {
                return String.format(Locale.ROOT, "%s, %d simulations: failed; the check could"
                        + " not run: %s (%.0f s)", rung.name(), rung.simulations(), failure,
                        seconds);
            }
            return String.format(Locale.ROOT, "%s, %d simulations: %s; SBC %s; coverage %s"
                    + " (%.0f s)", rung.name(), rung.simulations(), passed() ? "passed"
                    : "failed", sbc.calibrated() ? "consistent with calibration"
                    : "NOT calibrated", coverage.calibrated() ? "calibrated" : "NOT calibrated",
                    seconds);
        }
    }

    /**
     * The attempts in order, the one kept (the first that passed, else the last that could be
     * checked), and why the ladder stopped.
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
        return ladder(base, simulations, maxSimulations, balanceAllowed, true);
    }

    /**
     * The ladder for a first attempt that was over-confident ({@code overConfident}, as
     * {@link #ladder(NpeSettings, int, int, boolean)}) or not (under-confident or biased:
     * patience first, no balancing).
     */
    public static List<Rung> ladder(NpeSettings base, int simulations, int maxSimulations,
                                    boolean balanceAllowed, boolean overConfident) {
        List<Step> steps = overConfident
                ? (balanceAllowed ? List.of(Step.ENSEMBLE, Step.PATIENCE, Step.BALANCED)
                : List.of(Step.ENSEMBLE, Step.PATIENCE))
                : List.of(Step.PATIENCE, Step.ENSEMBLE);
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new Rung(FIRST, base, simulations));
        NpeSettings s = base;
        String name = "";
        for (Step step : steps) {
            NpeSettings next = step.apply(s);
            if (next != s) {
                // an automatic ensemble that is already this large at this budget: pinned (so
                // that a larger budget keeps it), but the same computation, so no new rung
                boolean same = members(s, simulations) == members(next, simulations);
                s = next;
                if (!same || step != Step.ENSEMBLE) {
                    name = join(name, step.label);
                    rungs.add(new Rung(name, s, simulations));
                }
            }
        }
        if (maxSimulations > simulations) {
            rungs.add(new Rung(join(name, "more simulations"), s, maxSimulations));
        }
        return rungs;
    }

    /** One escalation: what it adds to the settings (unchanged when already there). */
    private enum Step {
        ENSEMBLE("ensemble of " + NpeSettings.CALIBRATED_ENSEMBLE),
        PATIENCE("patience " + NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS),
        BALANCED("balanced (λ = " + (int) Recalibration.BALANCE + ")");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        NpeSettings apply(NpeSettings s) {
            return switch (this) {
                case ENSEMBLE -> s.estimator().ensemble() >= NpeSettings.CALIBRATED_ENSEMBLE ? s
                        : s.withEstimator(s.estimator().withEnsemble(
                        NpeSettings.CALIBRATED_ENSEMBLE));
                case PATIENCE -> s.training().stopAfterEpochs()
                        >= NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS ? s
                        : s.withTraining(s.training().withStopAfterEpochs(
                        NpeSettings.CALIBRATED_STOP_AFTER_EPOCHS));
                case BALANCED -> s.balance() != 0 ? s : s.withBalance(Recalibration.BALANCE);
            };
        }
    }

    /**
     * True unless the attempt's failure looks under-confident or biased: some rank test
     * (marginal or joint) is cap-shaped or skewed and none is U-shaped. An attempt whose check
     * could not run counts as over-confident (the usual failure of NPE).
     */
    public static boolean overConfident(Attempt a) {
        if (a.sbc() == null) {
            return true;
        }
        List<org.sbi4j.diagnostics.RankCheck> checks = new ArrayList<>(a.sbc().parameters());
        if (a.sbc().joint() != null) {
            checks.add(a.sbc().joint());
        }
        boolean u = false;
        boolean other = false;
        for (var c : checks) {
            switch (c.shape()) {
                case U_SHAPED -> u = true;
                case CAP_SHAPED, SKEWED_HIGH, SKEWED_LOW -> other = true;
                default -> { }
            }
        }
        return u || !other;
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
        return run(rungs.getFirst(), first -> rungs.subList(1, rungs.size()), trainer, check,
                budgetSeconds);
    }

    /**
     * As {@link #run(List, Trainer, Check, double)} with the rungs after {@code first} chosen
     * from how the first attempt failed ({@code rest}, e.g. by {@link #overConfident}).
     */
    public static Outcome run(Rung first, java.util.function.Function<Attempt, List<Rung>> rest,
                              Trainer trainer, Check check, double budgetSeconds)
            throws java.io.IOException {
        long t0 = System.nanoTime();
        List<Attempt> done = new ArrayList<>();
        String stop = "the ladder ended without a passing configuration";
        List<Rung> rungs = new ArrayList<>(List.of(first));
        for (int next = 0; next < rungs.size(); next++) {
            Rung rung = rungs.get(next);
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
            Attempt attempt;
            try {
                attempt = check.check(rung, r, (System.nanoTime() - a) / 1e9);
            } catch (IllegalStateException e) {
                attempt = new Attempt(rung, r, null, null, 0, e.getMessage());
            }
            done.add(new Attempt(rung, r, attempt.sbc(), attempt.coverage(),
                    (System.nanoTime() - a) / 1e9, attempt.failure()));
            if (attempt.passed()) {
                stop = done.size() == 1 ? "the first configuration passed"
                        : "stopped at the first passing configuration";
                break;
            }
            if (done.size() == 1) {
                rungs.addAll(rest.apply(done.getFirst()));
            }
        }
        return new Outcome(done, kept(done), stop);
    }

    /** The first attempt that passed; else the last that could be checked; else the last. */
    private static Attempt kept(List<Attempt> done) {
        for (Attempt a : done) {
            if (a.passed()) {
                return a;
            }
        }
        for (int k = done.size() - 1; k >= 0; k--) {
            if (done.get(k).failure() == null) {
                return done.get(k);
            }
        }
        return done.getLast();
    }

    /** The members settings {@code s} train on {@code simulations} pairs. */
    static int members(NpeSettings s, int simulations) {
        return s.estimator().membersFor(s.training().trainingPairs(simulations));
    }

    /** Seconds a rung should take, scaled from the first attempt. */
    static double estimate(Attempt first, Rung rung) {
        NpeSettings a = first.rung().settings();
        NpeSettings b = rung.settings();
        double f = (double) members(b, rung.simulations())
                / members(a, first.rung().simulations());
        if (b.training().stopAfterEpochs() > a.training().stopAfterEpochs()) {
            f *= 2.5;
        }
        f *= (double) rung.simulations() / first.rung().simulations();
        return first.seconds() * f;
    }

}
