package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.EmbeddedEstimator;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Cnn2dConfig;
import org.sbi4j.nn.ImageShape;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.SequenceTransformerConfig;
import org.sbi4j.nn.SetTransformer;
import org.sbi4j.nn.SequenceTransformer;
import org.sbi4j.nn.SetTransformerConfig;
import org.sbi4j.tensor.Matrix;

/** The embedding kinds cnn2d, set_transformer and transformer: shapes, binding, model files. */
class ImageAndAttentionEmbeddingsTest {

    private static final Cnn2dEmbedding CNN = new Cnn2dEmbedding(List.of(3, 4), 3,
            Cnn2dConfig.Pooling.AVERAGE2, true, Activation.RELU, Cnn2dConfig.Readout.FLATTEN,
            List.of(8), 4);
    private static final SetTransformerEmbedding SET = new SetTransformerEmbedding(8, 2, 3, 1,
            2, Activation.RELU, List.of(6), 4);
    private static final TransformerEmbedding SEQ = new TransformerEmbedding(8, 2, 1,
            Activation.RELU, List.of(6), 4);

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void cnn2dBuildsOnImagesAndRefusesAFlatX() {
        Layer gray = CNN.build(new int[] {8, 8}, rng(1L));
        Layer colour = CNN.build(new int[] {3, 8, 6}, rng(1L));
        assertThat(gray.inputSize()).isEqualTo(64);
        assertThat(colour.inputSize()).isEqualTo(3 * 8 * 6);
        assertThat(gray.outputSize()).isEqualTo(4);
        assertThat(CNN.allowsNaNPadding()).isFalse();
        for (int[] bad : new int[][] {{64}, {2, 3, 4, 5}}) {
            assertThatThrownBy(() -> CNN.build(bad, rng(1L)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cnn2d").hasMessageContaining(Arrays.toString(bad));
        }
    }

    @Test
    void setTransformerBuildsOnTrialsAndRefusesOtherShapes() {
        Layer one = SET.build(new int[] {6}, rng(2L));
        Layer two = SET.build(new int[] {6, 2}, rng(2L));
        assertThat(one).isInstanceOf(SetTransformer.class);
        assertThat(((SetTransformer) two).config().maxTrials()).isEqualTo(6);
        assertThat(((SetTransformer) two).config().trialDim()).isEqualTo(2);
        assertThat(one.inputSize()).isEqualTo(6);
        assertThat(two.inputSize()).isEqualTo(12);
        assertThat(two.outputSize()).isEqualTo(4);
        assertThat(SET.allowsNaNPadding()).isTrue();
        assertThatThrownBy(() -> SET.build(new int[] {2, 3, 4}, rng(2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set_transformer").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void transformerBuildsOnSeriesAndRefusesOtherShapes() {
        Layer one = SEQ.build(new int[] {10}, rng(3L));
        Layer three = SEQ.build(new int[] {3, 10}, rng(3L));
        assertThat(((SequenceTransformer) three).config().channels()).isEqualTo(3);
        assertThat(((SequenceTransformer) three).config().length()).isEqualTo(10);
        assertThat(one.inputSize()).isEqualTo(10);
        assertThat(three.inputSize()).isEqualTo(30);
        assertThat(three.outputSize()).isEqualTo(4);
        assertThat(SEQ.allowsNaNPadding()).isFalse();
        assertThatThrownBy(() -> SEQ.build(new int[] {2, 3, 4}, rng(3L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transformer").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void setTransformerStandardizesLikeDeepSets() {
        float n = Float.NaN;
        Matrix x = Matrix.fromRows(new float[][] {{1, 10, 2, 12, n, n}, {3, 11, n, n, n, n},
                {4, 10, 5, 14, n, n}});
        Standardizer sets = EmbeddingSettings.deepSets(new int[] {4}, 3, new int[0], 2)
                .fitStandardizer(x, new int[] {3, 2});
        Standardizer attention = SET.fitStandardizer(x, new int[] {3, 2});
        assertThat(attention.mean()).containsExactly(sets.mean());
        assertThat(attention.std()).containsExactly(sets.std());
        // per trial value, not per column: column 4 (no valid value) shares column 0's mean
        assertThat(attention.mean()[4]).isEqualTo(attention.mean()[0]);
    }

    @Test
    void defaultsAreThoseOfTheNetworkConfigurations() {
        ImageShape img = ImageShape.of(1, 64, 64);
        assertThat(Cnn2dEmbedding.defaults().config(img))
                .isEqualTo(Cnn2dConfig.defaults(img, 20));
        assertThat(SetTransformerEmbedding.defaults().config(new int[] {7, 3}))
                .isEqualTo(SetTransformerConfig.defaults(7, 3, 20));
        assertThat(TransformerEmbedding.defaults().config(new int[] {2, 40}))
                .isEqualTo(SequenceTransformerConfig.defaults(2, 40, 20));
    }

    @Test
    void theBinderReachesEverySetting() {
        assertThat(EmbeddingKinds.describe("cnn2d")).containsExactly(
                Map.entry("channels", "8,16,32"), Map.entry("kernel", "3"),
                Map.entry("pooling", "max2"), Map.entry("residual", "false"),
                Map.entry("activation", "relu"), Map.entry("readout", "flatten"),
                Map.entry("hidden", "64"), Map.entry("outputs", "20"));
        assertThat(EmbeddingKinds.describe("set_transformer")).containsOnlyKeys("model", "heads",
                "inducing_points", "blocks", "seeds", "activation", "hidden", "outputs");
        assertThat(EmbeddingKinds.describe("transformer")).containsOnlyKeys("model", "heads",
                "layers", "activation", "hidden", "outputs");
        for (String kind : List.of("cnn2d", "set_transformer", "transformer")) {
            assertThat(EmbeddingKinds.bind(kind, EmbeddingKinds.describe(kind)))
                    .isEqualTo(EmbeddingKinds.defaults(kind));
        }
        // every key given (text, as from --embedding-set), so every component is reached
        assertThat(EmbeddingKinds.bind("cnn2d", Map.of("channels", "3,4", "kernel", "3",
                "pooling", "average2", "residual", "true", "readout", "flatten", "hidden", "8",
                "outputs", "4", "activation", "relu"))).isEqualTo(CNN);
        assertThat(EmbeddingKinds.bind("set_transformer", Map.of("model", 8, "heads", 2,
                "inducing_points", 3, "blocks", 1, "seeds", 2, "hidden", List.of(6),
                "outputs", 4))).isEqualTo(SET);
        assertThat(EmbeddingKinds.bind("transformer", Map.of("model", 8, "heads", 2,
                "layers", 1, "hidden", List.of(6), "outputs", 4))).isEqualTo(SEQ);
        // a partial map keeps the other defaults
        EmbeddingSettings partial = EmbeddingKinds.bind("cnn2d", Map.of("readout",
                "global_average", "activation", "gelu"));
        assertThat(EmbeddingKinds.registry().toText(partial))
                .containsEntry("readout", "global_average").containsEntry("activation", "gelu")
                .containsEntry("channels", "8,16,32").containsEntry("outputs", "20");
        assertThatThrownBy(() -> EmbeddingKinds.bind("cnn2d", Map.of("head", "8")))
                .hasMessageContaining("no setting 'head'");
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> EmbeddingKinds.bind("cnn2d", Map.of("kernel", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 4");
        assertThatThrownBy(() -> EmbeddingKinds.bind("cnn2d", Map.of("channels", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> EmbeddingKinds.bind("set_transformer", Map.of("model", 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30");
        assertThatThrownBy(() -> EmbeddingKinds.bind("transformer", Map.of("model", 6,
                "heads", 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model width 6");
    }

    @Test
    void modelFilesRoundTripEachKindWithAnNsf(@TempDir Path dir) throws Exception {
        roundTrip(CNN, new int[] {2, 6, 6}, false, dir.resolve("cnn2d.sbi4j"));
        roundTrip(SET, new int[] {5, 2}, true, dir.resolve("set.sbi4j"));
        roundTrip(SEQ, new int[] {2, 8}, false, dir.resolve("seq.sbi4j"));
    }

    /** A posterior built, its weights moved, saved and loaded: the same log-densities. */
    private static void roundTrip(EmbeddingSettings embedding, int[] xShape, boolean padded,
                                  Path f) throws Exception {
        long seed = 11L;
        EstimatorSpec spec = EstimatorSpec.of(NsfSettings.defaults().withTransforms(2)
                .withBins(4).withHiddenFeatures(8).withBlocks(1)).withEmbedding(embedding);
        ConditionalDensityEstimator est = spec.build(2, xShape, EstimatorSpec.buildRng(seed));
        assertThat(est).isInstanceOf(EmbeddedEstimator.class);
        int xDim = Embeddings.flatSize(xShape);
        UniformRandomProvider rng = rng(7L);
        for (var p : est.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[p.value().offset() + i] += (float) (0.05 * rng.nextDouble());
            }
        }
        double[] mean = new double[xDim];
        double[] std = new double[xDim];
        Arrays.fill(std, 2.0);
        Posterior post = new Posterior(est, spec, xShape, Standardizer.identity(2),
                Standardizer.of(mean, std), new ParameterSpace(List.of("a", "b"),
                new double[] {-5, -5}, new double[] {5, 5}), Provenance.of(seed, Map.of()), null);
        PosteriorFiles.save(post, f);
        Posterior loaded = PosteriorFiles.load(f);
        assertThat(loaded.spec()).isEqualTo(spec);
        assertThat(loaded.spec().embedding()).isEqualTo(embedding);
        float[] obs = new float[xDim];
        for (int j = 0; j < xDim; j++) {
            obs[j] = (float) rng.nextDouble();
        }
        if (padded) {
            Arrays.fill(obs, xDim - 2 * xShape[1], xDim, Float.NaN); // 2 trials missing
        }
        Matrix theta = Matrix.fromRows(new float[][] {{0.1f, -0.3f}, {1f, 2f}, {-2f, 0.5f}});
        double[] before = post.at(obs).logProb(theta);
        assertThat(Arrays.stream(before).allMatch(Double::isFinite)).isTrue();
        assertThat(loaded.at(obs).logProb(theta)).containsExactly(before);
    }
}
