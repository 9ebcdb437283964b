package org.sbi4j.data;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.RealMatrix;
import org.sbi4j.tensor.Matrix;

/**
 * Ridge least squares with an intercept: for the design X = [1, x] (n × (p + 1)) and targets y
 * (n × d), β = (XᵀX + λ·diag(0, 1, …, 1))⁻¹ Xᵀy by a Cholesky factorisation of the normal
 * equations, computed once per design and reused for every y. The intercept is not penalised.
 */
final class RidgeLeastSquares {

    private final Matrix x;
    private final DecompositionSolver solver;

    private RidgeLeastSquares(Matrix x, DecompositionSolver solver) {
        this.x = x;
        this.solver = solver;
    }

    /** Factors the normal equations of [1, x] with penalty λ on the non-intercept terms. */
    static RidgeLeastSquares of(Matrix x, double lambda) {
        return new RidgeLeastSquares(x, normalEquations(x, lambda).getSolver());
    }

    /** d rows of [intercept, coefficients…], rounded to float32. */
    float[][] solve(Matrix y) {
        return round(solver.solve(crossProducts(x, y)), y.cols(), x.cols() + 1);
    }

    /** XᵀX + penalty for X = [1, x] (the intercept not penalised), Cholesky-factored. */
    private static CholeskyDecomposition normalEquations(Matrix xZ, double penalty) {
        int n = xZ.rows();
        int p = xZ.cols() + 1;
        double[][] a = new double[p][p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            row(xZ, i, row);
            for (int u = 0; u < p; u++) {
                double ru = row[u];
                double[] au = a[u];
                for (int v = u; v < p; v++) {
                    au[v] += ru * row[v];
                }
            }
        }
        for (int u = 0; u < p; u++) {
            for (int v = 0; v < u; v++) {
                a[u][v] = a[v][u];
            }
            if (u > 0) {
                a[u][u] += penalty;
            }
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false));
    }

    /** Xᵀy for X = [1, x] and the columns of y. */
    private static RealMatrix crossProducts(Matrix xZ, Matrix y) {
        int p = xZ.cols() + 1;
        double[][] b = new double[p][y.cols()];
        double[] row = new double[p];
        for (int i = 0; i < xZ.rows(); i++) {
            row(xZ, i, row);
            for (int u = 0; u < p; u++) {
                for (int k = 0; k < y.cols(); k++) {
                    b[u][k] += row[u] * y.get(i, k);
                }
            }
        }
        return new Array2DRowRealMatrix(b, false);
    }

    private static void row(Matrix xZ, int i, double[] row) {
        row[0] = 1;
        int off = xZ.rowOffset(i);
        for (int j = 1; j < row.length; j++) {
            row[j] = xZ.data()[off + j - 1];
        }
    }

    private static float[][] round(RealMatrix beta, int d, int p) {
        float[][] c = new float[d][p];
        for (int k = 0; k < d; k++) {
            for (int u = 0; u < p; u++) {
                c[k][u] = (float) beta.getEntry(u, k);
            }
        }
        return c;
    }
}
