package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.AutoregressiveNsfSettings;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.FlowStackSettings;
import org.sbi4j.flows.Flows;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/** Every registered estimator kind, with and without embedding and ensemble, survives a file. */
class EstimatorKindsRoundTripTest {

    private static final int[] X_SHAPE = {3};

    /** Every registered kind at its defaults, alone and as an ensemble of 2 with an MLP. */
    private static List<EstimatorSpec> specs() {
        List<EstimatorSpec> out = new ArrayList<>();
        for (String kind : EstimatorKinds.names()) {
            out.add(EstimatorSpec.defaults(kind));
            out.add(EstimatorSpec.defaults(kind).withEnsemble(2)
                    .withEmbedding(EmbeddingSettings.mlp(new int[] {6}, 4)));
        }
        out.add(EstimatorSpec.of(AutoregressiveNsfSettings.defaults().withTransforms(3)
                .withRandomPermutations(true)));
        out.add(EstimatorSpec.of(FlowStackSettings.of("affine_coupling(hidden_features=8)",
                "random_permutation", "spline_autoregressive(bins=4, hidden_features=8)", "lu",
                "affine_autoregressive(hidden_features=8)", "reverse", "spline_coupling"))
                .withEmbedding(EmbeddingSettings.mlp(new int[] {5}, 3)));
        return out;
    }

    /** A posterior of spec built from seed, weights moved off their initial values. */
    private static Posterior posterior(EstimatorSpec spec, long seed) {
        ConditionalDensityEstimator est = spec.build(2, X_SHAPE, EstimatorSpec.buildRng(seed));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1);
        for (Param p : est.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[p.value().offset() + i] += (float) (0.05 * rng.nextDouble());
            }
        }
        return new Posterior(est, spec, X_SHAPE, Standardizer.identity(2),
                Standardizer.identity(3), new ParameterSpace(List.of("a", "b"),
                new double[] {-5, -5}, new double[] {5, 5}), Provenance.of(seed, Map.of()), null);
    }

    @Test
    void everyKindRoundTripsThroughAModelFileBitForBit(@TempDir Path dir) throws Exception {
        Matrix theta = Matrix.fromRows(new float[][] {{0.1f, -0.3f}, {1f, 2f}, {-2f, 0.5f}});
        float[] x = {0.2f, -0.4f, 1.1f};
        int i = 0;
        for (EstimatorSpec spec : specs()) {
            Posterior p = posterior(spec, 5L);
            Path f = dir.resolve("m" + i++ + ".sbi4j");
            PosteriorFiles.save(p, f);
            Posterior back = PosteriorFiles.load(f);
            assertThat(back.spec()).as(spec.toString()).isEqualTo(spec);
            assertThat(back.at(x).logProb(theta)).as(spec.toString())
                    .containsExactly(p.at(x).logProb(theta));
        }
    }

    @Test
    void parameterNamesAreUniqueAcrossMembersEmbeddingsAndTransforms() {
        for (EstimatorSpec spec : specs()) {
            List<Param> params = spec.build(2, X_SHAPE, EstimatorSpec.buildRng(1L)).params();
            var names = new HashSet<String>();
            params.forEach(p -> names.add(p.name()));
            assertThat(names).as(spec.toString()).hasSameSizeAs(params);
        }
        List<Param> ens = specs().get(1).build(2, X_SHAPE, EstimatorSpec.buildRng(1L)).params();
        assertThat(ens.get(0).name()).isEqualTo("member0.embedding.dense0.weight");
        assertThat(ens).extracting(Param::name).contains("member1.t0.net.initial.weight",
                "member1.embedding.dense1.bias");
    }

    @Test
    void namingLeavesTheInitialWeightsOfAMemberAsTheyWere() {
        ConditionalDensityEstimator ens = EstimatorSpec.defaults("nsf").withEnsemble(2)
                .build(2, X_SHAPE, EstimatorSpec.buildRng(3L));
        UniformRandomProvider rng = EstimatorSpec.buildRng(3L);
        Flows.nsf(2, 3, NsfSettings.defaults(), rng); // member 0 draws first
        List<Param> second = Flows.nsf(2, 3, NsfSettings.defaults(), rng).params();
        List<Param> named = ((Ensemble) ens).params().subList(ens.params().size()
                - second.size(), ens.params().size());
        for (int k = 0; k < second.size(); k++) {
            assertThat(named.get(k).name()).isEqualTo("member1." + second.get(k).name());
            assertThat(named.get(k).value().toArray())
                    .containsExactly(second.get(k).value().toArray());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytes(@TempDir Path dir) throws Exception {
        for (EstimatorSpec spec : specs()) {
            PosteriorFiles.save(posterior(spec, 9L), dir.resolve("a.sbi4j"));
            PosteriorFiles.save(posterior(spec, 9L), dir.resolve("b.sbi4j"));
            assertThat(Files.mismatch(dir.resolve("a.sbi4j"), dir.resolve("b.sbi4j")))
                    .as(spec.toString()).isEqualTo(-1L);
        }
    }
}
