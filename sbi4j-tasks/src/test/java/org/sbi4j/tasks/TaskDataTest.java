package org.sbi4j.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tasks.galaxy.GalaxyImageTask;
import org.sbi4j.tasks.realism.RealismTask;
import org.sbi4j.tensor.Matrix;

/** Every task's observations, true parameters and reference samples load with the right shapes. */
class TaskDataTest {

    /** dim θ and dim x per task, from TASKS.md. */
    private static final Map<String, int[]> DIMS = Map.ofEntries(
            Map.entry("gaussian_linear", new int[] {10, 10}),
            Map.entry("gaussian_linear_uniform", new int[] {10, 10}),
            Map.entry("slcp", new int[] {5, 8}),
            Map.entry("slcp_distractors", new int[] {5, 100}),
            Map.entry("bernoulli_glm", new int[] {10, 10}),
            Map.entry("bernoulli_glm_raw", new int[] {10, 100}),
            Map.entry("gaussian_mixture", new int[] {2, 2}),
            Map.entry("two_moons", new int[] {2, 2}),
            Map.entry("sir", new int[] {2, 10}),
            Map.entry("lotka_volterra", new int[] {4, 20}),
            Map.entry("galaxy_clustering", new int[] {2, 16}),
            Map.entry("lorenz96", new int[] {2, 200}),
            Map.entry("counting_experiment", new int[] {3, 5}),
            Map.entry("banana", new int[] {2, 2}),
            Map.entry("galaxy_image", new int[] {6, 64 * 64}),
            Map.entry("realism_counts", new int[] {2, 25}),
            Map.entry("realism_oscillation", new int[] {4, 100}),
            Map.entry("realism_image", new int[] {2, 48 * 48}),
            Map.entry("realism_trials", new int[] {3, 80}),
            Map.entry("realism_nuisance", new int[] {6, 64}),
            Map.entry("realism_binomial", new int[] {3, 8}));

    /** Tasks without a reference posterior (intractable likelihood). */
    private static final java.util.Set<String> NO_REFERENCE = java.util.Set.of("lorenz96");

    @Test
    void everyTaskLoadsWithTheRightShapes() {
        assertThat(Tasks.names()).containsExactlyInAnyOrderElementsOf(DIMS.keySet());
        for (Task t : Tasks.all()) {
            int[] d = DIMS.get(t.name());
            assertThat(t.thetaDim()).as(t.name()).isEqualTo(d[0]);
            assertThat(t.xDim()).as(t.name()).isEqualTo(d[1]);
            assertThat(t.thetaNames()).hasSize(d[0]);
            assertThat(t.simulator().thetaDim()).isEqualTo(d[0]);
            assertThat(t.numObservations()).isEqualTo(t.name().startsWith("realism_")
                    || t.name().equals("galaxy_image") ? 3 : 10);
            for (int k = 1; k <= t.numObservations(); k++) {
                float[] x = t.observation(k);
                float[] theta = t.trueParameters(k);
                assertThat(x).as("%s obs %d", t.name(), k).hasSize(d[1]);
                assertThat(theta).as("%s theta %d", t.name(), k).hasSize(d[0]);
                // the generating θ must have positive prior density
                assertThat(t.prior().logProb(theta, 0)).as("%s log p(theta_%d)", t.name(), k).isFinite();
                for (float v : x) {
                    // NaN only as the padding of a set of trials
                    assertThat(Float.isInfinite(v) || Float.isNaN(v) && !t.simulator().nanPadding()).isFalse();
                }
            }
        }
    }

    @Test
    void referenceSamplesHaveTenThousandRowsInsideThePriorSupport() {
        for (Task t : Tasks.all()) {
            if (NO_REFERENCE.contains(t.name())) {
                assertThatThrownBy(() -> t.referenceSamples(1)).hasMessageContaining("no reference");
                continue;
            }
            for (int k : new int[] {1, t.numObservations()}) {
                Matrix m = t.referenceSamples(k);
                assertThat(m.rows()).as("%s ref %d", t.name(), k).isEqualTo(10_000);
                // the realism tasks' and galaxy_image's references hold the parameters of interest only
                int[] cols = t instanceof RealismTask || t instanceof GalaxyImageTask
                        ? t.prior().interestIndices()
                        : java.util.stream.IntStream.range(0, t.thetaDim()).toArray();
                assertThat(m.cols()).isEqualTo(cols.length);
                double[] lo = t.prior().lower();
                double[] hi = t.prior().upper();
                int outside = 0;
                for (int i = 0; i < m.rows(); i++) {
                    boolean in = cols.length != t.thetaDim() || t.prior().inSupport(m.data(), m.rowOffset(i));
                    for (int j = 0; j < cols.length; j++) {
                        float v = m.get(i, j);
                        in &= v >= lo[cols[j]] && v <= hi[cols[j]];
                    }
                    outside += in ? 0 : 1;
                }
                assertThat(outside).as("%s ref %d samples outside the prior box", t.name(), k).isZero();
            }
        }
    }

    @Test
    void sbibmHeadersNameTheParameters() {
        assertThat(Tasks.byName("sir").thetaNames()).containsExactly("beta", "gamma");
        assertThat(Tasks.byName("lotka_volterra").thetaNames()).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(Tasks.byName("two_moons").thetaNames()).containsExactly("parameter_1", "parameter_2");
        assertThat(TaskResources.readCsv("/sbibm/two_moons/obs1/true_parameters.csv")[0]).hasSize(2);
    }

    @Test
    void unknownNamesAndObservationIndicesAreRejected() {
        assertThatThrownBy(() -> Tasks.byName("three_moons"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown task 'three_moons'").hasMessageContaining("two_moons");
        assertThat(Tasks.byName("ab2_toy").name()).isEqualTo("galaxy_clustering");
        Task t = Tasks.byName("slcp");
        assertThatThrownBy(() -> t.observation(11)).hasMessageContaining("observation 11 does not exist");
        assertThatThrownBy(() -> t.referenceSamples(0)).hasMessageContaining("observation 0");
    }

    @Test
    void simulatorsAreDeterministicGivenTheSeed() {
        for (Task t : Tasks.all()) {
            float[] theta = t.trueParameters(1);
            float[] a = new float[t.xDim()];
            float[] b = new float[t.xDim()];
            float[] c = new float[t.xDim()];
            t.simulator().simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(9), a, 0);
            t.simulator().simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(9), b, 0);
            t.simulator().simulate(theta, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(10), c, 0);
            assertThat(a).as(t.name()).containsExactly(b);
            assertThat(a).as(t.name()).isNotEqualTo(c);
        }
    }

    @Test
    void priorsMatchTheirSupport() {
        for (Task t : Tasks.all()) {
            Matrix s = t.prior().sample(200, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
            for (int i = 0; i < s.rows(); i++) {
                assertThat(t.prior().inSupport(s.data(), s.rowOffset(i))).isTrue();
            }
        }
    }
}
