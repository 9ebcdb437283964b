package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * The permutation transform and the affine elementwise bijection on values worked out by hand.
 * The affine map is z = θ·e^s + μ with the soft-bounded log-scale s = r/(1 + |r|/B), so
 * ds/dr = 1/(1 + |r|/B)².
 */
class PermutationAndAffineByHandTest {

    @Test
    void permutationGathersForwardAndScattersBack() {
        Permutation p = Permutation.of(new int[] {2, 0, 1}, 4);
        assertThat(p.features()).isEqualTo(3);
        assertThat(p.contextSize()).isEqualTo(4);
        assertThat(p.params()).isEmpty();
        assertThat(p.permutation()).containsExactly(2, 0, 1);
        p.permutation()[0] = 9;
        assertThat(p.permutation()).containsExactly(2, 0, 1);
        ConditionalTransform.Workspace ws = p.workspace(2);
        Matrix theta = Matrix.wrap(new float[] {10, 20, 30, 40, 50, 60}, 2, 3);
        float[] lad = {0.5f, 0.5f};
        Matrix z = p.forward(theta, null, lad, ws);
        assertThat(z.rows()).isEqualTo(2);
        assertThat(new float[] {z.get(0, 0), z.get(0, 1), z.get(0, 2), z.get(1, 0), z.get(1, 1),
            z.get(1, 2)}).containsExactly(30, 10, 20, 60, 40, 50);
        assertThat(lad).containsExactly(0.5f, 0.5f); // volume-preserving
        Matrix back = p.inverse(Matrix.wrap(new float[] {30, 10, 20, 60, 40, 50}, 2, 3), null,
                lad, ws);
        assertThat(new float[] {back.get(0, 0), back.get(0, 1), back.get(0, 2), back.get(1, 0),
            back.get(1, 1), back.get(1, 2)}).containsExactly(10, 20, 30, 40, 50, 60);
        // the gradient goes back the way the inverse does
        Matrix g = p.backward(Matrix.wrap(new float[] {3, 1, 2}, 1, 3), new float[1], null, ws);
        assertThat(new float[] {g.get(0, 0), g.get(0, 1), g.get(0, 2)}).containsExactly(1, 2, 3);
    }

    @Test
    void reverseAndRandomAreValidPermutations() {
        assertThat(Permutation.reverse(4, 0).permutation()).containsExactly(3, 2, 1, 0);
        assertThat(Permutation.reverse(1, 0).permutation()).containsExactly(0);
        int[] r = Permutation.random(6, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(2)).permutation();
        assertThat(r).hasSize(6).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(Permutation.of(new int[] {0, 1}, 0).contextSize()).isZero();
    }

    @Test
    void notAPermutationIsRejected() {
        assertThatThrownBy(() -> Permutation.of(new int[] {0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a permutation of 0..1: [0, 0]");
        assertThatThrownBy(() -> Permutation.of(new int[] {0, 2}, 0))
                .hasMessage("not a permutation of 0..1: [0, 2]");
        assertThatThrownBy(() -> Permutation.of(new int[] {-1, 0}, 0))
                .hasMessage("not a permutation of 0..1: [-1, 0]");
        assertThatThrownBy(() -> Permutation.of(new int[] {0, 1}, -1))
                .hasMessage("negative context size -1");
        int[] mine = {1, 0};
        Permutation p = Permutation.of(mine, 0);
        mine[0] = 0;
        assertThat(p.permutation()).containsExactly(1, 0);
    }

    @Test
    void affineForwardInverseAndLogDetByHand() {
        AffineBijection a = AffineBijection.of(1f);
        assertThat(a.bound()).isEqualTo(1f);
        assertThat(a.paramsPerDim()).isEqualTo(2);
        assertThat(a.scratchSize()).isZero();
        // two rows: (μ, r) = (3, 1) → s = 1/(1 + 1) = 0.5; (μ, r) = (−1, −1) → s = −0.5
        float[] p = {3, 1, -1, -1};
        float[] theta = {2, 4};
        float[] z = new float[2];
        float[] lad = {1, 1};
        a.forward(2, theta, 0, 1, p, 0, 2, z, 0, 1, lad, 0, null);
        assertThat((double) z[0]).isCloseTo(2 * Math.exp(0.5) + 3, within(1e-5));
        assertThat((double) z[1]).isCloseTo(4 * Math.exp(-0.5) - 1, within(1e-5));
        assertThat((double) lad[0]).isCloseTo(1.5, within(1e-6));
        assertThat((double) lad[1]).isCloseTo(0.5, within(1e-6));
        float[] back = new float[2];
        float[] lad2 = {0, 0};
        a.inverse(2, z, 0, 1, p, 0, 2, back, 0, 1, lad2, 0, null);
        assertThat((double) back[0]).isCloseTo(2, within(1e-5));
        assertThat((double) back[1]).isCloseTo(4, within(1e-5));
        assertThat((double) lad2[0]).isCloseTo(0.5, within(1e-6));
        assertThat((double) lad2[1]).isCloseTo(-0.5, within(1e-6));
        a.inverse(2, z, 0, 1, p, 0, 2, back, 0, 1, null, 0, null); // no log-det wanted
        assertThat((double) back[1]).isCloseTo(4, within(1e-5));
    }

    @Test
    void affineBackwardByHand() {
        // θ = 2, μ = 3, r = 1, B = 1: scale e^0.5, q = 2; upstream gz = 1.5, gl = 0.25:
        // ∂/∂θ = 1.5·e^0.5, ∂/∂μ = 1.5, ∂/∂r = (1.5·2·e^0.5 + 0.25)/q²
        AffineBijection a = AffineBijection.of(1f);
        float[] gTheta = new float[1];
        float[] gp = new float[2];
        a.backward(1, new float[] {2}, 0, 1, new float[] {3, 1}, 0, 2, new float[] {1.5f}, 0, 1,
                new float[] {0.25f}, 0, gTheta, 0, 1, gp, 0, 2, null);
        double e = Math.exp(0.5);
        assertThat((double) gTheta[0]).isCloseTo(1.5 * e, within(1e-5));
        assertThat((double) gp[0]).isCloseTo(1.5, within(1e-6));
        assertThat((double) gp[1]).isCloseTo((1.5 * 2 * e + 0.25) / 4, within(1e-5));
        // r = −1: q = 2 as well (|r|), scale e^−0.5
        a.backward(1, new float[] {2}, 0, 1, new float[] {3, -1}, 0, 2, new float[] {1.5f}, 0, 1,
                new float[] {0.25f}, 0, gTheta, 0, 1, gp, 0, 2, null);
        assertThat((double) gp[1]).isCloseTo((1.5 * 2 / e + 0.25) / 4, within(1e-5));
    }

    @Test
    void affineBoundMustBePositiveAndFinite() {
        assertThat(AffineBijection.standard().bound()).isEqualTo((float) Math.log(1000.0));
        assertThat(AffineBijection.DEFAULT_BOUND).isEqualTo((float) Math.log(1000.0));
        assertThatThrownBy(() -> AffineBijection.of(0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-scale bound must be positive and finite: 0.0");
        assertThatThrownBy(() -> AffineBijection.of(Float.NaN))
                .hasMessage("log-scale bound must be positive and finite: NaN");
        assertThatThrownBy(() -> AffineBijection.of(Float.POSITIVE_INFINITY))
                .hasMessage("log-scale bound must be positive and finite: Infinity");
        assertThat(AffineBijection.of(Float.MIN_VALUE).bound()).isEqualTo(Float.MIN_VALUE);
    }
}
