package org.sbi4j.cli;

import java.nio.file.Path;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.train.TrainingListener;

/**
 * What an interrupted {@code train} says (a shutdown hook, so also on Ctrl-C): which ensemble
 * member and epoch it was in, that nothing was written, and how to start again. The members are
 * trained one after the other inside one library call, and the model file is written only when
 * all of them have finished, so finished members are lost with the rest.
 */
final class TrainInterruption implements AutoCloseable {

    private final int members;
    private final Path model;
    private final Progress progress;
    private final Thread hook;
    private final Path checkpoints;
    private volatile int member = 1;
    private volatile int epoch;

    TrainInterruption(int members, Path model, Progress progress, Path checkpoints) {
        this.checkpoints = checkpoints;
        this.members = members;
        this.model = model;
        this.progress = progress;
        this.hook = new Thread(() -> progress.warn(message()));
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The message for an interruption now. */
    String message() {
        String at = epoch == 0 ? "before its first epoch ended" : "at epoch " + epoch;
        String where = members > 1 ? "during ensemble member " + member + " of " + members
                + " (" + at + "; " + (member - 1) + " finished member"
                + (member - 1 == 1 ? "" : "s") + " lost)" : at;
        if (checkpoints != null) {
            return "train: interrupted " + where.replace(" lost)", " checkpointed)") + "; the"
                    + " checkpoints of every finished epoch are in " + checkpoints + ". Run the"
                    + " same command again to resume from them (the model will be the one an"
                    + " uninterrupted run writes).";
        }
        return "train: interrupted " + where + "; nothing was written: " + model + " and its"
                + " report are written " + (members > 1 ? "once every member has finished"
                : "when training ends") + ". Run the same command again to train from the start"
                + " (the same --seed gives the same model).";
    }

    /** {@code inner}, counting members (an epoch number that starts again is a new member). */
    TrainingListener track(TrainingListener inner) {
        return e -> {
            observe(e);
            return inner.onEpoch(e);
        };
    }

    void observe(EpochRecord e) {
        if (e.epoch() <= epoch) {
            member++;
        }
        epoch = e.epoch();
    }

    @Override
    public void close() {
        SimulateCommand.removeHook(hook);
    }
}
