package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.EmbeddedEstimator;
import org.sbi4j.nn.Conv1d;
import org.sbi4j.nn.DeepSets;
import org.sbi4j.nn.Layer;
import org.sbi4j.tensor.Matrix;

class EmbeddingSettingsTest {

    private static final Conv1dEmbedding CONV = EmbeddingSettings.conv1d(new int[] {4, 6}, 3,
            new int[] {16}, 5).withConvolution(2, Conv1d.Padding.VALID,
            Conv1dEmbedding.Pooling.GLOBAL);
    private static final DeepSetsEmbedding SETS = EmbeddingSettings.deepSets(new int[] {8}, 6,
            new int[] {10}, 4);

    @Test
    void textRoundTripsEveryKind() {
        for (EmbeddingSettings e : List.of(EmbeddingSettings.none(),
                EmbeddingSettings.mlp(new int[] {3}, 2), CONV,
                EmbeddingSettings.conv1d(new int[] {2}, 5, new int[0], 3), SETS)) {
            Map<String, String> p = EmbeddingKinds.registry().toText(e);
            EmbeddingSettings back = EmbeddingKinds.registry().fromText(e.kind(), p);
            assertThat(back).isEqualTo(e);
            assertThat(EmbeddingKinds.registry().entryOf(back).name()).isEqualTo(e.kind());
        }
    }

    @Test
    void everyEmbeddingKeyIsReachableByName() {
        assertThat(EmbeddingKinds.names()).containsExactly("none", "mlp", "conv1d", "deepsets",
                "cnn2d", "set_transformer", "transformer", "auto");
        for (var e : EmbeddingKinds.registry().entries()) {
            Map<String, String> text = EmbeddingKinds.describe(e.name());
            assertThat(text).hasSize(e.type().getRecordComponents().length);
            assertThat(EmbeddingKinds.bind(e.name(), text)).isEqualTo(e.defaults());
            assertThat(e.defaults().kind()).isEqualTo(e.name());
        }
        assertThat(EmbeddingKinds.bind("mlp", Map.of("hidden", List.of(16, 8), "outputs", 4)))
                .isEqualTo(EmbeddingSettings.mlp(new int[] {16, 8}, 4));
        assertThat(EmbeddingKinds.bind("conv1d", Map.of("channels", "4,6", "kernel", 3,
                "hidden", List.of(16), "outputs", 5, "stride", 2, "padding", "valid",
                "pooling", "global"))).isEqualTo(CONV);
        assertThat(EmbeddingKinds.describe("deepsets")).containsEntry("phi_hidden", "50")
                .containsEntry("phi_outputs", "20");
        assertThatThrownBy(() -> EmbeddingKinds.bind("none", Map.of("outputs", 3)))
                .hasMessageContaining("embedding 'none' has no setting 'outputs'");
        assertThatThrownBy(() -> EmbeddingKinds.bind("mlp", Map.of("hidden", List.of(0))))
                .hasMessageContaining("hidden width must be positive, got 0");
    }

    @Test
    void convolutionBuildsForOneAndSeveralChannels() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        Layer one = CONV.build(new int[] {30}, rng);
        Layer three = CONV.build(new int[] {3, 30}, rng);
        assertThat(one.inputSize()).isEqualTo(30);
        assertThat(three.inputSize()).isEqualTo(90);
        assertThat(one.outputSize()).isEqualTo(5);
        assertThatThrownBy(() -> CONV.build(new int[] {2, 3, 4}, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void deepSetsBuildFromTrialsShape() {
        Layer l = SETS.build(new int[] {7, 2}, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(l).isInstanceOf(DeepSets.class);
        assertThat(((DeepSets) l).maxTrials()).isEqualTo(7);
        assertThat(l.inputSize()).isEqualTo(14);
        assertThat(l.outputSize()).isEqualTo(4);
    }

    @Test
    void setStandardizerPoolsTrialsAndSkipsPadding() {
        // 3 rows of 3 trials of 2 values; padding NaN. Component 0 takes 1, 2, 3, 4, 5 and
        // component 1 takes 10, 10, 10, 10, 10 (constant: σ = 1) over the valid trials.
        float n = Float.NaN;
        Matrix x = Matrix.fromRows(new float[][] {{1, 10, 2, 10, n, n}, {3, 10, n, n, n, n},
                {4, 10, 5, 10, n, n}});
        Standardizer z = SETS.fitStandardizer(x, new int[] {3, 2});
        double sd = Math.sqrt(10.0 / 4); // deviations −2, −1, 0, 1, 2 with n − 1 = 4
        assertThat(z.mean()).containsExactly(3, 10, 3, 10, 3, 10);
        assertThat(z.std()).containsExactly(sd, 1, sd, 1, sd, 1);
        Matrix out = z.transform(x, Matrix.of(3, 6));
        assertThat(out.get(1, 2)).isNaN();
        assertThat(out.get(1, 0)).isZero();
        assertThatThrownBy(() -> EmbeddingSettings.mlp(new int[0], 2).fitStandardizer(x,
                new int[] {6})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> EmbeddingSettings.conv1d(new int[0], 3, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> EmbeddingSettings.conv1d(new int[] {2}, 3, new int[0], 2)
                .withConvolution(3, Conv1d.Padding.SAME, Conv1dEmbedding.Pooling.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride 3");
        assertThatThrownBy(() -> EmbeddingSettings.deepSets(new int[] {-1}, 2, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> EmbeddingSettings.deepSets(new int[0], 0, new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("φ output");
    }

    @Test
    void modelFilesRoundTripConvolutionalAndSetEmbeddings(@TempDir Path dir) throws Exception {
        roundTrip(CONV, new int[] {2, 16}, false, dir.resolve("conv.sbi4j"));
        roundTrip(SETS, new int[] {5, 2}, true, dir.resolve("sets.sbi4j"));
    }

    /** A freshly built posterior saved and loaded gives the same log-densities bit for bit. */
    private static void roundTrip(EmbeddingSettings embedding, int[] xShape, boolean padded, Path f)
            throws Exception {
        long seed = 42L;
        EstimatorSpec spec = EstimatorSpec.defaults("mdn")
                .withEmbedding(embedding);
        ConditionalDensityEstimator est = spec.build(2, xShape, EstimatorSpec.buildRng(seed));
        assertThat(est).isInstanceOf(EmbeddedEstimator.class);
        int xDim = xShape[0] * xShape[1];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        // move the weights away from their initial values so loading must restore them
        for (var p : est.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[p.value().offset() + i] += (float) (0.05 * rng.nextDouble());
            }
        }
        double[] mean = new double[xDim];
        double[] std = new double[xDim];
        java.util.Arrays.fill(std, 2.0);
        Posterior post = new Posterior(est, spec, xShape, Standardizer.identity(2),
                Standardizer.of(mean, std), new ParameterSpace(List.of("a", "b"),
                new double[] {-5, -5}, new double[] {5, 5}), Provenance.of(seed, Map.of()), null);
        PosteriorFiles.save(post, f);
        Posterior loaded = PosteriorFiles.load(f);
        assertThat(loaded.spec()).isEqualTo(spec);
        float[] obs = new float[xDim];
        for (int j = 0; j < xDim; j++) {
            obs[j] = (float) rng.nextDouble();
        }
        if (padded) {
            java.util.Arrays.fill(obs, xDim - 2 * xShape[1], xDim, Float.NaN); // 2 trials missing
        }
        Matrix theta = Matrix.fromRows(new float[][] {{0.1f, -0.3f}, {1f, 2f}, {-2f, 0.5f}});
        assertThat(loaded.at(obs).logProb(theta))
                .containsExactly(post.at(obs).logProb(theta));
    }
}
