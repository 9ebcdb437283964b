package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.workflow.ProgressListener;

/**
 * The command line's {@link ProgressListener}: a progress bar when stderr is a terminal,
 * otherwise a log line at most every {@value #LOG_EVERY_MS} ms; nothing with {@code --quiet}
 * (but warnings).
 */
final class Progress implements ProgressListener {

    static final long LOG_EVERY_MS = 2000;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;

    Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null && System.console().isTerminal();
    }

    /** Prints a stage message (not with --quiet). */
    @Override
    public void note(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    /** Prints a warning (also with --quiet). */
    @Override
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public Stage stage(String name, long total) {
        return new Stage(name, total);
    }

    /** A training listener reporting epochs as log lines. */
    @Override
    public TrainingListener epochLog() {
        return new TrainingListener() {
            private long last = System.currentTimeMillis();

            @Override
            public boolean onEpoch(EpochRecord e) {
                long now = System.currentTimeMillis();
                if (!quiet && now - last >= LOG_EVERY_MS) {
                    last = now;
                    note("train: epoch %d, training loss %.4f, validation loss %.4f", e.epoch(),
                            e.trainLoss(), e.validationLoss());
                }
                return true;
            }
        };
    }

    /**
     * Training progress with a bar over the epochs on a terminal (up to {@code maxEpochs}, or
     * an open-ended bar when there is no cap) and the usual log lines otherwise; close it after
     * training.
     */
    @Override
    public Training training(int maxEpochs) {
        return new Training(maxEpochs);
    }

    /** A training listener that also drives a progress bar. */
    final class Training implements ProgressListener.Training {
        private final TrainingListener log = epochLog();
        private final ProgressBar bar;

        Training(int maxEpochs) {
            this.bar = quiet || !terminal ? null : new ProgressBarBuilder().setTaskName("train")
                    .setInitialMax(maxEpochs == Integer.MAX_VALUE ? -1 : maxEpochs)
                    .setStyle(ProgressBarStyle.ASCII).build();
        }

        @Override
        public boolean onEpoch(EpochRecord e) {
            if (bar == null) {
                return log.onEpoch(e);
            }
            bar.stepTo(e.epoch());
            bar.setExtraMessage(String.format(Locale.ROOT, "validation loss %.4f",
                    e.validationLoss()));
            return true;
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** One stage with a known total. */
    final class Stage implements ProgressListener.Stage {
        private final String name;
        private final long total;
        private final ProgressBar bar;
        private long last = System.currentTimeMillis();

        Stage(String name, long total) {
            this.name = name;
            this.total = total;
            this.bar = quiet || !terminal ? null : new ProgressBarBuilder().setTaskName(name)
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).build();
        }

        @Override
        public void update(long done, long all) {
            if (bar != null) {
                bar.stepTo(done);
            } else if (!quiet) {
                long now = System.currentTimeMillis();
                if (now - last >= LOG_EVERY_MS) {
                    last = now;
                    note("%s: %d of %d", name, done, total);
                }
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
