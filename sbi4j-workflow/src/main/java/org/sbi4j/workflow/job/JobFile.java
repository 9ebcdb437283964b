package org.sbi4j.workflow.job;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;

/**
 * A job file (JSON or YAML, read by {@link JobFileReader}): everything {@code sbi4j run} needs
 * to simulate, train, sample and check. Reference: {@code docs/job-file.md}.
 *
 * @param priors       one prior per parameter, in θ order (may be omitted for a task, which
 *                     brings its own; if given it replaces the task's prior)
 * @param simulator    the simulator (required)
 * @param simulations  number of simulations to train on (required, at least 1)
 * @param seed         run seed; null lets the command pick one (and record it)
 * @param estimator    density estimator (default: the method's, nsf or for nle and snle maf,
 *                     with default sizes)
 * @param training     training settings (default sbi's)
 * @param observations observed data to condition on (optional)
 * @param samples      posterior samples per observation (default {@value #DEFAULT_SAMPLES})
 * @param output       output folder (default {@value #DEFAULT_OUTPUT})
 * @param diagnostics  diagnostics to run, from {@link #DIAGNOSTICS} (default none)
 * @param preset       the defaults the estimator and training keys are applied to:
 *                     {@code auto} (data-driven, the default), {@code sbi} (sbi's plain
 *                     behaviour) or {@code calibrated} ({@link #PRESETS})
 * @param calibration  what {@code run} does about calibration (default: auto when the job asks
 *                     for sbc, off otherwise; {@link CalibrationSpec})
 * @param method       the inference method (default {@code npe}, amortised; {@code tsnpe} or
 *                     {@code apt}: sequential, one analysis per observation; {@code nle, snle,
 *                     nre, bnre, snre}: posterior by MCMC, one analysis per observation;
 *                     {@link MethodSpec})
 * @param rounds       rounds of a sequential method, sharing {@code simulations} equally
 *                     (default {@value org.sbi4j.npe.SequentialNpe#DEFAULT_ROUNDS}; 1 for the
 *                     amortised npe, nle, nre, bnre)
 */
public record JobFile(List<PriorSpec> priors, SimulatorSpec simulator, Integer simulations,
                      Long seed, EstimatorSpec estimator, TrainingSpec training,
                      ObservationsSpec observations, Integer samples, String output,
                      List<String> diagnostics, String preset, CalibrationSpec calibration,
                      MethodSpec method, Integer rounds) {

    /** Diagnostics a job may ask for. */
    public static final List<String> DIAGNOSTICS =
            List.of("sbc", "coverage", "ppc", "identifiability");
    public static final int DEFAULT_SAMPLES = 10_000;
    public static final String DEFAULT_OUTPUT = "sbi4j-output";
    /** Presets a job may name. */
    public static final List<String> PRESETS = List.of("auto", "sbi", "calibrated");

    public JobFile {
        if (simulator == null) {
            throw new IllegalArgumentException("the job file has no 'simulator'; give one of"
                    + " 'task', 'class' or 'command'");
        }
        priors = priors == null ? List.of() : List.copyOf(priors);
        if (priors.isEmpty() && !simulator.isTask()) {
            throw new IllegalArgumentException("the job file has no 'priors'; a 'class' or"
                    + " 'command' simulator needs one prior per parameter");
        }
        Set<String> names = new HashSet<>();
        for (PriorSpec p : priors) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("parameter name '" + p.name()
                        + "' appears twice in 'priors'");
            }
        }
        if (!priors.isEmpty() && priors.stream().allMatch(PriorSpec::nuisance)) {
            throw new IllegalArgumentException("every parameter in 'priors' is a nuisance;"
                    + " at least one must be of interest");
        }
        if (simulations == null) {
            throw new IllegalArgumentException("the job file has no 'simulations' (the number"
                    + " of simulations to train on)");
        }
        if (simulations < 1) {
            throw new IllegalArgumentException("'simulations' must be at least 1, got "
                    + simulations);
        }
        training = training == null ? TrainingSpec.DEFAULT : training;
        samples = samples == null ? DEFAULT_SAMPLES : samples;
        if (samples < 1) {
            throw new IllegalArgumentException("'samples' must be at least 1, got " + samples);
        }
        output = output == null ? DEFAULT_OUTPUT : output;
        if (output.isBlank()) {
            throw new IllegalArgumentException("'output' is blank");
        }
        diagnostics = diagnostics == null ? List.of() : diagnostics.stream()
                .map(d -> d == null ? "null" : d.strip().toLowerCase(Locale.ROOT)).toList();
        for (String d : diagnostics) {
            if (!DIAGNOSTICS.contains(d)) {
                throw new IllegalArgumentException("unknown diagnostic '" + d + "'; known: "
                        + String.join(", ", DIAGNOSTICS));
            }
        }
        preset = preset == null ? "auto" : preset.strip().toLowerCase(Locale.ROOT);
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "'; use "
                    + String.join(", ", PRESETS));
        }
        if (calibration == null) {
            calibration = new CalibrationSpec(diagnostics.contains("sbc") ? "auto" : "off",
                    null, null);
        }
        if (calibration.maxSimulations() != null && calibration.maxSimulations() < simulations) {
            throw new IllegalArgumentException("calibration 'max_simulations' ("
                    + calibration.maxSimulations() + ") is below 'simulations' (" + simulations
                    + ")");
        }
        method = method == null ? MethodSpec.DEFAULT : method;
        rounds = rounds == null ? method.defaultRounds() : rounds;
        estimator = estimator == null ? EstimatorSpec.defaultFor(method.toSettings()) : estimator;
        if (method.isMcmc()) {
            checkMcmcMethod(method, priors, estimator);
        }
        method.toSettings().checkRounds(rounds);
        if (method.isSequential() && simulations < rounds * 3) {
            throw new IllegalArgumentException("'simulations' (" + simulations + ") is too few"
                    + " for " + rounds + " rounds (each round trains on at least 3 pairs)");
        }
        if (method.isSequential() && observations == null) {
            throw new IllegalArgumentException("method '" + method.type() + "' is "
                    + (method.isMcmc() ? "sampled by MCMC at each observation" : "sequential")
                    + ": it needs 'observations' (one analysis per observation)");
        }
        if (observations != null && observations.task() != null && !simulator.isTask()) {
            throw new IllegalArgumentException("observations 'task' needs a 'task' simulator");
        }
        if (simulator.isCommand() && observations != null && observations.xDim() > 0
                && observations.xDim() != simulator.xDim()) {
            throw new IllegalArgumentException("observations have " + observations.xDim()
                    + " values per row but the simulator's x_dim is " + simulator.xDim());
        }
    }

    /**
     * What a likelihood or ratio method ({@code nle, snle, nre, bnre, snre}) cannot take,
     * refused when the job is read: nuisance parameters (the likelihood or ratio conditions on
     * every parameter), an embedding network (x is the likelihood flow's variable, or goes to
     * the ratio classifier as a flat vector, so NaN-padded sets cannot be masked) and, for the
     * ratio methods, an estimator (they train sbi's residual classifier).
     */
    private static void checkMcmcMethod(MethodSpec method, List<PriorSpec> priors,
                                        EstimatorSpec estimator) {
        String type = method.type();
        List<String> nuisance = priors.stream().filter(PriorSpec::nuisance)
                .map(PriorSpec::name).toList();
        if (!nuisance.isEmpty()) {
            throw new IllegalArgumentException("method '" + type + "' conditions on every "
                    + "parameter and cannot marginalise nuisance parameters; "
                    + String.join(", ", nuisance) + " " + (nuisance.size() == 1 ? "is" : "are")
                    + " marked 'nuisance' (use method npe, tsnpe or apt, or make "
                    + (nuisance.size() == 1 ? "it a parameter" : "them parameters")
                    + " of interest)");
        }
        if (estimator.embedding() != null) {
            throw new IllegalArgumentException("method '" + type + "' takes no embedding "
                    + "network (x enters as a flat vector; NaN-padded sets are refused), got "
                    + "estimator embedding '" + estimator.embedding().type() + "'");
        }
        boolean ratio = method.toSettings() instanceof org.sbi4j.npe.RatioMethod;
        if (ratio && !estimator.equals(EstimatorSpec.DEFAULT)) {
            throw new IllegalArgumentException("method '" + type + "' trains sbi's residual "
                    + "ratio classifier (50 features, 2 blocks), not a density estimator: "
                    + "remove the 'estimator' key (got '" + estimator.type() + "')");
        }
        if (!ratio && "fmpe".equals(estimator.type())) {
            throw new IllegalArgumentException("method '" + type + "' needs a density "
                    + "estimator with an exact log-density; flow matching (estimator 'fmpe') "
                    + "is not one");
        }
    }

    /** The same job with another preset (checked like the key). */
    public JobFile withPreset(String name) {
        return new JobFile(priors, simulator, simulations, seed, estimator, training, observations,
                samples, output, diagnostics, name, calibration, method, rounds);
    }

    /** Number of parameters given by {@code priors} (0 for a task that brings its own prior). */
    public int thetaDim() {
        return priors.size();
    }

    /** Parameter names in θ order. */
    public List<String> parameterNames() {
        return priors.stream().map(PriorSpec::name).toList();
    }

    /**
     * The prior over θ: the independent product of the parameters' priors, in order, with the
     * nuisance parameters declared.
     *
     * @throws IllegalStateException if the job gives no priors (a task that brings its own)
     */
    public Prior toPrior() {
        if (priors.isEmpty()) {
            throw new IllegalStateException("the job file gives no priors; the task '"
                    + simulator.task() + "' brings its own");
        }
        Prior p = Priors.independent(priors.stream().map(PriorSpec::toPrior)
                .toArray(Prior[]::new));
        List<String> nuisance = nuisanceParameters();
        return nuisance.isEmpty() ? p : Priors.withNuisance(p, nuisance.toArray(String[]::new));
    }

    /** Names of the nuisance parameters. */
    public List<String> nuisanceParameters() {
        return priors.stream().filter(PriorSpec::nuisance).map(PriorSpec::name).toList();
    }

    /**
     * The same job with relative paths (output folder, observations file, the external
     * simulator's working directory, which defaults to {@code base}) resolved against
     * {@code base}, normally the job file's folder.
     */
    public JobFile resolvePaths(Path base) {
        Path b = base.toAbsolutePath().normalize();
        return new JobFile(priors, simulator.resolve(b), simulations, seed, estimator, training,
                observations == null ? null : observations.resolve(b), samples,
                b.resolve(output).normalize().toString(), diagnostics, preset, calibration,
                method, rounds);
    }
}
