package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;

/** Job priors become org.sbi4j.prob priors with the same densities and supports. */
class JobPriorTest {

    static final String JOB = """
            simulator: {command: [sim], x_dim: 1}
            simulations: 10
            priors:
              - {name: u, distribution: "uniform(-1, 3)"}
              - {name: n, distribution: "normal(1, 2)"}
              - {name: l, distribution: "lognormal(0, 0.5)"}
              - {name: g, distribution: "gamma(2, 3)", nuisance: true}
              - {name: b, distribution: "beta(2, 5)"}
              - {name: t, distribution: "truncated_normal(0, 1, 0, inf)"}
            """;

    @Test
    void theProductPriorHasTheNamedDensities() {
        Prior p = JobFileReader.parse(JOB, JobFileReader.Format.YAML, "j.yaml").toPrior();
        assertThat(p.names()).containsExactly("u", "n", "l", "g", "b", "t");
        assertThat(p.nuisance()).containsExactly(false, false, false, true, false, false);
        assertThat(p.lower()).containsExactly(-1, Double.NEGATIVE_INFINITY, 0, 0, 0, 0);
        assertThat(p.upper()[0]).isEqualTo(3);
        float[] theta = {0.5f, 1f, 1f, 3f, 0.5f, 1f};
        // closed forms, evaluated by hand from each density's formula:
        double u = -Math.log(4);                                          // 1/(3 − (−1))
        double n = -0.5 * Math.log(2 * Math.PI) - Math.log(2);            // N(1, 2²) at its mean
        double l = -0.5 * Math.log(2 * Math.PI) - Math.log(0.5);          // log x = 0 at x = 1
        double g = Math.log(3) - 3.0 / 3 - Math.log(9);                   // x e^{-x/3}/(Γ(2)·9)
        double b = Math.log(30 * 0.5 * Math.pow(0.5, 4));                 // 1/B(2,5) = 30
        double t = -0.5 * Math.log(2 * Math.PI) - 0.5 + Math.log(2);      // half-normal at 1
        // float32 θ and the libraries' log-gamma: agreement to 1e-9 is ample
        assertThat(p.logProb(theta, 0)).isCloseTo(u + n + l + g + b + t, within(1e-9));
    }

    @Test
    void allNuisanceAndTaskWithoutPriorsAreRejected() {
        assertThatThrownBy(() -> JobFileReader.parse("""
                simulator: {command: [sim], x_dim: 1}
                simulations: 10
                priors: [{name: a, distribution: "normal(0, 1)", nuisance: true}]
                """, JobFileReader.Format.YAML, "j.yaml"))
                .hasMessageContaining("at least one must be of interest");
        JobFile task = JobFileReader.parse("{\"simulator\": {\"task\": \"two_moons\"},"
                + " \"simulations\": 5}", JobFileReader.Format.JSON, "j.json");
        assertThatThrownBy(task::toPrior).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'two_moons' brings its own");
    }
}
