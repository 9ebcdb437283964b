package org.sbi4j.rounds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;

/**
 * Runs a sequential method in rounds: round r draws θ from its proposal (the prior in round 0,
 * then {@link RoundMethod#propose} of the previous model), simulates them at the indices after
 * the earlier rounds' ({@link Simulations#runAt}), appends them, trains on all rounds' pairs
 * ({@link RoundMethod#train}) and goes on. An immutable value: every setter returns a new
 * runner.
 *
 * <p>Randomness: simulation i uses stream (seed, i) as in a single round; round r's proposal
 * is built with stream (seed, {@link #PROPOSAL_STREAM} + r), draws from
 * stream (seed, {@link #DRAW_STREAM} + r), and the round trains with the seed
 * {@code SimulationStreams.seedFor(seed, TRAIN_SEED_STREAM + r)}. Nothing depends on the
 * thread count.
 *
 * <p>Resuming: with a {@link #folder}, each round's simulations are saved when simulated and
 * its model when trained, then the round is marked complete. A run started again on the same
 * folder with the same settings reads the complete rounds back, reuses simulations already
 * made, and continues at the round it was in, giving the same numbers as an uninterrupted run
 * (the next proposal is always built from the model as saved and read back, so both paths use
 * the same bits). A folder holding another run is refused.
 *
 * <pre>{@code
 * RoundsResult<M> r = RoundRunner.of(prior, simulator, RoundPlan.equalShares(10_000, 10, 1, 2))
 *         .folder(Path.of("run")).run(method);
 * }</pre>
 */
public final class RoundRunner {

    /** Stream indices under the run seed, far above any simulation index. */
    public static final long PROPOSAL_STREAM = 0x5B14_9A05_0000L;
    public static final long DRAW_STREAM = 0x5B14_9AD7_0000L;
    public static final long TRAIN_SEED_STREAM = 0x5B14_9A7A_0000L;

    private final Prior prior;
    private final Simulator simulator;
    private final RoundPlan plan;
    private final Path folder;
    private final Map<String, String> identity;
    private final SimulationProgress progress;

    private RoundRunner(Prior prior, Simulator simulator, RoundPlan plan, Path folder,
                        Map<String, String> identity, SimulationProgress progress) {
        this.prior = prior;
        this.simulator = simulator;
        this.plan = plan;
        this.folder = folder;
        this.identity = identity;
        this.progress = progress;
    }

    /**
     * A runner of {@code plan} for this prior and simulator (checked against each other).
     */
    public static RoundRunner of(Prior prior, Simulator simulator, RoundPlan plan) {
        if (prior == null || simulator == null || plan == null) {
            throw new IllegalArgumentException("the prior, the simulator and the plan are needed");
        }
        Simulations.builder(prior, simulator); // checks θ dimensions and the x shape
        return new RoundRunner(prior, simulator, plan, null, Map.of(), SimulationProgress.NONE);
    }

    /** Saves every round into this folder and resumes from it (default: in memory only). */
    public RoundRunner folder(Path dir) {
        return new RoundRunner(prior, simulator, plan, dir, identity, progress);
    }

    /**
     * What else identifies the run (the method and its settings as text): stored in the folder
     * and compared on resume, so a folder is never continued with other settings.
     */
    public RoundRunner identity(Map<String, String> settings) {
        return new RoundRunner(prior, simulator, plan, folder, Map.copyOf(settings), progress);
    }

    /** Receives each round's simulation progress. */
    public RoundRunner progress(SimulationProgress p) {
        return new RoundRunner(prior, simulator, plan, folder, identity,
                java.util.Objects.requireNonNull(p, "progress"));
    }

    /** Runs every round (resuming from the folder when it holds some). */
    public <M> RoundsResult<M> run(RoundMethod<M> method) {
        return run(method, RoundListener.none());
    }

    /** As {@link #run(RoundMethod)}, telling {@code listener} about each round. */
    public <M> RoundsResult<M> run(RoundMethod<M> method, RoundListener<? super M> listener) {
        try {
            return runRounds(method, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("sequential run in " + folder + ": " + e.getMessage(), e);
        }
    }

    private <M> RoundsResult<M> runRounds(RoundMethod<M> method, RoundListener<? super M> listener)
            throws IOException {
        RoundFolder files = folder == null ? null : new RoundFolder(folder);
        if (files != null) {
            files.claim(runIdentity());
        }
        List<SimulationResult> parts = new ArrayList<>();
        List<RoundRecord> records = new ArrayList<>();
        M model = null;
        M last = null; // the last round's model as trained here (with its training reports)
        for (int r = 0; r < plan.rounds(); r++) {
            if (files != null && files.complete(r)) {
                parts.add(files.readSimulations(r));
                model = method.load(files.round(r));
                records.add(files.record(r));
                last = model;
                listener.roundDone(records.get(r), model, true);
                continue;
            }
            long t0 = System.nanoTime();
            SimulationResult part;
            String note;
            double proposeS;
            if (files != null && files.hasSimulations(r)) {
                part = files.readSimulations(r);
                note = "(simulations read back after a restart)";
                proposeS = 0;
            } else {
                Proposal proposal = r == 0 ? Proposal.of(prior)
                        : method.propose(model, r, SimulationStreams.streamFor(plan.seed(),
                        PROPOSAL_STREAM + r));
                Proposal.Draw draw = proposal.draw(plan.simulations(r),
                        SimulationStreams.streamFor(plan.seed(), DRAW_STREAM + r));
                note = draw.note();
                proposeS = seconds(t0);
                t0 = System.nanoTime();
                part = Simulations.builder(prior, simulator).seed(plan.seed())
                        .threads(plan.threads()).progress(progress)
                        .runAt(draw.theta(), plan.firstIndex(r));
                if (files != null) {
                    files.writeSimulations(r, part);
                }
            }
            double simulateS = seconds(t0);
            parts.add(part);
            t0 = System.nanoTime();
            SimulationResult all = SimulationResult.concat(parts);
            M trained = method.train(new RoundMethod.Input<>(r, SimulationStreams.seedFor(
                    plan.seed(), TRAIN_SEED_STREAM + r), all, parts, model));
            double trainS = seconds(t0);
            RoundRecord rec = new RoundRecord(r, plan.firstIndex(r), part.attempted(),
                    part.size(), note, proposeS, simulateS, trainS);
            model = trained;
            last = trained;
            if (files != null) {
                Path dir = files.round(r);
                method.save(trained, dir);
                model = method.load(dir); // the next proposal uses the model as saved
                files.writeRecord(rec);
            }
            records.add(rec);
            listener.roundDone(rec, trained, false);
        }
        return new RoundsResult<>(last, records, SimulationResult.concat(parts));
    }

    private Map<String, String> runIdentity() {
        Map<String, String> m = new LinkedHashMap<>(identity);
        m.put("seed", Long.toString(plan.seed()));
        m.put("simulations_per_round", java.util.Arrays.toString(plan.simulations()));
        m.put("prior.names", String.join(",", prior.names()));
        m.put("prior.lower", java.util.Arrays.toString(prior.lower()));
        m.put("prior.upper", java.util.Arrays.toString(prior.upper()));
        m.put("x_shape", java.util.Arrays.toString(simulator.xShape()));
        return m;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
