package org.sbi4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/** The heteroscedastic linear pre-conditioning of θ on x. */
class ThetaRegressionTest {

    /**
     * z0 = x0 − 0.5·x1 + e^{0.4·x0}·0.05·ε (well predicted, noise growing with x0), z1 pure noise
     * (x says nothing): n = 20,000 pairs, x of 3 standard normal columns.
     */
    private static Matrix[] pairs(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 20_000;
        Matrix x = Matrix.of(n, 3);
        Matrix theta = Matrix.of(n, 2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, (float) g.sample());
            }
            theta.set(i, 0, (float) (x.get(i, 0) - 0.5 * x.get(i, 1)
                    + Math.exp(0.4 * x.get(i, 0)) * 0.05 * g.sample()));
            theta.set(i, 1, (float) g.sample());
        }
        return new Matrix[] {theta, x};
    }

    @Test
    void aWellPredictedParameterBecomesAUnitScaleResidualAndTheOthersAreLeftAlone() {
        Matrix[] p = pairs(1);
        ThetaRegression r = ThetaRegression.fit(p[0], p[1]);
        assertThat(r).isNotNull();
        assertThat(r.regressed()).containsExactly(true, false);
        float[] x = {0.3f, -1.0f, 2.0f};
        // the mean is recovered (ridge shrinkage 1e-3 is negligible) and the scale follows x0:
        // log s = log 0.05 + 0.4·x0 within the noise of 20,000 log-residuals
        assertThat(r.shift(0, x, 0)).isCloseTo(0.3 + 0.5, within(0.01));
        assertThat(Math.log(r.scale(0, x, 0))).isCloseTo(Math.log(0.05) + 0.4 * 0.3,
                within(0.05));
        assertThat(r.shift(1, x, 0)).isZero();
        assertThat(r.scale(1, x, 0)).isEqualTo(1.0);
        // residuals have unit spread on fresh pairs (tolerance 5 %: sampling error is 0.5 %)
        Matrix[] fresh = pairs(2);
        Matrix res = r.residuals(Dataset.of(fresh[0], fresh[1])).theta();
        assertThat(sd(res, 0)).isCloseTo(1.0, within(0.05));
        assertThat(sd(res, 1)).isCloseTo(sd(fresh[0], 1), within(1e-6));
    }

    @Test
    void theConditionedStandardizerIsTheResidualMapForThatX() {
        Matrix[] p = pairs(3);
        ThetaRegression r = ThetaRegression.fit(p[0], p[1]);
        Standardizer z = Standardizer.of(new double[] {0.2, -1}, new double[] {3, 0.5});
        Dataset raw = Dataset.of(z.inverse(p[0], Matrix.of(p[0].rows(), 2)), p[1]);
        Matrix res = r.residuals(Dataset.of(p[0], p[1])).theta();
        for (int i = 0; i < 50; i++) {
            Standardizer at = r.conditioned(z, p[1].data(), p[1].rowOffset(i));
            float[] out = new float[2];
            at.transform(raw.theta().data(), raw.theta().rowOffset(i), out, 0);
            assertThat(out[0]).isCloseTo(res.get(i, 0), within(1e-4f));
            assertThat(out[1]).isCloseTo(res.get(i, 1), within(1e-4f));
            // log-densities gain −log(σ·s(x)) per column
            assertThat(at.logAbsDet()).isCloseTo(z.logAbsDet()
                    - Math.log(r.scale(0, p[1].data(), p[1].rowOffset(i))), within(1e-9));
        }
    }

    @Test
    void theStoredRowsGiveTheSameMapAndDamagedRowsAreRefused() {
        Matrix[] p = pairs(4);
        ThetaRegression r = ThetaRegression.fit(p[0], p[1]);
        ThetaRegression back = ThetaRegression.fromRows(r.toRows(), 2, 3);
        float[] x = {1.5f, 0.2f, -0.7f};
        assertThat(back.shift(0, x, 0)).isEqualTo(r.shift(0, x, 0));
        assertThat(back.scale(0, x, 0)).isEqualTo(r.scale(0, x, 0));
        assertThat(back.regressed()).containsExactly(r.regressed());
        float[][] rows = r.toRows();
        assertThatThrownBy(() -> ThetaRegression.fromRows(rows, 3, 3))
                .hasMessageContaining("2 rows, the posterior has 3 parameters");
        assertThatThrownBy(() -> ThetaRegression.fromRows(rows, 2, 4))
                .hasMessageContaining("expected 12");
        rows[0][3] = Float.NaN;
        assertThatThrownBy(() -> ThetaRegression.fromRows(rows, 2, 3))
                .hasMessageContaining("holds the value NaN");
    }

    @Test
    void nothingIsFittedWhenXSaysLittleIsPaddedOrTooWide() {
        Matrix[] p = pairs(5);
        Matrix noise = p[0].copy();
        for (int i = 0; i < noise.rows(); i++) {
            noise.set(i, 0, noise.get(i, 1));
        }
        assertThat(ThetaRegression.fit(noise, p[1])).isNull();
        Matrix padded = p[1].copy();
        padded.set(7, 2, Float.NaN);
        assertThat(ThetaRegression.fit(p[0], padded)).isNull();
        assertThat(ThetaRegression.fit(p[0].rowView(0, 100),
                Matrix.of(100, ThetaRegression.MAX_X_DIM + 1))).isNull();
        assertThat(ThetaRegression.fit(p[0], p[1]).explanation(List.of("a", "b")))
                .contains("for a (residual sd").doesNotContain("b (");
    }

    private static double sd(Matrix m, int col) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += m.get(i, col);
            s2 += m.get(i, col) * (double) m.get(i, col);
        }
        double mean = s / m.rows();
        return Math.sqrt(s2 / m.rows() - mean * mean);
    }
}
