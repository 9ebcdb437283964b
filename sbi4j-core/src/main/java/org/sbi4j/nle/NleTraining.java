package org.sbi4j.nle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.posterior.Ensemble;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ParameterSpace;
import org.sbi4j.posterior.PosteriorBuilder;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.train.TrainingReport;

/**
 * Trains a {@link Likelihood} q(x | θ) on (θ, x) pairs by maximum likelihood: split off the
 * validation pairs (seeded), z-score θ and x with means and standard deviations of the
 * training split, and train the estimator of {@link NleConfig} with x as its variable and θ
 * as its context (−(1/n)·Σ log q(z_x,i | z_θ,i), early stopping on the validation loss, the
 * data-parallel shards of {@link DataParallel}). Every random choice derives from the seed:
 * the split from stream (seed, {@link #SPLIT_STREAM}), the initial weights from
 * {@link EstimatorSpec#buildRng}, member k's shuffling from stream (seed,
 * {@link #TRAIN_STREAM} + k).
 */
public final class NleTraining {

    public static final long SPLIT_STREAM = 0x5B14_1E5A_0000L;
    public static final long TRAIN_STREAM = 0x5B14_1E7A_0000L;

    /** The trained likelihood and the training report of each ensemble member. */
    public record Fit(Likelihood likelihood, List<TrainingReport> reports) {
        public Fit {
            reports = List.copyOf(reports);
        }
    }

    private NleTraining() {
    }

    /**
     * Trains on {@code pairs} (θ n × dθ, x n × dx, n ≥ 3, every x value finite).
     *
     * @param pairs    the simulations
     * @param config   estimator and training settings
     * @param seed     the training seed
     * @param listener hears every epoch (may stop training)
     */
    public static Fit train(Dataset pairs, NleConfig config, long seed,
                            TrainingListener listener) {
        return train(new Job(pairs, seed, null), config, listener);
    }

    /**
     * What one training run starts from.
     *
     * @param pairs the simulations (θ n × dθ, x n × dx, n ≥ 3, x finite)
     * @param seed  the training seed
     * @param warm  a likelihood of the same architecture whose weights and z-scoring the
     *              training continues from (a warm start), or null for a new network
     * @param prior the prior, whose one-sided supports (log-normal …) give a log map of the
     *              context under automatic preprocessing ({@link InputMaps}); null: none
     */
    public record Job(Dataset pairs, long seed, Likelihood warm, Prior prior) {

        /** Without a prior: θ, the context, is z-scored only. */
        public Job(Dataset pairs, long seed, Likelihood warm) {
            this(pairs, seed, warm, null);
        }
    }

    /** As {@link #train(Dataset, NleConfig, long, TrainingListener)}, optionally warm. */
    public static Fit train(Job job, NleConfig config, TrainingListener listener) {
        Dataset pairs = job.pairs();
        long seed = job.seed();
        check(pairs);
        Dataset.Split split = pairs.split(config.training().validationFraction(),
                SimulationStreams.streamFor(seed, SPLIT_STREAM));
        Standardizer zTheta;
        Standardizer zX;
        String said;
        if (job.warm() != null) { // the weights were trained in the previous maps
            zTheta = job.warm().thetaStandardizer();
            zX = job.warm().xStandardizer();
            said = job.warm().model().provenance().settings().getOrDefault("x.preprocessing",
                    "x preprocessing: the previous round's");
        } else {
            InputMaps maps = InputMaps.fit(split.train().theta(), split.train().x(), job.prior(),
                    config.preprocessing());
            zTheta = maps.theta();
            zX = maps.x();
            said = maps.description();
        }
        Dataset train = swapped(split.train(), zTheta, zX);
        Dataset validation = swapped(split.validation(), zTheta, zX);
        int dTheta = pairs.thetaDim();
        int dx = pairs.xDim();
        EstimatorSpec spec = config.estimator();
        ConditionalDensityEstimator est = spec.build(dx, new int[] {dTheta},
                EstimatorSpec.buildRng(seed));
        if (job.warm() != null) {
            copyWeights(job.warm().estimator(), est);
        }
        List<ConditionalDensityEstimator> members = est instanceof Ensemble e ? e.members()
                : List.of(est);
        Trainer trainer = Trainer.of(config.training()).listener(listener);
        List<TrainingReport> reports = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            DataParallel member = DataParallel.of(members.get(k), () -> spec.buildOne(dx,
                    new int[] {dTheta}, EstimatorSpec.buildRng(seed)));
            reports.add(trainer.train(member, train, validation,
                    SimulationStreams.streamFor(seed, TRAIN_STREAM + k)));
        }
        List<String> xNames = new ArrayList<>();
        for (int j = 0; j < dx; j++) {
            xNames.add("x" + j);
        }
        double[] lo = new double[dx];
        double[] hi = new double[dx];
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("method", "nle: q(x | θ), roles swapped (this model's θ is x, its x is θ)");
        prov.put("simulations.valid", Integer.toString(pairs.size()));
        prov.put("training", config.training().toString());
        prov.put("x.preprocessing", said);
        var model = PosteriorBuilder.of(est, spec, new int[] {dTheta})
                .standardizers(zX, zTheta).parameters(new ParameterSpace(xNames, lo, hi))
                .provenance(Provenance.of(seed, prov)).build();
        return new Fit(new Likelihood(model), reports);
    }

    /** Copies every parameter of {@code from} into {@code to} (the same architecture). */
    private static void copyWeights(ConditionalDensityEstimator from, ConditionalDensityEstimator to) {
        Param.copyValues(from.params(), to.params());
    }

    private static void check(Dataset pairs) {
        if (pairs == null || pairs.size() < 3) {
            throw new IllegalArgumentException("NLE needs at least 3 valid pairs, got "
                    + (pairs == null ? "none" : pairs.size()));
        }
        Matrix x = pairs.x();
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = 0; j < pairs.xDim(); j++) {
                if (!Float.isFinite(x.get(i, j))) {
                    throw new IllegalArgumentException("NLE needs finite x: pair " + i
                            + " has " + x.get(i, j) + " at " + j + " (NaN-padded sets are "
                            + "not supported)");
                }
            }
        }
    }

    /** (z_x as the density's variable, z_θ as context). */
    private static Dataset swapped(Dataset d, Standardizer zTheta, Standardizer zX) {
        Matrix t = zTheta.transform(d.theta(), Matrix.of(d.size(), d.thetaDim()));
        Matrix x = zX.transform(d.x(), Matrix.of(d.size(), d.xDim()));
        return Dataset.of(x, t, d.index(), new int[] {d.thetaDim()});
    }
}
