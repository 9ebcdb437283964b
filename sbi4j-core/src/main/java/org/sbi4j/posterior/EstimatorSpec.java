package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.EmbeddedEstimator;
import org.sbi4j.flows.Flows;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.flows.MdnSettings;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.nn.Layer;

/**
 * The architecture of a posterior's estimator: which density estimator with which settings, an
 * optional embedding network for x, and the ensemble size. Builds fresh (randomly initialised)
 * estimators and is stored in model files, so a model can be rebuilt and its weights loaded.
 *
 * @param kind      nsf, maf or mdn
 * @param settings  the builder's settings record ({@link NsfSettings}, {@link MafSettings},
 *                  {@link MdnSettings}) matching {@code kind}
 * @param embedding the embedding network for x ({@link EmbeddingSpec#none()} for none)
 * @param ensemble  number of independently trained members (1 = a single estimator)
 */
public record EstimatorSpec(Kind kind, Record settings, EmbeddingSpec embedding, int ensemble) {

    /** The estimator families. */
    public enum Kind {
        /** Neural spline flow (Durkan et al. 2019), sbi's nsf. */
        NSF,
        /** Masked autoregressive flow (Papamakarios et al. 2017), sbi's default maf. */
        MAF,
        /** Mixture density network (Bishop 1994). */
        MDN;

        /** Parses "nsf", "maf" or "mdn" (any case). */
        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown estimator '" + s
                        + "'; choose nsf, maf or mdn", e);
            }
        }
    }

    public EstimatorSpec {
        if (kind == null || settings == null || embedding == null) {
            throw new IllegalArgumentException("estimator kind, settings and embedding are needed");
        }
        Class<?> want = switch (kind) {
            case NSF -> NsfSettings.class;
            case MAF -> MafSettings.class;
            case MDN -> MdnSettings.class;
        };
        if (!want.isInstance(settings)) {
            throw new IllegalArgumentException(kind + " needs " + want.getSimpleName()
                    + ", got " + settings.getClass().getSimpleName());
        }
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble size must be at least 1, got " + ensemble);
        }
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

    /** The default settings of a kind, no embedding, one member. */
    public static EstimatorSpec defaults(Kind kind) {
        Record s = switch (kind) {
            case NSF -> NsfSettings.defaults();
            case MAF -> MafSettings.defaults();
            case MDN -> MdnSettings.defaults();
        };
        return new EstimatorSpec(kind, s, EmbeddingSpec.none(), 1);
    }

    public EstimatorSpec withEmbedding(EmbeddingSpec e) {
        return new EstimatorSpec(kind, settings, e, ensemble);
    }

    public EstimatorSpec withEnsemble(int k) {
        return new EstimatorSpec(kind, settings, embedding, k);
    }

    /**
     * A freshly initialised estimator for θ of dimension thetaDim given x of shape xShape
     * (flat length = product); an ensemble when {@link #ensemble()} &gt; 1, each member drawing
     * its weights from rng in turn.
     */
    public ConditionalDensityEstimator build(int thetaDim, int[] xShape, UniformRandomProvider rng) {
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
        ConditionalDensityEstimator e = switch (kind) {
            case NSF -> Flows.nsf(thetaDim, context, (NsfSettings) settings, rng);
            case MAF -> Flows.maf(thetaDim, context, (MafSettings) settings, rng);
            case MDN -> Flows.mdn(thetaDim, context, (MdnSettings) settings, rng);
        };
        return embed == null ? e : EmbeddedEstimator.of(embed, e);
    }

    /** The spec as sorted-by-insertion text properties (for model files and reports). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("estimator.kind", kind.name().toLowerCase(Locale.ROOT));
        p.put("estimator.ensemble", Integer.toString(ensemble));
        p.putAll(RecordCodec.write("estimator.settings", settings));
        p.putAll(RecordCodec.write("embedding", embedding));
        return p;
    }

    /** Reads a spec written by {@link #toProperties()}. */
    public static EstimatorSpec fromProperties(Map<String, String> p) {
        String k = p.get("estimator.kind");
        if (k == null) {
            throw new IllegalArgumentException("model file lacks 'estimator.kind'");
        }
        Kind kind = Kind.parse(k);
        Class<? extends Record> type = switch (kind) {
            case NSF -> NsfSettings.class;
            case MAF -> MafSettings.class;
            case MDN -> MdnSettings.class;
        };
        Record settings = RecordCodec.read(type, "estimator.settings", p);
        EmbeddingSpec emb = RecordCodec.read(EmbeddingSpec.class, "embedding", p);
        return new EstimatorSpec(kind, settings, emb,
                Integer.parseInt(p.getOrDefault("estimator.ensemble", "1")));
    }
}
