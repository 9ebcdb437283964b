package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.EmbeddedEstimator;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.EstimatorSettings;
import org.sbi4j.nn.Layer;
import org.sbi4j.train.TrainingConfig;

/**
 * The architecture of a posterior's estimator: which density estimator with which settings, an
 * optional embedding network for x, and the ensemble size. Builds fresh (randomly initialised)
 * estimators and is stored in model files, so a model can be rebuilt and its weights loaded.
 * Every kind is open: the settings build their estimator; {@link EstimatorKinds} names them.
 *
 * @param settings  the estimator's settings (its kind is {@link EstimatorSettings#kind()})
 * @param embedding the embedding network for x ({@link EmbeddingSettings#none()} for none)
 * @param ensemble  number of independently trained members (1 = a single estimator), or
 *                  {@link #AUTO_ENSEMBLE} to choose it from the training-set size
 *                  ({@link #membersFor}) when the run starts
 */
public record EstimatorSpec(EstimatorSettings settings, EmbeddingSettings embedding, int ensemble) {

    public EstimatorSpec {
        if (settings == null || embedding == null) {
            throw new IllegalArgumentException("estimator settings and embedding are needed");
        }
        if (ensemble < 1 && ensemble != AUTO_ENSEMBLE) {
            throw new IllegalArgumentException("ensemble size must be at least 1 (or "
                    + AUTO_ENSEMBLE + " for automatic), got " + ensemble);
        }
    }

    /** {@link #ensemble()}: chosen from the number of training pairs ({@link #membersFor}). */
    public static final int AUTO_ENSEMBLE = 0;
    /**
     * Members of the automatic ensemble below {@value TrainingConfig#SMALL_BUDGET_PAIRS}
     * training pairs. Measured on two moons at 1,000 simulations, seeds 1–5: C2ST over
     * observations 1–3 0.646 with one network, 0.613 with 3, 0.608 with 5; the negative
     * log-likelihood of fresh pairs −3.03 → −3.24 (docs/benchmarks.md, issue 26).
     */
    public static final int SMALL_BUDGET_ENSEMBLE = 5;

    /**
     * The members a run on {@code trainingPairs} pairs trains: {@link #ensemble()} when it is
     * set; for {@link #AUTO_ENSEMBLE}, {@value #SMALL_BUDGET_ENSEMBLE} below
     * {@value TrainingConfig#SMALL_BUDGET_PAIRS} pairs (where one network stopped early on a
     * validation set of a few hundred pairs depends strongly on its initialisation and a mixture
     * of independently trained ones is both closer and less over-confident; Lakshminarayanan et
     * al. 2017) and 1 from there up.
     */
    public int membersFor(long trainingPairs) {
        if (ensemble != AUTO_ENSEMBLE) {
            return ensemble;
        }
        return trainingPairs < TrainingConfig.SMALL_BUDGET_PAIRS ? SMALL_BUDGET_ENSEMBLE : 1;
    }

    /** This spec with an automatic ensemble size fixed for {@code trainingPairs} pairs. */
    public EstimatorSpec resolveEnsemble(long trainingPairs) {
        return ensemble == AUTO_ENSEMBLE ? withEnsemble(membersFor(trainingPairs)) : this;
    }

    /** Stream index (under the run seed) from which estimators draw their initial weights. */
    public static final long BUILD_STREAM = 0x5B14_B011_D000L;

    /**
     * The generator an estimator of a run with this seed is built from. Model files rebuild the
     * architecture (including random permutations and masks) from it before loading weights.
     */
    public static UniformRandomProvider buildRng(long seed) {
        return org.sbi4j.sim.SimulationStreams.streamFor(seed, BUILD_STREAM);
    }

    /** One estimator with these settings, no embedding. */
    public static EstimatorSpec of(EstimatorSettings settings) {
        return new EstimatorSpec(settings, EmbeddingSettings.none(), 1);
    }

    /** The default settings of a registered kind ("nsf", "maf", ...), no embedding, one member. */
    public static EstimatorSpec defaults(String kind) {
        return of(EstimatorKinds.defaults(kind));
    }

    /** The estimator's kind, e.g. "nsf". */
    public String kind() {
        return settings.kind();
    }

    public EstimatorSpec withSettings(EstimatorSettings s) {
        return new EstimatorSpec(s, embedding, ensemble);
    }

    public EstimatorSpec withEmbedding(EmbeddingSettings e) {
        return new EstimatorSpec(settings, e, ensemble);
    }

    public EstimatorSpec withEnsemble(int k) {
        return new EstimatorSpec(settings, embedding, k);
    }

    /**
     * A freshly initialised estimator for θ of dimension thetaDim given x of shape xShape
     * (flat length = product); an ensemble when {@link #ensemble()} &gt; 1, each member drawing
     * its weights from rng in turn.
     */
    public ConditionalDensityEstimator build(int thetaDim, int[] xShape, UniformRandomProvider rng) {
        if (ensemble == AUTO_ENSEMBLE) {
            throw new IllegalStateException("the ensemble size is automatic: fix it for the "
                    + "training set first (resolveEnsemble)");
        }
        if (ensemble == 1) {
            return buildOne(thetaDim, xShape, rng);
        }
        List<ConditionalDensityEstimator> members = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            members.add(buildOne(thetaDim, xShape, rng));
        }
        return Ensemble.of(members);
    }

    /** One member (never an ensemble): used to train ensemble members one at a time. */
    public ConditionalDensityEstimator buildOne(int thetaDim, int[] xShape,
                                                UniformRandomProvider rng) {
        int xDim = 1;
        for (int s : xShape) {
            xDim *= s;
        }
        Layer embed = embedding.build(xShape, rng);
        int context = embed == null ? xDim : embed.outputSize();
        ConditionalDensityEstimator e = settings.build(thetaDim, context, rng);
        return embed == null ? e : EmbeddedEstimator.of(embed, e);
    }

    /**
     * The spec as text properties (for model files and reports): {@code estimator.kind},
     * {@code estimator.ensemble}, {@code estimator.settings.<key>} for every key of the kind
     * (snake_case, {@link org.sbi4j.flows.SettingsBinder}), {@code embedding.kind} and
     * {@code embedding.settings.<key>}. Refused for settings whose kind is not registered.
     */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("estimator.kind", EstimatorKinds.registry().entryOf(settings).name());
        p.put("estimator.ensemble", Integer.toString(ensemble));
        EstimatorKinds.registry().toText(settings)
                .forEach((k, v) -> p.put("estimator.settings." + k, v));
        p.put("embedding.kind", EmbeddingKinds.registry().entryOf(embedding).name());
        EmbeddingKinds.registry().toText(embedding)
                .forEach((k, v) -> p.put("embedding.settings." + k, v));
        return p;
    }

    /**
     * Reads a spec written by {@link #toProperties()}; every key of each kind must be present
     * (none is guessed) and no other.
     */
    public static EstimatorSpec fromProperties(Map<String, String> p) {
        EstimatorSettings settings = EstimatorKinds.registry().fromText(
                HeaderText.need(p, "estimator.kind"), HeaderText.section(p, "estimator.settings."));
        EmbeddingSettings emb = EmbeddingKinds.registry().fromText(
                HeaderText.need(p, "embedding.kind"), HeaderText.section(p, "embedding.settings."));
        return new EstimatorSpec(settings, emb,
                Integer.parseInt(HeaderText.need(p, "estimator.ensemble")));
    }
}
