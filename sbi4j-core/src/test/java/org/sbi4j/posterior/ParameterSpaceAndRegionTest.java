package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.prob.Prior;

/** The parameter box (with an optional prior support), intervals and density regions by hand. */
class ParameterSpaceAndRegionTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** A prior on a box, with the given nuisance flags and a support that rejects θ₀ > 0.5. */
    private static Prior prior(List<String> names, double[] lo, double[] hi, boolean[] nuisance) {
        return new Prior() {
            @Override
            public int dim() {
                return names.size();
            }

            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public void sample(UniformRandomProvider rng, float[] out, int off) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double logProb(float[] theta, int off) {
                return 0;
            }

            @Override
            public double[] lower() {
                return lo.clone();
            }

            @Override
            public double[] upper() {
                return hi.clone();
            }

            @Override
            public boolean inSupport(float[] theta, int off) {
                return theta[off] <= 0.5;
            }

            @Override
            public boolean[] nuisance() {
                return nuisance.clone();
            }
        };
    }

    @Test
    void boxBoundsAreInclusiveAndCopied() {
        double[] lo = {0, -1};
        double[] hi = {1, 1};
        ParameterSpace s = new ParameterSpace(List.of("a", "b"), lo, hi);
        lo[0] = 5;
        hi[0] = 6;
        assertThat(s.lower()).containsExactly(0.0, -1.0);
        assertThat(s.upper()).containsExactly(1.0, 1.0);
        s.lower()[0] = 9;
        s.upper()[0] = 9;
        assertThat(s.lower()).containsExactly(0.0, -1.0);
        assertThat(s.upper()).containsExactly(1.0, 1.0);
        assertThat(s.dim()).isEqualTo(2);
        assertThat(s.support()).isNull();
        assertThat(s.restricted()).isTrue();
        // row offset 1: (0, 1) is on the corner, inside; just past either bound is outside
        assertThat(s.contains(new float[] {9, 0, 1}, 1)).isTrue();
        assertThat(s.contains(new float[] {9, 1, -1}, 1)).isTrue();
        assertThat(s.contains(new float[] {9, -0.001f, 0}, 1)).isFalse();
        assertThat(s.contains(new float[] {9, 1.001f, 0}, 1)).isFalse();
        assertThat(s.contains(new float[] {9, 0.5f, -1.001f}, 1)).isFalse();
        assertThat(s.contains(new float[] {9, 0.5f, 1.001f}, 1)).isFalse();
        assertThat(s.contains(new float[] {9, Float.NaN, 0}, 1)).isFalse();
    }

    @Test
    void anUnboundedSpaceIsNotRestrictedUnlessOneBoundOrASupportIsFinite() {
        assertThat(new ParameterSpace(List.of("a", "b"), new double[] {-INF, -INF},
                new double[] {INF, INF}).restricted()).isFalse();
        assertThat(new ParameterSpace(List.of("a", "b"), new double[] {-INF, -INF},
                new double[] {INF, 3}).restricted()).isTrue();
        assertThat(new ParameterSpace(List.of("a", "b"), new double[] {-INF, 0},
                new double[] {INF, INF}).restricted()).isTrue();
        ParameterSpace withSupport = new ParameterSpace(List.of("a"), new double[] {-INF},
                new double[] {INF}, (d, o) -> d[o] < 0);
        assertThat(withSupport.restricted()).isTrue();
        assertThat(withSupport.contains(new float[] {-1}, 0)).isTrue();
        assertThat(withSupport.contains(new float[] {1}, 0)).isFalse();
    }

    @Test
    void badBoundsAreRejected() {
        assertThatThrownBy(() -> new ParameterSpace(List.of("a", "b"), new double[2], new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 names but 2 lower and 1 upper bounds");
        assertThatThrownBy(() -> new ParameterSpace(List.of("a"), new double[2], new double[1]))
                .hasMessage("1 names but 2 lower and 1 upper bounds");
        assertThatThrownBy(() -> new ParameterSpace(List.of("a", "b"), new double[] {0, 1},
                new double[] {1, 1})).hasMessage("parameter 'b': lower bound 1.0 must be below upper"
                + " bound 1.0");
    }

    @Test
    void ofInterestKeepsTheParametersOfInterestAndTheSupportOnlyWithoutNuisances() {
        Prior all = prior(List.of("a", "b"), new double[] {0, 1}, new double[] {2, 3},
                new boolean[] {false, false});
        ParameterSpace s = ParameterSpace.ofInterest(all);
        assertThat(s.names()).containsExactly("a", "b");
        assertThat(s.lower()).containsExactly(0.0, 1.0);
        assertThat(s.upper()).containsExactly(2.0, 3.0);
        assertThat(s.support()).isNotNull();
        assertThat(s.contains(new float[] {0.4f, 2}, 0)).isTrue();
        assertThat(s.contains(new float[] {0.6f, 2}, 0)).isFalse(); // the support says no
        Prior nuis = prior(List.of("a", "n", "b"), new double[] {0, 5, 1},
                new double[] {2, 6, 3}, new boolean[] {false, true, false});
        ParameterSpace t = ParameterSpace.ofInterest(nuis);
        assertThat(t.names()).containsExactly("a", "b");
        assertThat(t.lower()).containsExactly(0.0, 1.0);
        assertThat(t.upper()).containsExactly(2.0, 3.0);
        assertThat(t.support()).isNull(); // the joint support is not a support of (a, b)
        assertThat(t.contains(new float[] {0.6f, 2}, 0)).isTrue();

        ParameterSpace box = new ParameterSpace(List.of("a", "b"), new double[] {0, 1},
                new double[] {2, 3});
        ParameterSpace supported = box.withSupport(all);
        assertThat(supported.contains(new float[] {0.6f, 2}, 0)).isFalse();
        assertThat(supported.lower()).containsExactly(0.0, 1.0);
        assertThat(box.withSupport(nuis).support()).isNull();
        assertThatThrownBy(() -> box.withSupport(prior(List.of("x", "y"), new double[] {0, 1},
                new double[] {2, 3}, new boolean[2])))
                .hasMessage("the prior's parameters of interest [x, y] are not the posterior's [a, b]");
    }

    @Test
    void intervalWidthAndInclusiveContainment() {
        Interval i = new Interval("a", 0.9, -1, 2);
        assertThat(i.width()).isEqualTo(3.0);
        assertThat(i.contains(-1)).isTrue();
        assertThat(i.contains(2)).isTrue();
        assertThat(i.contains(-1.0001)).isFalse();
        assertThat(i.contains(2.0001)).isFalse();
    }

    @Test
    void densityRegionUnionWidthAndText() {
        DensityRegion r = new DensityRegion("a", 0.9, List.of(new Interval("a", 0.9, 0, 1),
                new Interval("a", 0.9, 2, 2.5)));
        assertThat(r.width()).isEqualTo(1.5);
        assertThat(r.contains(0)).isTrue();
        assertThat(r.contains(2.5)).isTrue();
        assertThat(r.contains(1.5)).isFalse();
        assertThat(r.contains(3)).isFalse();
        assertThat(r.text()).isEqualTo("[0.000, 1.000] ∪ [2.000, 2.500]");
        assertThatThrownBy(() -> new DensityRegion("a", 0.9, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a density region needs at least one interval");
        // touching pieces are not disjoint
        assertThatThrownBy(() -> new DensityRegion("a", 0.9, List.of(new Interval("a", 0.9, 0, 1),
                new Interval("a", 0.9, 1, 2))))
                .hasMessageStartingWith("intervals of a density region must be disjoint and increasing");
    }
}
