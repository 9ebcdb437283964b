package org.sbi4j.tasks.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Woodbury form against the dense Gaussian log-density of Σ = σ² I + M V Mᵀ. */
class LinearGaussianMarginalTest {

    /** log N(r; 0, Σ) by a dense Cholesky factorisation. */
    private static double dense(double[] r, double[][] cols, double[] v, double sigma) {
        int n = r.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = i == j ? sigma * sigma : 0;
                for (int k = 0; k < cols.length; k++) {
                    acc += cols[k][i] * v[k] * cols[k][j];
                }
                s[i][j] = acc;
            }
        }
        double[][] l = new double[n][n];
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double acc = s[i][j];
                for (int k = 0; k < j; k++) {
                    acc -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(acc) : acc / l[j][j];
            }
            logDet += 2 * Math.log(l[i][i]);
        }
        double quad = 0;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = r[i];
            for (int k = 0; k < i; k++) {
                acc -= l[i][k] * y[k];
            }
            y[i] = acc / l[i][i];
            quad += y[i] * y[i];
        }
        return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
    }

    @Test
    void matchesTheDenseDensity() {
        int n = 7;
        double[] r = new double[n];
        double[][] cols = new double[3][n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.sin(1.3 * i) + 0.2 * i;
            cols[0][i] = Math.exp(-0.3 * i);
            cols[1][i] = 1;
            cols[2][i] = i - 3.0;
        }
        double[] v = {2.0, 0.5, 0.1};
        for (double sigma : new double[] {0.1, 1.0, 3.0}) {
            assertThat(LinearGaussianMarginal.logDensity(r, cols, v, sigma))
                    .isCloseTo(dense(r, cols, v, sigma), within(1e-9));
        }
        double[][] one = {cols[0]};
        assertThat(LinearGaussianMarginal.logDensity(r, one, new double[] {4}, 0.7))
                .isCloseTo(dense(r, one, new double[] {4}, 0.7), within(1e-9));
    }

    @Test
    void badShapesAreRejected() {
        assertThatThrownBy(() -> LinearGaussianMarginal.logDensity(new double[3], new double[][] {new double[2]},
                new double[] {1}, 1)).hasMessageContaining("column 0 has 2 rows");
        assertThatThrownBy(() -> LinearGaussianMarginal.logDensity(new double[3], new double[][] {new double[3]},
                new double[] {1}, 0)).hasMessageContaining("sigma > 0");
    }
}
