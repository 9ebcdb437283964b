package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * The misspecification scores on training sets small enough to work out by hand. Even rows
 * (0, 2, 4, …) fit the reference; odd rows are the held-out points the observation is ranked
 * against. With x = 0, 10, 2, 20, 4, 30, 6, 40 the fit rows 0, 2, 4, 6 have mean 3 and variance
 * 20/3, so a value v scores (v − 3)²·3/20: the held-out 10, 20, 30, 40 score 7.35, 43.35, 109.35,
 * 205.35.
 */
class MisspecificationByHandTest {

    private static final Matrix X = Matrix.wrap(new float[] {0, 10, 2, 20, 4, 30, 6, 40}, 8, 1);

    @Test
    void fitRowsAreTheEvenHalfRoundedUp() {
        assertThat(Misspecification.fitRows(4)).isEqualTo(2);
        assertThat(Misspecification.fitRows(5)).isEqualTo(3);
        assertThat(Misspecification.fitRows(1)).isEqualTo(1);
    }

    @Test
    void standardisedDistanceAndPercentileByHand() {
        // 35 scores 32²·0.15 = 153.6: above three of the four held-out scores
        MisspecificationResult r = Misspecification.diagonal(X, new float[] {35}, 0.7);
        assertThat(r.method()).isEqualTo("standardised Euclidean");
        assertThat(r.distance()).isCloseTo(Math.sqrt(153.6), within(1e-9));
        assertThat(r.percentile()).isEqualTo(0.75);
        assertThat(r.pValue()).isCloseTo(0.4, within(1e-15)); // (1 + 4 − 3)/(1 + 4)
        assertThat(r.level()).isEqualTo(0.7);
        assertThat(r.outside()).isFalse(); // p = 0.4 > 1 − 0.7
        assertThat(r.verdict()).isEqualTo("standardised Euclidean distance of the observation: 12.4,"
                + " larger than for 75.0% of held-out training points (p = 0.400): the observation"
                + " lies inside the training distribution.");
        // the mean itself scores 0: below none, p = 1
        MisspecificationResult mid = Misspecification.diagonal(X, new float[] {3}, 0.5);
        assertThat(mid.distance()).isZero();
        assertThat(mid.percentile()).isZero();
        assertThat(mid.pValue()).isEqualTo(1.0);
        // a held-out point's own score is not below itself
        assertThat(Misspecification.diagonal(X, new float[] {40}, 0.5).percentile()).isEqualTo(0.75);
    }

    @Test
    void pExactlyAtOneMinusTheLevelIsOutside() {
        // level 0.6: 1 − 0.6 == 0.4 in double, and p = 0.4 here, so the observation is flagged
        MisspecificationResult r = Misspecification.diagonal(X, new float[] {35}, 0.6);
        assertThat(r.outside()).isTrue();
        assertThat(r.verdict()).endsWith("(p = 0.400): the observation lies OUTSIDE the training"
                + " distribution (p ≤ 0.4); the posterior extrapolates and may be wrong: check the"
                + " simulator, the prior and the data");
        MisspecificationResult far = Misspecification.diagonal(X, new float[] {1003}, 0.75);
        assertThat(far.percentile()).isEqualTo(1.0);
        assertThat(far.pValue()).isCloseTo(0.2, within(1e-15));
        assertThat(far.outside()).isTrue();
        assertThat(far.verdict()).contains("larger than for 100.0% of held-out").contains("(p ≤ 0.25)");
    }

    @Test
    void aConstantColumnDoesNotCount() {
        // second column constant 5: its inverse variance is 0, so it adds nothing
        float[] d = new float[16];
        for (int i = 0; i < 8; i++) {
            d[2 * i] = X.get(i, 0);
            d[2 * i + 1] = 5;
        }
        Matrix x2 = Matrix.wrap(d, 8, 2);
        MisspecificationResult r = Misspecification.diagonal(x2, new float[] {35, 1000}, 0.5);
        assertThat(r.distance()).isCloseTo(Math.sqrt(153.6), within(1e-9));
    }

    @Test
    void mahalanobisInOneDimensionIsTheStandardisedDistance() {
        // 8 rows, 1 column: 4 fit rows >= 1 + 2, so check() uses Mahalanobis; in one dimension
        // it is (v − mean)²/variance up to the 1e-10 relative ridge
        MisspecificationResult r = Misspecification.check(X, new float[] {35}, 0.5);
        assertThat(r.method()).isEqualTo("Mahalanobis");
        assertThat(r.distance()).isCloseTo(Math.sqrt(153.6), within(1e-6));
        assertThat(r.percentile()).isEqualTo(0.75);
        assertThat(Misspecification.mahalanobis(X, new float[] {35}, 0.5).distance())
                .isCloseTo(r.distance(), within(1e-12));
        // 5 rows: 3 fit rows >= 3 still Mahalanobis; 4 rows: 2 fit rows, diagonal
        Matrix five = Matrix.wrap(new float[] {0, 10, 2, 20, 4}, 5, 1);
        assertThat(Misspecification.reference(five).method()).isEqualTo("Mahalanobis");
        Matrix four = Matrix.wrap(new float[] {0, 10, 2, 20}, 4, 1);
        assertThat(Misspecification.reference(four).method()).isEqualTo("standardised Euclidean");
        // 5 rows have 2 held-out points (rows 1 and 3): p of a far point is 1/3
        assertThat(Misspecification.check(five, new float[] {1000}, 0.5).pValue())
                .isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void mahalanobisUsesTheCorrelation() {
        // fit rows (0,0), (1,1), (2,2), (3,3.5), (4,3.5) are nearly collinear: a point off the line
        // scores far higher than one on it at the same Euclidean distance from the mean
        float[] d = {0, 0, 9, 9, 1, 1, 9, 9, 2, 2, 9, 9, 3, 3.5f, 9, 9, 4, 3.5f, 9, 9};
        Matrix x = Matrix.wrap(d, 10, 2);
        double on = Misspecification.mahalanobis(x, new float[] {3, 3}, 0.5).distance();
        double off = Misspecification.mahalanobis(x, new float[] {1, 3}, 0.5).distance();
        double diag = Misspecification.diagonal(x, new float[] {1, 3}, 0.5).distance();
        assertThat(off).isGreaterThan(3 * on);
        assertThat(off).isGreaterThan(2 * diag);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> Misspecification.check(X, new float[2], 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("observation has 2 values, training x has 1 columns");
        assertThatThrownBy(() -> Misspecification.check(X, new float[1], 1.0))
                .hasMessage("level must lie in (0, 1), got 1.0");
        assertThatThrownBy(() -> Misspecification.check(X, new float[1], 0.0))
                .hasMessage("level must lie in (0, 1), got 0.0");
        Misspecification.Reference ref = Misspecification.reference(X);
        assertThatThrownBy(() -> ref.test(new float[2], 0.5))
                .hasMessage("observation has 2 values, training x has 1 columns");
        assertThatThrownBy(() -> ref.test(new float[1], 1.0))
                .hasMessage("level must lie in (0, 1), got 1.0");
        assertThatThrownBy(() -> ref.test(new float[1], 0.0))
                .hasMessage("level must lie in (0, 1), got 0.0");
        assertThatThrownBy(() -> Misspecification.diagonal(Matrix.of(3, 1), new float[1], 0.5))
                .hasMessage("need at least 4 training rows, got 3");
        assertThat(Misspecification.diagonal(Matrix.wrap(new float[] {0, 1, 2, 3}, 4, 1),
                new float[1], 0.5).method()).isEqualTo("standardised Euclidean");
        assertThatThrownBy(() -> Misspecification.mahalanobis(Matrix.of(4, 1), new float[1], 0.5))
                .hasMessage("need at least 2·(columns + 2) training rows (half fit the covariance,"
                        + " half are ranked), got 4x1; use diagonal(...) or check(...) for wide x");
    }

    @Test
    void nearestNeighboursOfIdenticalTrainingRows() {
        // 8 training rows all 0: every held-out row has k-th neighbour distance 0, the observation
        // 3 has 3 (squared 9), so it is above all held-out rows; maxReference 2 keeps 2 of them
        Matrix zeros = Matrix.of(8, 1);
        MisspecificationResult r = Misspecification.knn(zeros, new float[] {3}, 2, 2, 0.5,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        assertThat(r.method()).isEqualTo("k-NN (k = 2)");
        assertThat(r.distance()).isEqualTo(3.0);
        assertThat(r.percentile()).isEqualTo(1.0);
        assertThat(r.pValue()).isCloseTo(1.0 / 3, within(1e-15));
        MisspecificationResult all = Misspecification.knn(zeros, new float[] {3}, 3, 100, 0.5,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        assertThat(all.pValue()).isCloseTo(0.2, within(1e-15)); // 4 held-out rows
        assertThatThrownBy(() -> Misspecification.knn(zeros, new float[] {3}, 4, 2, 0.5,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1)))
                .hasMessage("need k >= 1, maxReference >= 1 and at least 2(k+1) training rows;"
                        + " got k = 4, maxReference = 2, 8 rows");
        assertThatThrownBy(() -> Misspecification.knn(zeros, new float[2], 1, 2, 0.5, null))
                .hasMessage("observation has 2 values, training x has 1 columns");
        assertThatThrownBy(() -> Misspecification.knn(zeros, new float[1], 1, 2, 1.0, null))
                .hasMessage("level must lie in (0, 1), got 1.0");
        assertThatThrownBy(() -> Misspecification.knn(zeros, new float[] {3}, 0, 2, 0.5, null))
                .hasMessageContaining("got k = 0");
        assertThatThrownBy(() -> Misspecification.knn(zeros, new float[] {3}, 1, 0, 0.5, null))
                .hasMessageContaining("maxReference = 0");
    }

    @Test
    void nearestNeighbourDistanceIsTheSameForEveryKOnIdenticalRows() {
        // the search half is drawn at random, so only identical rows give a distance known
        // whatever the draw: the observation 4 is at distance 4 from all of them
        Matrix zeros = Matrix.of(8, 1);
        for (int k = 1; k <= 3; k++) {
            assertThat(Misspecification.knn(zeros, new float[] {4}, k, 4, 0.5,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(k)).distance()).isEqualTo(4.0);
        }
    }
}
