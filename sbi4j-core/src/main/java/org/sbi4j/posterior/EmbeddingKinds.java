package org.sbi4j.posterior;

import java.util.List;
import java.util.Map;
import org.sbi4j.flows.SettingsRegistry;

/**
 * The registry of embedding kinds by name: none ({@link NoEmbedding}), mlp
 * ({@link MlpEmbedding}), conv1d ({@link Conv1dEmbedding}), deepsets
 * ({@link DeepSetsEmbedding}), cnn2d ({@link Cnn2dEmbedding}), set_transformer
 * ({@link SetTransformerEmbedding}), transformer ({@link TransformerEmbedding}), auto
 * ({@link AutoEmbedding}, resolved to one of the others before training). Adding a
 * kind means writing its settings record (implementing
 * {@link EmbeddingSettings}) and one line below.
 */
public final class EmbeddingKinds {

    private static final SettingsRegistry<EmbeddingSettings> REGISTRY =
            SettingsRegistry.<EmbeddingSettings>builder("embedding", EmbeddingSettings::kind)
                    .add(EmbeddingSettings.none(), "no embedding: x is the context as it is")
                    .add(MlpEmbedding.defaults(), "fully connected network on the flat x")
                    .add(Conv1dEmbedding.defaults(), "1-D convolutions over a (multi-channel)"
                            + " series, then a fully connected head")
                    .add(DeepSetsEmbedding.defaults(), "permutation-invariant set embedding of"
                            + " NaN-padded i.i.d. trials")
                    .add(Cnn2dEmbedding.defaults(), "2-D convolutions over an image {H, W} or"
                            + " {C, H, W}, then a fully connected head")
                    .add(SetTransformerEmbedding.defaults(), "permutation-invariant attention"
                            + " embedding (set transformer) of NaN-padded i.i.d. trials")
                    .add(TransformerEmbedding.defaults(), "transformer encoder over a"
                            + " (multi-channel) time series {L} or {C, L}")
                    .add(new AutoEmbedding(), "chosen from the x shape and kind when training"
                            + " starts: cnn2d for images, conv1d for series, deepsets for sets,"
                            + " mlp for vectors of more than 100 values, none otherwise")
                    .build();

    private EmbeddingKinds() {
    }

    /** The registry itself (entries, binding, text form). */
    public static SettingsRegistry<EmbeddingSettings> registry() {
        return REGISTRY;
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The default settings of a kind; an unknown name is refused with the list of names. */
    public static EmbeddingSettings defaults(String kind) {
        return REGISTRY.defaults(kind);
    }

    /** The kind's defaults with the given snake_case keys overridden. */
    public static EmbeddingSettings bind(String kind, Map<String, ?> partial) {
        return REGISTRY.bind(kind, partial);
    }

    /** Every key of a kind with its default value as text. */
    public static Map<String, String> describe(String kind) {
        return REGISTRY.describe(kind);
    }
}
