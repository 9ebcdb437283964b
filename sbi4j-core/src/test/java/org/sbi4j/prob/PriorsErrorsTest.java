package org.sbi4j.prob;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad arguments give an IllegalArgumentException naming the parameter and the value. */
class PriorsErrorsTest {

    @Test
    void uniformWithLowAboveHigh() {
        assertThatThrownBy(() -> Priors.uniform("a", 2.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uniform prior for parameter 'a': low 2.0 must be below high 1.0");
        assertThatThrownBy(() -> Priors.uniform("a", 0, Double.POSITIVE_INFINITY))
                .hasMessageContaining("'a'").hasMessageContaining("Infinity");
    }

    @Test
    void negativeOrZeroScales() {
        assertThatThrownBy(() -> Priors.normal("m", 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normal prior for parameter 'm': sd -1.0 must be positive and finite");
        assertThatThrownBy(() -> Priors.logNormal("s", 0, 0)).hasMessageContaining("sigma 0.0");
        assertThatThrownBy(() -> Priors.gamma("g", -2, 1)).hasMessageContaining("shape -2.0");
        assertThatThrownBy(() -> Priors.beta("b", 1, Double.NaN)).hasMessageContaining("beta NaN");
        assertThatThrownBy(() -> Priors.truncatedNormal("t", 0, 1, 3, 1))
                .hasMessageContaining("low 3.0 must be below high 1.0");
    }

    @Test
    void wrongNameCountsAndDuplicates() {
        assertThatThrownBy(() -> Priors.uniform(List.of("a", "b"), new double[] {0, 0, 0}, new double[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low has 3 values, expected 2");
        assertThatThrownBy(() -> Priors.multivariateNormal(List.of("a"), new double[] {0, 0},
                new double[][] {{1, 0}, {0, 1}}))
                .hasMessageContaining("1 parameter names [a] given for 2 parameters");
        assertThatThrownBy(() -> Priors.independent(Priors.normal("a", 0, 1), Priors.normal("a", 0, 1)))
                .hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> Priors.normal(" ", 0, 1)).hasMessageContaining("blank parameter name");
    }

    @Test
    void covarianceNotPositiveDefinite() {
        assertThatThrownBy(() -> Priors.multivariateNormal(List.of("a", "b"), new double[] {0, 0},
                new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covariance is not symmetric positive definite");
        assertThatThrownBy(() -> Priors.multivariateNormal(List.of("a", "b"), new double[] {0, 0},
                new double[][] {{1, 0}, {0.5, 1}}))
                .hasMessageContaining("not symmetric positive definite");
        assertThatThrownBy(() -> Priors.multivariateNormal(List.of("a", "b"), new double[] {0, 0},
                new double[][] {{1, 0}}))
                .hasMessageContaining("covariance has 1 rows, expected 2");
    }

    @Test
    void customAndNuisanceErrors() {
        assertThatThrownBy(() -> Priors.custom(List.of("a"), new double[] {1}, new double[] {0},
                (r, t) -> t[0] = 0.5, t -> 0))
                .hasMessageContaining("custom prior for parameter 'a': low 1.0 must be below high 0.0");
        assertThatThrownBy(() -> Priors.custom(List.of("a"), new double[] {0}, new double[] {1}, null, t -> 0))
                .hasMessageContaining("required");
        Prior p = Priors.uniform(List.of("a", "b"), 0, 1);
        assertThatThrownBy(() -> Priors.withNuisance(p, "c"))
                .hasMessage("withNuisance: no parameter named 'c' among [a, b]");
        assertThatThrownBy(() -> Priors.withNuisance(p, "a", "b"))
                .hasMessageContaining("leaves no parameter of interest");
    }
}
