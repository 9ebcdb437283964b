package org.sbi4j.cli.python;

import java.util.Map;
import org.sbi4j.data.Dataset;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeBuilder;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.XKind;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.workflow.Estimators;
import org.sbi4j.workflow.Presets;
import org.sbi4j.workflow.job.TrainingSpec;

/**
 * {@code sbi4j.NPE(prior, density_estimator=…).append_simulations(θ, x).train(seed=…)}: the
 * pairs as a {@link Dataset}, the settings from a preset with the estimator and training keys
 * applied (the command line's vocabulary: {@link Estimators}, {@link Presets},
 * {@link TrainingSpec}), and one {@link Npe} run.
 */
public final class PyNpe {

    private PyNpe() {
    }

    /**
     * n pairs: θ is n × dθ and x is n × (product of xShape), both row-major; every θ and x value
     * must be finite (NaN in x only as set padding, which the caller declares through the x
     * kind).
     */
    public static Dataset dataset(float[] theta, int thetaDim, float[] x, int[] xShape, int n) {
        int xDim = org.sbi4j.sim.Simulator.xDimOf(xShape);
        long[] index = new long[Math.max(0, n)];
        java.util.Arrays.setAll(index, i -> i);
        return Dataset.of(PyArrays.matrix(theta, n, thetaDim, "theta"),
                PyArrays.matrix(x, n, xDim, "x"), index, xShape);
    }

    /**
     * The preset's settings with the estimator kind and its settings (snake_case keys, as
     * {@code --set}), the embedding (null: the preset's) and the ensemble size (0: the
     * preset's) applied.
     */
    public static NpeSettings settings(String preset, String estimator,
                                       Map<String, Object> estimatorSettings, String embedding,
                                       Map<String, Object> embeddingSettings, int ensemble) {
        NpeSettings base = Presets.of(preset);
        int k = ensemble > 0 ? ensemble : base.estimator().ensemble();
        EstimatorSpec spec = Estimators.spec(estimator, estimatorSettings,
                embedding == null ? "none" : embedding, embeddingSettings, k);
        if (embedding == null) {
            spec = spec.withEmbedding(base.estimator().embedding());
        }
        return base.withEstimator(spec);
    }

    /** {@code s} with the given training keys applied (null keeps the preset's value). */
    public static NpeSettings withTraining(NpeSettings s, TrainingSpec training) {
        return s.withTraining(training.toConfig(s.training()));
    }

    /** A listener that stops training when {@code stop} (e.g. Python's ^C flag) says so. */
    public interface EpochCallback {
        /** Called after every epoch; false stops training. */
        boolean epoch(int member, int epoch, double trainLoss, double validationLoss);
    }

    /** Trains on {@code data} with {@code settings} and the run options. */
    public static NpeResult train(Prior prior, Dataset data, NpeSettings settings, RunOptions run) {
        NpeBuilder b = Npe.builder(prior).data(data).settings(settings).seed(run.seed())
                .threads(run.threads());
        if (run.xKind() != null) {
            b = b.xKind(XKind.parse(run.xKind()));
        }
        if (run.callback() != null) {
            EpochCallback cb = run.callback();
            int[] member = {0};
            int[] last = {0};
            TrainingListener l = e -> {
                if (e.epoch() <= last[0]) {
                    member[0]++;
                }
                last[0] = e.epoch();
                return cb.epoch(member[0], e.epoch(), e.trainLoss(), e.validationLoss());
            };
            b = b.onEpoch(l);
        }
        return b.run();
    }

    /**
     * The run's seed, threads (≥ 1; 0 for every core), x kind (null: from the shape) and epoch
     * callback (null: none).
     */
    public record RunOptions(long seed, int threads, String xKind, EpochCallback callback) {
        public RunOptions {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 1 (or 0 for every core),"
                        + " got " + threads);
            }
            threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /** The per-epoch losses of member k: rows (epoch, train loss, validation loss). */
    public static double[] losses(NpeResult r, int member) {
        var epochs = r.reports().get(member).epochs();
        double[] out = new double[epochs.size() * 3];
        for (int i = 0; i < epochs.size(); i++) {
            out[3 * i] = epochs.get(i).epoch();
            out[3 * i + 1] = epochs.get(i).trainLoss();
            out[3 * i + 2] = epochs.get(i).validationLoss();
        }
        return out;
    }
}
