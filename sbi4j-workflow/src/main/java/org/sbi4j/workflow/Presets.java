package org.sbi4j.workflow;

import java.util.List;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.workflow.job.JobFile;

/**
 * The named presets of {@code --preset} and the job key {@code preset}, and the settings a job
 * trains with: its estimator and training keys applied over its preset.
 * <ul>
 *   <li>{@code auto} (the default): {@link NpeSettings#auto()}, x preprocessing and the
 *       embedding chosen from the data;</li>
 *   <li>{@code sbi}: {@link NpeSettings#defaults()}, sbi's plain behaviour;</li>
 *   <li>{@code calibrated}: {@link NpeSettings#calibrated()}, an ensemble of 5 trained with a
 *       patience of 100 epochs.</li>
 * </ul>
 */
public final class Presets {

    /** The preset names. */
    public static final List<String> NAMES = JobFile.PRESETS;

    private Presets() {
    }

    /** The settings a preset name stands for; an unknown name is refused with the names. */
    public static NpeSettings of(String name) {
        return switch (name) {
            case "auto" -> NpeSettings.auto();
            case "sbi" -> NpeSettings.defaults();
            case "calibrated" -> NpeSettings.calibrated();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * The settings of a job: its preset, with the estimator kind and settings, the embedding (if
     * the job names one; else the preset's) and ensemble size (if given; else the preset's) of
     * its {@code estimator} section and the keys of its {@code training} section applied.
     */
    public static NpeSettings forJob(JobFile job) {
        NpeSettings base = of(job.preset());
        var e = job.estimator();
        EstimatorSpec spec = new EstimatorSpec(e.toSettings(),
                e.embedding() == null ? base.estimator().embedding() : e.embedding().toSettings(),
                e.ensemble() == null ? base.estimator().ensemble() : e.ensemble());
        return base.withEstimator(spec).withTraining(job.training().toConfig(base.training()));
    }
}
