package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.FiniteDifferences;
import org.sbi4j.tensor.Matrix;

class StandardizerTest {

    /** 200×3 data: column j ~ 5j − 3 + (j + 0.5)·N(0, 1). */
    static Matrix sample(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Matrix m = Matrix.of(200, 3);
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 3; j++) {
                double u1 = rng.nextDouble();
                double u2 = rng.nextDouble();
                double g = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
                m.set(i, j, (float) (5 * j - 3 + (j + 0.5) * g));
            }
        }
        return m;
    }

    @Test
    void fitsMeanAndSampleStdWithNMinusOne() {
        Matrix m = Matrix.fromRows(new float[][] {{1, 10}, {2, 10}, {3, 11}, {4, 13}});
        Standardizer s = Standardizer.fit(m);
        assertThat(s.mean()).containsExactly(2.5, 11.0);
        // Σ(v − 2.5)² = 5, Σ(v − 11)² = 1 + 1 + 0 + 4 = 6; divided by n − 1 = 3
        assertThat(s.std()[0]).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(s.std()[1]).isCloseTo(Math.sqrt(6.0 / 3), within(1e-15));
        assertThat(s.logAbsDet()).isCloseTo(-Math.log(Math.sqrt(5.0 / 3)) - Math.log(Math.sqrt(2)),
                within(1e-14));
    }

    @Test
    void transformedColumnsHaveZeroMeanUnitStdAndInverseRestores() {
        Matrix m = sample(1);
        Standardizer s = Standardizer.fit(m);
        Matrix z = s.transform(m, Matrix.of(200, 3));
        Standardizer zs = Standardizer.fit(z);
        // float32 rounding of z (|z| < 5, ulp ~ 5e-7) bounds the moments' error well below 1e-5
        for (int j = 0; j < 3; j++) {
            assertThat(zs.mean()[j]).isCloseTo(0, within(1e-5));
            assertThat(zs.std()[j]).isCloseTo(1, within(1e-5));
        }
        Matrix back = s.inverseInPlace(z.copy());
        for (int k = 0; k < m.size(); k++) {
            // two float32 roundings of values |v| < 20: a few ulps (ulp(16) ≈ 2e-6)
            assertThat(back.data()[k]).isCloseTo(m.data()[k], within(1e-5f));
        }
        Matrix inPlace = m.copy();
        s.transformInPlace(inPlace);
        assertThat(inPlace.toArray()).isEqualTo(z.toArray());
    }

    @Test
    void logAbsDetMatchesTheNumericalJacobian() {
        Standardizer s = Standardizer.fit(sample(2));
        float[] v = {-2.5f, 2.1f, 7.3f};
        float[] z = new float[3];
        double[][] jac = FiniteDifferences.jacobian(() -> s.transform(v, 0, z, 0), v, 0, 3, z, 0, 3);
        double det = new LUDecomposition(MatrixUtils.createRealMatrix(jac)).getDeterminant();
        // central differences of an affine map are exact up to float32 rounding (~1e-5 relative)
        assertThat(s.logAbsDet()).isCloseTo(Math.log(Math.abs(det)), within(1e-3));
    }

    @Test
    void densityOnTheOriginalScaleIsDensityOfZPlusLogAbsDet() {
        Standardizer s = Standardizer.of(new double[] {3.0, -1.0}, new double[] {2.0, 0.25});
        NormalDistribution std = NormalDistribution.of(0, 1);
        float[] v = {4.2f, -1.3f};
        float[] z = new float[2];
        s.transform(v, 0, z, 0);
        double logPz = std.logDensity(z[0]) + std.logDensity(z[1]);
        double logPv = NormalDistribution.of(3, 2).logDensity(v[0])
                + NormalDistribution.of(-1, 0.25).logDensity(v[1]);
        // z is float32: error ≈ |z|·ε32 in log density terms, far below 1e-5
        assertThat(logPz + s.logAbsDet()).isCloseTo(logPv, within(1e-5));
    }

    @Test
    void constantColumnsGetUnitStdAndAreOnlyCentred() {
        Matrix m = Matrix.fromRows(new float[][] {{7, 1000f, 1}, {7, 1000f, 2}, {7, Math.nextUp(1000f), 3}});
        Standardizer s = Standardizer.fit(m);
        assertThat(s.std()[0]).isEqualTo(1.0);
        assertThat(s.std()[1]).isEqualTo(1.0); // one float32 ulp of variation at 1000
        assertThat(s.std()[2]).isEqualTo(1.0); // a genuine column, whose sample std happens to be 1
        assertThat(s.logAbsDet()).isEqualTo(0.0);
        Matrix z = s.transform(m, Matrix.of(3, 3));
        assertThat(z.get(0, 0)).isZero();
        assertThat(z.get(2, 2)).isEqualTo(1f);
    }

    @Test
    void ofValidatesAndRoundTripsParameters() {
        Standardizer s = Standardizer.fit(sample(3));
        assertThat(Standardizer.of(s.mean(), s.std())).isEqualTo(s).hasSameHashCodeAs(s);
        assertThatThrownBy(() -> Standardizer.of(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std 0.0");
        assertThatThrownBy(() -> Standardizer.of(new double[] {0, 1}, new double[] {1}))
                .hasMessageContaining("2 means but 1");
        assertThat(Standardizer.identity(2).transform(Matrix.fromRows(new float[][] {{3, 4}}),
                Matrix.of(1, 2)).toArray()).containsExactly(3, 4);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Standardizer.fit(Matrix.of(1, 2)))
                .hasMessageContaining("need at least 2 rows to fit a standardizer, got 1");
        Matrix nan = Matrix.fromRows(new float[][] {{1, 2}, {Float.NaN, 3}});
        assertThatThrownBy(() -> Standardizer.fit(nan)).hasMessageContaining("row 1, column 0 is NaN");
        Standardizer s = Standardizer.identity(2);
        assertThatThrownBy(() -> s.transform(Matrix.of(2, 3), Matrix.of(2, 3)))
                .hasMessageContaining("dimension 2 cannot map a 2x3");
        Matrix big = Matrix.of(3, 2);
        assertThatThrownBy(() -> s.transform(big.rowView(0, 2), big.rowView(1, 2)))
                .hasMessageContaining("overlap");
    }
}
