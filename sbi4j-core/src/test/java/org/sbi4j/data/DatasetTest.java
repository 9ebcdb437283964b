package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.tensor.Matrix;

class DatasetTest {

    /** n rows with theta = (i, −i), x = (10i, 10i + 1, 10i + 2), index = 100 + i. */
    static Dataset numbered(int n) {
        Matrix t = Matrix.of(n, 2);
        Matrix x = Matrix.of(n, 3);
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) {
            t.set(i, 0, i);
            t.set(i, 1, -i);
            for (int k = 0; k < 3; k++) {
                x.set(i, k, 10 * i + k);
            }
            idx[i] = 100 + i;
        }
        return Dataset.of(t, x, idx);
    }

    /** Checks that every row still holds the values of the row its index names. */
    static void assertRowsConsistent(Dataset d) {
        Matrix t = d.theta();
        Matrix x = d.x();
        long[] idx = d.index();
        for (int r = 0; r < d.size(); r++) {
            float i = idx[r] - 100;
            assertThat(t.row(r)).containsExactly(i, 0f - i);
            assertThat(x.row(r)).containsExactly(10 * i, 10 * i + 1, 10 * i + 2);
        }
    }

    @Test
    void copiesInputsAndReturnsCopies() {
        Matrix t = Matrix.fromRows(new float[][] {{1}, {2}});
        Matrix x = Matrix.fromRows(new float[][] {{3}, {4}});
        Dataset d = Dataset.of(t, x);
        t.set(0, 0, 99);
        d.theta().set(1, 0, 99);
        assertThat(d.theta().toArray()).containsExactly(1, 2);
        assertThat(d.index()).containsExactly(0, 1);
        assertThat(d.xShape()).containsExactly(1);
    }

    @Test
    void factoryNamesShapeMismatchesEmptinessAndNonFiniteValues() {
        assertThatThrownBy(() -> Dataset.of(Matrix.of(3, 2), Matrix.of(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("theta has 3 rows but x has 2");
        assertThatThrownBy(() -> Dataset.of(Matrix.of(2, 2), Matrix.of(2, 2), new long[3]))
                .hasMessage("3 indices for 2 rows");
        assertThatThrownBy(() -> Dataset.of(Matrix.of(0, 2), Matrix.of(0, 2)))
                .hasMessageContaining("empty dataset");
        assertThatThrownBy(() -> Dataset.of(Matrix.of(2, 2), Matrix.of(2, 6), new long[2], new int[] {4, 2}))
                .hasMessageContaining("xShape [4, 2] does not describe 6");
        Matrix x = Matrix.of(2, 2);
        x.set(1, 1, Float.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Dataset.of(Matrix.of(2, 2), x, new long[] {5, 17}))
                .hasMessage("x row 1 (simulation 17), column 1 is Infinity");
    }

    @Test
    void fromSimulationResultKeepsIndicesAndShape() {
        SimulationResult r = new SimulationResult(Matrix.of(2, 1), Matrix.of(2, 6), new long[] {3, 8},
                4, 2, List.of("simulation 0: boom", "simulation 1: boom"), new int[] {2, 3});
        Dataset d = Dataset.from(r);
        assertThat(d.index()).containsExactly(3, 8);
        assertThat(d.xShape()).containsExactly(2, 3);
        SimulationResult empty = new SimulationResult(Matrix.of(0, 1), Matrix.of(0, 1), new long[0],
                1, 1, List.of("simulation 0: boom"), new int[] {1});
        assertThatThrownBy(() -> Dataset.from(empty)).hasMessageContaining("simulation 0: boom");
    }

    @Test
    void shuffleIsAReproduciblePermutationCarryingIndices() {
        Dataset d = numbered(50);
        Dataset a = d.shuffle(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        Dataset b = d.shuffle(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        Dataset c = d.shuffle(RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(a.index()).isEqualTo(b.index());
        assertThat(a.index()).isNotEqualTo(c.index()).isNotEqualTo(d.index());
        long[] sorted = a.index();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(d.index());
        assertRowsConsistent(a);
    }

    @Test
    void splitPartitionsRowsReproducibly() {
        Dataset d = numbered(103);
        Dataset.Split s = d.split(0.1, RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        Dataset.Split again = d.split(0.1, RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        assertThat(s.validation().size()).isEqualTo(10); // ⌊0.1·103⌋
        assertThat(s.train().size()).isEqualTo(93);
        assertThat(s.validation().index()).isEqualTo(again.validation().index()).isSorted();
        assertThat(s.train().index()).isEqualTo(again.train().index()).isSorted();
        long[] all = new long[103];
        System.arraycopy(s.train().index(), 0, all, 0, 93);
        System.arraycopy(s.validation().index(), 0, all, 93, 10);
        Arrays.sort(all);
        assertThat(all).isEqualTo(d.index());
        assertRowsConsistent(s.train());
        assertRowsConsistent(s.validation());
        assertThat(numbered(2).split(0.01, RandomSource.XO_RO_SHI_RO_128_PP.create(1L))
                .validation().size()).isEqualTo(1);
    }

    @Test
    void splitRejectsBadFractionsAndTinySets() {
        assertThatThrownBy(() -> numbered(10).split(1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)))
                .hasMessageContaining("(0, 1), got 1.0");
        assertThatThrownBy(() -> numbered(1).split(0.5, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)))
                .hasMessageContaining("cannot split a dataset of 1 row");
        assertThatThrownBy(() -> numbered(3).subset(new int[] {3}))
                .hasMessageContaining("row 3 outside a dataset of 3");
    }
}
