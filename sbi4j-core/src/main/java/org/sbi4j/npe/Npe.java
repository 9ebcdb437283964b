package org.sbi4j.npe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.posterior.Ensemble;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ParameterSpace;
import org.sbi4j.posterior.PosteriorBuilder;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.BalancedLoss;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.train.TrainingReport;

/**
 * Neural posterior estimation end to end (Papamakarios &amp; Murray 2016; Greenberg et al. 2019,
 * single round): θ_i ~ p(θ), x_i ~ p(x | θ_i), then q(θ | x) is fitted by maximum likelihood on
 * the standardised pairs. Every random choice derives from the one run seed through
 * {@link SimulationStreams}: simulation i uses stream i; the split, the initial weights and each
 * ensemble member's shuffling use fixed stream indices far above any simulation index.
 */
public final class Npe {

    /** Stream indices under the run seed (simulations use 0 … n−1). */
    static final long SPLIT_STREAM = 0x5B14_5A11_7000L;
    static final long TRAIN_STREAM = 0x5B14_7A14_0000L;

    private Npe() {
    }

    /** Simulates {@code n} pairs (indices 0…n−1) on {@code threads} threads, then trains. */
    public static NpeResult run(Prior prior, Simulator simulator, int n, long seed,
                                NpeSettings settings, int threads, SimulationProgress progress,
                                TrainingListener listener) {
        if (prior.dim() != simulator.thetaDim()) {
            throw new IllegalArgumentException("the prior has " + prior.dim()
                    + " parameters, the simulator expects " + simulator.thetaDim());
        }
        long t0 = System.nanoTime();
        SimulationResult sim = Simulations.builder(prior, simulator).seed(seed).threads(threads)
                .progress(progress).run(n);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        NpeResult r = train(prior, Dataset.from(sim), seed, settings, listener);
        return new NpeResult(r.posterior(), r.reports(), sim, simSeconds, r.trainSeconds());
    }

    /**
     * Trains on given pairs. θ holds every prior parameter; only the parameters of interest
     * ({@link Prior#interestIndices()}) are targets, so the posterior is marginal over nuisances.
     */
    public static NpeResult train(Prior prior, Dataset data, long seed, NpeSettings settings,
                                  TrainingListener listener) {
        if (data.thetaDim() != prior.dim()) {
            throw new IllegalArgumentException("the data have θ of dimension " + data.thetaDim()
                    + ", the prior " + prior.dim());
        }
        if (data.size() < 3) {
            throw new IllegalArgumentException("need at least 3 valid simulations to train, got "
                    + data.size());
        }
        long t0 = System.nanoTime();
        int[] interest = prior.interestIndices();
        Dataset.Split split = selectColumns(data, interest)
                .split(settings.training().validationFraction(),
                        SimulationStreams.streamFor(seed, SPLIT_STREAM));
        Standardizer zTheta = Standardizer.fit(split.train().theta());
        EstimatorSpec spec = settings.estimator();
        Standardizer zX = spec.embedding().fitStandardizer(split.train().x(), data.xShape());
        Dataset train = standardize(split.train(), zTheta, zX);
        Dataset validation = standardize(split.validation(), zTheta, zX);

        ConditionalDensityEstimator est = spec.build(interest.length, data.xShape(),
                EstimatorSpec.buildRng(seed));
        List<ConditionalDensityEstimator> members = est instanceof Ensemble e
                ? e.members() : List.of(est);
        BalancedLoss balance = settings.balance() == 0 ? null
                : BalancedLoss.of(settings.balance(), standardizedLogPrior(prior, zTheta));
        Trainer trainer = Trainer.of(settings.training()).listener(listener);
        if (balance != null) {
            trainer = trainer.balance(balance);
        }
        List<TrainingReport> reports = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            // replicas for the data-parallel shards; their initial weights are overwritten
            DataParallel member = DataParallel.of(members.get(k), () -> spec.buildOne(
                    interest.length, data.xShape(), EstimatorSpec.buildRng(seed)));
            reports.add(trainer.train(member, train, validation,
                    SimulationStreams.streamFor(seed, TRAIN_STREAM + k)));
        }
        // NaN-padded x has no covariance for the misspecification score: keep no reference rows
        int keep = spec.embedding().allowsNaNPadding() ? 0
                : Math.min(settings.referenceRows(), train.size());
        Matrix reference = keep == 0 ? null : train.x().rowView(0, keep).copy();
        PosteriorBuilder posterior = PosteriorBuilder.of(est, spec, data.xShape())
                .standardizers(zTheta, zX).parameters(ParameterSpace.ofInterest(prior))
                .provenance(Provenance.of(seed, provenanceSettings(prior, data, settings)));
        if (reference != null) {
            posterior = posterior.referenceX(reference);
        }
        return new NpeResult(posterior.build(), reports, null, 0, (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, String> provenanceSettings(Prior prior, Dataset data,
                                                         NpeSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prior", prior.toString());
        m.put("simulations.valid", Integer.toString(data.size()));
        var t = s.training();
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
        if (prior.interestIndices().length != prior.dim()) {
            throw new IllegalArgumentException("balanced NPE needs the prior density of the "
                    + "inferred parameters; with nuisance parameters ("
                    + (prior.dim() - prior.interestIndices().length) + " here) it is not available");
        }
        double shift = -z.logAbsDet();
        Matrix[] buffer = new Matrix[1]; // grown to the largest batch, then reused
        return (theta, out) -> {
            if (buffer[0] == null || buffer[0].capacityRows() < theta.rows()) {
                buffer[0] = Matrix.of(theta.rows(), theta.cols());
            }
            Matrix original = z.inverse(theta, buffer[0].setRows(theta.rows()));
            prior.logProb(original, out);
            for (int i = 0; i < theta.rows(); i++) {
                out[i] += shift;
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
