package org.sbi4j.npe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.OneSidedLog;
import org.sbi4j.data.Standardizer;
import org.sbi4j.data.ThetaRegression;
import org.sbi4j.data.XPreprocessing;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.posterior.Ensemble;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ParameterSpace;
import org.sbi4j.posterior.PosteriorBuilder;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.XKind;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.AtomicLoss;
import org.sbi4j.train.BalancedLoss;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingReport;

/**
 * The training half of an NPE run (package-private worker of {@link NpeBuilder}): split, fit the
 * standardisers on the training split, train every ensemble member on data-parallel shards and
 * assemble the posterior. Every random choice derives from the run seed through
 * {@link SimulationStreams}, at the fixed stream indices of {@link Npe}.
 */
final class NpeTraining {

    private NpeTraining() {
    }

    /**
     * What to train: the resolved spec (no "auto" embedding left), the estimator freshly built
     * from it (or holding a warm start's weights), the kind of x, the choices made so far (for
     * {@link NpeResult#choices()}), and how the training starts and what it minimises.
     */
    record Plan(EstimatorSpec spec, ConditionalDensityEstimator estimator, XKind kind,
                List<String> choices, TrainingStart start) {

        /** The posterior of a warm start, or null. */
        org.sbi4j.posterior.Posterior warm() {
            return start.warm();
        }
    }

    /**
     * Trains {@code est} (freshly built from the settings' spec with
     * {@code EstimatorSpec.buildRng(seed)}) on {@code data}, whose θ holds every prior parameter;
     * only the parameters of interest are targets, so the posterior is marginal over nuisances.
     * Call on the thread whose kernel parallelism the run should use.
     */
    static NpeResult train(NpeBuilder run, Dataset data, Plan plan) {
        ConditionalDensityEstimator est = plan.estimator();
        List<String> choices = new ArrayList<>(plan.choices());
        long t0 = System.nanoTime();
        Prior prior = run.prior();
        long seed = run.seed();
        NpeSettings settings = run.settings();
        int[] interest = prior.interestIndices();
        Dataset.Split split = selectColumns(data, interest)
                .split(settings.training().validationFraction(),
                        SimulationStreams.streamFor(seed, Npe.SPLIT_STREAM));
        EstimatorSpec spec = plan.spec();
        Standardizer zTheta;
        Standardizer zX;
        if (plan.warm() != null) {
            // the weights were trained in the previous model's coordinates: keep them
            zTheta = plan.warm().thetaStandardizer();
            zX = plan.warm().xStandardizer();
            choices.add("warm start: the previous model's weights and standardisation");
        } else {
            boolean[] log1p = new boolean[data.xDim()];
            double[] thetaLog = new double[interest.length];
            java.util.Arrays.fill(thetaLog, Double.NaN);
            if (settings.preprocessing() == XPreprocessing.Mode.AUTO) {
                thetaLog = OneSidedLog.shifts(prior, interest, split.train().theta(), choices);
            }
            zTheta = Standardizer.fit(
                    XPreprocessing.logMapped(split.train().theta(), thetaLog)).withLog(thetaLog);
            if (settings.preprocessing() == XPreprocessing.Mode.AUTO) {
                XPreprocessing.Choice c = XPreprocessing.choose(split.train().x(),
                        XPreprocessing.groups(data.xShape(), plan.kind() == XKind.SET));
                log1p = c.log1p();
                choices.add(c.explanation());
            }
            Matrix fitX = XPreprocessing.apply(split.train().x(), log1p);
            zX = spec.embedding().fitStandardizer(fitX, data.xShape()).withLog1p(log1p);
        }
        Dataset train = standardize(split.train(), zTheta, zX);
        Dataset validation = standardize(split.validation(), zTheta, zX);
        // The regression's residuals r = (z − c(x))/s(x) depend on the x they are paired with;
        // the balanced and the atomic loss evaluate θ of other rows (shifted θ, atoms) at x_i and
        // the prior density in z, so both train in z without it. APT leaves it out in round 0 as
        // well, whose weights the later rounds continue from. A warm start keeps the previous
        // model's regression (or its absence): its weights were trained in those coordinates.
        ThetaRegression regression = plan.warm() != null ? plan.warm().thetaRegression()
                : settings.preprocessing() == XPreprocessing.Mode.AUTO && settings.balance() == 0
                && plan.start().thetaRegression()
                ? ThetaRegression.fit(train.theta(), train.x()) : null;
        if (regression != null && plan.warm() == null) {
            choices.add(regression.explanation(prior.interestNames()));
        }
        if (regression != null) {
            train = regression.residuals(train);
            validation = regression.residuals(validation);
        }

        List<ConditionalDensityEstimator> members = est instanceof Ensemble e
                ? e.members() : List.of(est);
        Trainer trainer = Trainer.of(settings.training()).listener(run.listener());
        if (settings.balance() > 0) {
            trainer = trainer.balance(BalancedLoss.of(settings.balance(),
                    standardizedLogPrior(prior, zTheta)));
        }
        if (plan.start().atoms() > 0) {
            if (settings.balance() > 0) {
                throw new IllegalArgumentException("APT's atomic loss and balanced NPE cannot "
                        + "be combined (balance = " + settings.balance() + ")");
            }
            if (regression != null) {
                throw new IllegalStateException("the atomic loss trains without a θ regression");
            }
            trainer = trainer.loss(AtomicLoss.of(plan.start().atoms(),
                    standardizedLogPrior(prior, zTheta)));
            choices.add("loss: APT's atomic loss with " + plan.start().atoms() + " atoms");
        }
        NpeCheckpoints saved = run.checkpointFolder() == null ? null
                : NpeCheckpoints.open(run.checkpointFolder(), seed, settings, data);
        List<TrainingReport> reports = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            // replicas for the data-parallel shards; their initial weights are overwritten
            DataParallel member = DataParallel.of(members.get(k), () -> spec.buildOne(
                    interest.length, data.xShape(), EstimatorSpec.buildRng(seed)));
            Trainer t = saved == null ? trainer : saved.resume(
                    trainer.listener(saved.saving(run.listener(), k)), k);
            reports.add(t.train(member, train, validation,
                    SimulationStreams.streamFor(seed, Npe.TRAIN_STREAM + k)));
        }
        PosteriorBuilder posterior = PosteriorBuilder.of(est, spec, data.xShape())
                .standardizers(zTheta, zX).parameters(ParameterSpace.ofInterest(prior))
                .provenance(Provenance.of(seed, provenanceSettings(prior, data, settings,
                        train.size())));
        if (regression != null) {
            posterior = posterior.thetaRegression(regression);
        }
        // NaN-padded x has no covariance for the misspecification score: keep no reference rows
        int keep = spec.embedding().allowsNaNPadding() ? 0
                : Math.min(settings.referenceRows(), train.size());
        if (keep > 0) {
            posterior = posterior.referenceX(train.x().rowView(0, keep).copy());
        }
        return new NpeResult(posterior.build(), reports, null, 0,
                (System.nanoTime() - t0) / 1e9, choices);
    }

    /** Copies every parameter of {@code from} into {@code to} (the same architecture). */
    static void copyWeights(ConditionalDensityEstimator from, ConditionalDensityEstimator to) {
        Param.copyValues(from.params(), to.params());
    }

    /** Why balanced NPE cannot run with this prior, or null when it can. */
    static String balanceRefusal(Prior prior) {
        int nuisance = prior.dim() - prior.interestIndices().length;
        return nuisance == 0 ? null : "balanced NPE needs the prior density of the inferred "
                + "parameters; with nuisance parameters (" + nuisance + " here) it is not "
                + "available";
    }

    private static Map<String, String> provenanceSettings(Prior prior, Dataset data,
                                                         NpeSettings s, int trainingPairs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prior", prior.toString());
        m.put("simulations.valid", Integer.toString(data.size()));
        var t = s.training().resolve(trainingPairs); // automatic batch and rate as used
        m.put("training.batch_size", Integer.toString(t.batchSize()));
        m.put("training.learning_rate", Double.toString(t.learningRate()));
        m.put("training.validation_fraction", Double.toString(t.validationFraction()));
        m.put("training.stop_after_epochs", Integer.toString(t.stopAfterEpochs()));
        m.put("training.max_epochs", Integer.toString(t.maxEpochs()));
        m.put("training.clip_norm", Double.toString(t.clipNorm()));
        m.put("training.weight_decay", Double.toString(t.weightDecay()));
        m.put("training.decoupled", Boolean.toString(t.decoupled()));
        if (t.cosineEpochs() > 0) {
            m.put("training.warmup_epochs", Integer.toString(t.warmupEpochs()));
            m.put("training.cosine_epochs", Integer.toString(t.cosineEpochs()));
        }
        if (s.balance() > 0) {
            m.put("training.balance", Double.toString(s.balance()));
        }
        return m;
    }

    /**
     * log p of standardised θ = (θ₀ − μ)/σ: log p(μ + σ·θ) + Σ log σ_j. Needs every parameter to
     * be of interest (the marginal prior of a subset is not available in general).
     */
    private static BalancedLoss.LogPrior standardizedLogPrior(Prior prior, Standardizer z) {
        String refusal = balanceRefusal(prior);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        Matrix[] buffer = new Matrix[1]; // grown to the largest batch, then reused
        return (theta, out) -> {
            if (buffer[0] == null || buffer[0].capacityRows() < theta.rows()) {
                buffer[0] = Matrix.of(theta.rows(), theta.cols());
            }
            Matrix original = z.inverse(theta, buffer[0].setRows(theta.rows()));
            prior.logProb(original, out);
            for (int i = 0; i < theta.rows(); i++) {
                // log p_z(z) = log p(θ) − log|∂z/∂θ| at θ (per row when θ is log-mapped)
                out[i] -= z.logAbsDet(original.data(), original.rowOffset(i));
            }
        };
    }

    /** The pairs with θ restricted to the given columns. */
    static Dataset selectColumns(Dataset data, int[] columns) {
        if (columns.length == data.thetaDim()) {
            return data;
        }
        Matrix all = data.theta();
        Matrix sel = Matrix.of(all.rows(), columns.length);
        for (int i = 0; i < all.rows(); i++) {
            for (int k = 0; k < columns.length; k++) {
                sel.set(i, k, all.get(i, columns[k]));
            }
        }
        return Dataset.of(sel, data.x(), data.index(), data.xShape());
    }

    private static Dataset standardize(Dataset d, Standardizer zTheta, Standardizer zX) {
        Matrix t = zTheta.transform(d.theta(), Matrix.of(d.size(), d.thetaDim()));
        Matrix x = zX.transform(d.x(), Matrix.of(d.size(), d.xDim()));
        return Dataset.of(t, x, d.index(), d.xShape());
    }
}
