package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.data.Standardizer;
import org.sbi4j.tensor.Matrix;

/**
 * The MAP against a grid search over the support, on untrained estimators (random weights give
 * some smooth, possibly multimodal density): a MAF (exact gradients through the flow) and an
 * MDN (no θ gradient: central differences). The MAP must be at least as high as the best of
 * 400 × 400 grid points over [−4, 4]² (standardised) less 2e-3 (the grid spacing 0.02 misses
 * the peak by at most ½·0.01²·|∂²log q| ≈ 1e-3 for curvatures up to 20), and at least as high
 * as every posterior sample.
 */
class MapEstimateTest {

    private static final Standardizer Z = Standardizer.of(new double[] {0.5, -1},
            new double[] {2, 0.5});

    @ParameterizedTest
    @ValueSource(strings = {"maf", "mdn", "nsf"})
    void mapBeatsAGridSearch(String kind) {
        EstimatorSpec spec = EstimatorSpec.defaults(kind);
        double inf = Double.POSITIVE_INFINITY;
        Posterior post = PosteriorBuilder.of(spec.build(2, new int[] {3},
                        EstimatorSpec.buildRng(11L)), spec, new int[] {3})
                .standardizers(Z, Standardizer.identity(3))
                .parameters(new ParameterSpace(List.of("a", "b"), new double[] {-inf, -inf},
                        new double[] {inf, inf}))
                .provenance(Provenance.of(11L, Map.of())).build();
        ConditionedPosterior c = post.at(new float[] {0.3f, -0.7f, 1.1f});
        double[] map = c.map(RandomSource.XO_RO_SHI_RO_128_PP.create(12L));
        double atMap = c.unnormalizedLogProb(Matrix.fromRows(new float[][] {
                {(float) map[0], (float) map[1]}}))[0];
        int g = 400;
        Matrix grid = Matrix.of(g * g, 2);
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                grid.set(i * g + j, 0, (float) (0.5 + 2 * (-4 + 8.0 * i / (g - 1))));
                grid.set(i * g + j, 1, (float) (-1 + 0.5 * (-4 + 8.0 * j / (g - 1))));
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double v : c.unnormalizedLogProb(grid)) {
            best = Math.max(best, v);
        }
        double samplesBest = Double.NEGATIVE_INFINITY;
        for (double v : c.unnormalizedLogProb(c.sample(1000,
                RandomSource.XO_RO_SHI_RO_128_PP.create(13L)))) {
            samplesBest = Math.max(samplesBest, v);
        }
        System.out.printf("%s: MAP log q %.5f, grid best %.5f, best of 1000 samples %.5f%n",
                kind, atMap, best, samplesBest);
        assertThat(atMap).isGreaterThanOrEqualTo(best - 2e-3);
        assertThat(atMap).isGreaterThanOrEqualTo(samplesBest);
    }
}
