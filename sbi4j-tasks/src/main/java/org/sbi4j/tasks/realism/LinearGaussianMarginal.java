package org.sbi4j.tasks.realism;

/**
 * The likelihood of a model linear in some nuisance coefficients, with those coefficients
 * integrated out analytically: for r = M c + σ ε (r of length n, M of n×p, ε ~ N(0, I)) and the
 * prior c ~ N(0, diag(v)), r ~ N(0, Σ) with Σ = σ² I + M diag(v) Mᵀ, and
 *
 * <pre>
 *   log N(r; 0, Σ) = −½ [n log 2π + 2n log σ + Σ_k log v_k + log det A + rᵀr/σ² − bᵀ A⁻¹ b],
 *   A = diag(1/v) + MᵀM/σ²,   b = Mᵀ r/σ²
 * </pre>
 *
 * (Woodbury identity and the matrix determinant lemma; e.g. Bishop, "Pattern Recognition and
 * Machine Learning" (2006), §3.5.1). A prior mean μ ≠ 0 of c is handled by passing r = x − M μ.
 * Cost O(n p² + p³) instead of O(n³).
 */
public final class LinearGaussianMarginal {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private LinearGaussianMarginal() {
    }

    /**
     * log N(r; 0, σ² I + M diag(v) Mᵀ).
     *
     * @param r        residual (length n)
     * @param columns  the p columns of M, each of length n (1 ≤ p ≤ 4)
     * @param priorVar prior variances v of the coefficients (length p, each &gt; 0)
     * @param sigma    noise standard deviation (&gt; 0)
     */
    public static double logDensity(double[] r, double[][] columns, double[] priorVar, double sigma) {
        int n = r.length;
        int p = columns.length;
        if (p < 1 || p > 4 || priorVar.length != p || !(sigma > 0)) {
            throw new IllegalArgumentException("linear Gaussian marginal needs 1..4 columns, as many "
                    + "prior variances and sigma > 0; got " + p + " columns, " + priorVar.length
                    + " variances, sigma " + sigma);
        }
        double s2 = sigma * sigma;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double rr = 0;
        for (int i = 0; i < n; i++) {
            rr += r[i] * r[i];
        }
        for (int k = 0; k < p; k++) {
            double[] ck = columns[k];
            if (ck.length != n) {
                throw new IllegalArgumentException("column " + k + " has " + ck.length
                        + " rows, the residual " + n);
            }
            double bk = 0;
            for (int i = 0; i < n; i++) {
                bk += ck[i] * r[i];
            }
            b[k] = bk / s2;
            for (int l = 0; l <= k; l++) {
                double[] cl = columns[l];
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += ck[i] * cl[i];
                }
                a[k][l] = s / s2 + (k == l ? 1 / priorVar[k] : 0);
                a[l][k] = a[k][l];
            }
        }
        // Cholesky A = G Gᵀ; log det A = 2 Σ log G_kk; bᵀA⁻¹b = |G⁻¹ b|².
        double[][] g = new double[p][p];
        double logDetA = 0;
        double logDetV = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= g[i][k] * g[j][k];
                }
                if (i == j) {
                    g[i][i] = Math.sqrt(s);
                    logDetA += 2 * Math.log(g[i][i]);
                } else {
                    g[i][j] = s / g[j][j];
                }
            }
            logDetV += Math.log(priorVar[i]);
        }
        double quad = 0;
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= g[i][k] * y[k];
            }
            y[i] = s / g[i][i];
            quad += y[i] * y[i];
        }
        return -0.5 * (n * LOG_2PI + 2 * n * Math.log(sigma) + logDetV + logDetA + rr / s2 - quad);
    }
}
