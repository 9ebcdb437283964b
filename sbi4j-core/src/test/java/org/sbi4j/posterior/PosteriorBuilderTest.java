package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

class PosteriorBuilderTest {

    private static final EstimatorSpec SPEC = EstimatorSpec.defaults("mdn");
    private static final ParameterSpace SPACE = new ParameterSpace(List.of("a", "b"),
            new double[] {-5, -5}, new double[] {5, 5});
    private static final Standardizer Z_THETA = Standardizer.of(new double[] {0.5, -1},
            new double[] {2, 0.5});
    private static final Standardizer Z_X = Standardizer.of(new double[] {1, 2, 3},
            new double[] {1, 2, 3});

    private static ConditionalDensityEstimator estimator() {
        return SPEC.build(2, new int[] {3}, EstimatorSpec.buildRng(4L));
    }

    @Test
    void buildsTheSamePosteriorAsTheConstructorInAnyOrderOfCalls() {
        ConditionalDensityEstimator est = estimator();
        Matrix reference = Matrix.fromRows(new float[][] {{0, 1, 2}, {1, 0, -1}, {2, 2, 0}});
        Posterior direct = new Posterior(est, SPEC, new int[] {3}, Z_THETA, Z_X, SPACE,
                Provenance.of(4L, Map.of("k", "v")), reference);
        Posterior built = PosteriorBuilder.of(est, SPEC, new int[] {3})
                .provenance(Provenance.of(4L, Map.of("k", "v"))).referenceX(reference)
                .parameters(SPACE).standardizers(Z_THETA, Z_X).build();
        Matrix theta = Matrix.fromRows(new float[][] {{0.1f, 0.2f}, {-1f, 3f}});
        float[] xo = {0.5f, 1.5f, 2.5f};
        assertThat(built.at(xo).logProb(theta)).containsExactly(direct.at(xo).logProb(theta));
        assertThat(built.names()).containsExactly("a", "b");
        assertThat(built.provenance()).isEqualTo(direct.provenance());
        assertThat(built.xDim()).isEqualTo(3);
    }

    @Test
    void missingPartsAndDisagreeingDimensionsAreNamed() {
        PosteriorBuilder start = PosteriorBuilder.of(estimator(), SPEC, new int[] {3});
        assertThatThrownBy(start::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("standardizers").hasMessageContaining("parameters")
                .hasMessageContaining("provenance");
        PosteriorBuilder some = start.standardizers(Z_THETA, Z_X).parameters(SPACE);
        assertThatThrownBy(some::build).hasMessageContaining("provenance")
                .hasMessageNotContaining("standardizers");
        // the builder is a value: adding parts to `some` did not change `start`
        assertThatThrownBy(start::build).hasMessageContaining("standardizers");
        PosteriorBuilder complete = some.provenance(Provenance.of(1L, Map.of()));
        assertThatThrownBy(() -> complete.standardizers(Standardizer.identity(3), Z_X).build())
                .hasMessageContaining("θ dimension").hasMessageContaining("standardiser 3");
        assertThatThrownBy(() -> PosteriorBuilder.of(estimator(), SPEC, new int[] {4})
                .standardizers(Z_THETA, Standardizer.identity(4)).parameters(SPACE)
                .provenance(Provenance.of(1L, Map.of())).build())
                .hasMessageContaining("x dimension").hasMessageContaining("estimator 3");
        assertThatThrownBy(() -> PosteriorBuilder.of(estimator(), SPEC, new int[] {3, 0}))
                .hasMessageContaining("[3, 0]");
        assertThatThrownBy(() -> start.referenceX(null)).hasMessageContaining("reference x");
        assertThatThrownBy(() -> PosteriorBuilder.of(null, SPEC, new int[] {3}))
                .hasMessageContaining("estimator");
    }
}
