package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * What {@code sbi4j run} does about calibration: {@code calibration: auto} (or a mapping with
 * {@code mode}, {@code max_simulations} and {@code minutes}).
 * <ul>
 *   <li>{@code off}: train once, run only the diagnostics the job lists;</li>
 *   <li>{@code check}: train once and check SBC and coverage on held-out simulations, reporting
 *       the verdict (no retraining);</li>
 *   <li>{@code auto}: as check, and when the check fails escalate along the ladder of
 *       {@link org.sbi4j.workflow.Recalibration} until a configuration passes, the ladder ends
 *       or the time budget is spent.</li>
 * </ul>
 * Default: {@code auto} when the job asks for sbc, {@code off} otherwise.
 *
 * @param mode           off, check or auto
 * @param maxSimulations most simulations the ladder may train on (default: the job's
 *                       {@code simulations}; more lets the last rung simulate more)
 * @param minutes        time budget of the ladder in minutes: no attempt starts after it
 *                       (default {@value #DEFAULT_MINUTES})
 */
public record CalibrationSpec(String mode, Integer maxSimulations, Double minutes) {

    /** Modes, in the order of increasing work. */
    public static final java.util.List<String> MODES = java.util.List.of("off", "check", "auto");

    /** Default time budget of the ladder, minutes. */
    public static final double DEFAULT_MINUTES = 15;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public CalibrationSpec {
        mode = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown calibration mode '" + mode + "'; use off,"
                    + " check or auto");
        }
        if (maxSimulations != null && maxSimulations < 1) {
            throw new IllegalArgumentException("calibration 'max_simulations' must be at least 1,"
                    + " got " + maxSimulations);
        }
        if (minutes != null && !(minutes > 0 && Double.isFinite(minutes))) {
            throw new IllegalArgumentException("calibration 'minutes' must be a positive number,"
                    + " got " + minutes);
        }
    }

    /** {@code calibration: auto} (a mode name). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CalibrationSpec of(String mode) {
        return new CalibrationSpec(mode, null, null);
    }

    /** The budget in minutes ({@link #DEFAULT_MINUTES} when unset). */
    public double budgetMinutes() {
        return minutes == null ? DEFAULT_MINUTES : minutes;
    }

    /** True for {@code check} and {@code auto}. */
    public boolean checks() {
        return !mode.equals("off");
    }

    /** True for {@code auto}. */
    public boolean escalates() {
        return mode.equals("auto");
    }
}
