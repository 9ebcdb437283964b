package org.sbi4j.workflow;

import java.util.Locale;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.train.TrainingListener;

/**
 * What a long analysis reports while it runs: stage messages, warnings, progress of stages with
 * a known total (simulations, samples) and training epochs. The command line shows them as
 * progress bars or log lines; {@link #NONE} ignores everything. Calls come from one thread at a
 * time (simulation progress from worker threads, never concurrently).
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void note(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public Stage stage(String name, long total) {
            return (done, all) -> { };
        }

        @Override
        public TrainingListener epochLog() {
            return TrainingListener.NONE;
        }

        @Override
        public Training training(int maxEpochs) {
            return epoch -> true;
        }
    };

    /** A stage message, e.g. what is about to run. */
    void note(String message);

    /** {@link #note(String)} of {@code String.format(Locale.ROOT, format, args)}. */
    default void note(String format, Object... args) {
        note(String.format(Locale.ROOT, format, args));
    }

    /** A warning the user should see even when progress is not shown. */
    void warn(String message);

    /** {@link #warn(String)} of {@code String.format(Locale.ROOT, format, args)}. */
    default void warn(String format, Object... args) {
        warn(String.format(Locale.ROOT, format, args));
    }

    /** Progress of a stage named {@code name} (e.g. "simulate", "sample") with a known total. */
    Stage stage(String name, long total);

    /**
     * Epochs of a training that runs inside another stage (e.g. {@code Npe.run} after its
     * simulations), reported without a display of its own.
     */
    TrainingListener epochLog();

    /** Progress of a training of at most {@code maxEpochs} epochs (MAX_VALUE: no cap). */
    Training training(int maxEpochs);

    /** Progress of one stage; close it when the stage ends. */
    interface Stage extends SimulationProgress, AutoCloseable {
        @Override
        default void close() {
        }
    }

    /** Progress of one training; close it when training ends. */
    interface Training extends TrainingListener, AutoCloseable {
        @Override
        default void close() {
        }
    }
}
