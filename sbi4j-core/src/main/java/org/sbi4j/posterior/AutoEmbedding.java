package org.sbi4j.posterior;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Layer;
import org.sbi4j.sim.XKind;

/**
 * The embedding chosen from the data's shape, registered as "auto" (the default of the auto
 * preset): a run replaces it by a concrete kind before building ({@link #choose}), and the model
 * file records that kind, so a saved model never depends on this rule.
 * <ul>
 *   <li>an image ({@link XKind#IMAGE}) → the 2-D CNN ({@link #image}: the kind's defaults
 *       with average pooling, which keeps the pixel sums that carry a source's flux where max
 *       pooling loses them, and a fourth block of 32 channels for images of 32 pixels or more;
 *       measured on the galaxy_image example, docs/examples/galaxy_image.md: C2ST 0.555 /
 *       0.622 / 0.554 with SBC passing against 0.673 / 0.600 / 0.650 failing with max
 *       pooling);</li>
 *   <li>a series of at least {@value #MIN_SERIES_LENGTH} steps → the 1-D CNN
 *       ({@link Conv1dEmbedding#defaults()}), a shorter one is treated as a vector;</li>
 *   <li>a set of trials → DeepSets ({@link DeepSetsEmbedding#defaults()});</li>
 *   <li>a vector of more than {@value #MAX_PLAIN_VECTOR} values → an MLP
 *       ({@link MlpEmbedding#defaults()}); up to that size x is the flow's context as it is, as
 *       sbi does (measured in docs/benchmarks.md: on the 100-value sbibm tasks an MLP embedding
 *       did not help).</li>
 * </ul>
 */
public record AutoEmbedding() implements EmbeddingSettings {

    /** Shortest series that gets the 1-D CNN. */
    public static final int MIN_SERIES_LENGTH = 16;

    /** Largest flat x given to the flow without an embedding. */
    public static final int MAX_PLAIN_VECTOR = 100;

    /** The concrete embedding for x of this shape and kind, with the reason. */
    public record Choice(EmbeddingSettings embedding, String explanation) {
    }

    @Override
    public String kind() {
        return "auto";
    }

    /** Refused: a run resolves "auto" with {@link #choose} before building. */
    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        throw new IllegalStateException("the 'auto' embedding must be resolved from the x shape"
                + " (AutoEmbedding.choose) before an estimator is built");
    }

    /** True: the chosen embedding may be DeepSets (checked again once it is chosen). */
    @Override
    public boolean allowsNaNPadding() {
        return true;
    }

    /** The embedding for x of shape {@code xShape} and kind {@code kind}. */
    public static Choice choose(int[] xShape, XKind kind) {
        kind.check(xShape);
        int d = Embeddings.flatSize(xShape);
        String shape = Arrays.toString(xShape);
        return switch (kind) {
            case IMAGE -> new Choice(image(xShape), "embedding: cnn2d with average pooling (x"
                    + " is an image of shape " + shape + ")");
            case SET -> new Choice(DeepSetsEmbedding.defaults(), "embedding: deepsets (x is a"
                    + " set of trials of shape " + shape + ")");
            case SERIES -> xShape[xShape.length - 1] >= MIN_SERIES_LENGTH
                    ? new Choice(Conv1dEmbedding.defaults(), "embedding: conv1d (x is a series"
                    + " of shape " + shape + ")")
                    : vector(d, "a short series of shape " + shape);
            case VECTOR -> vector(d, "a vector of " + d + " values");
        };
    }

    /** The image embedding for an {H, W} or {C, H, W} shape (see the class comment). */
    public static EmbeddingSettings image(int[] xShape) {
        int h = xShape[xShape.length - 2];
        int w = xShape[xShape.length - 1];
        return EmbeddingKinds.bind("cnn2d", Math.min(h, w) >= 32
                ? java.util.Map.of("pooling", "average2", "channels", "8,16,32,32")
                : java.util.Map.of("pooling", "average2"));
    }

    private static Choice vector(int d, String what) {
        return d > MAX_PLAIN_VECTOR
                ? new Choice(MlpEmbedding.defaults(), "embedding: mlp (x is " + what + ", more"
                + " than " + MAX_PLAIN_VECTOR + ")")
                : new Choice(EmbeddingSettings.none(), "embedding: none (x is " + what + ", at"
                + " most " + MAX_PLAIN_VECTOR + ": the flow takes it as it is)");
    }
}
