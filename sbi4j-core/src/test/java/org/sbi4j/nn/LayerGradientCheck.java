package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;

/**
 * Checks a layer's backward against central differences of the scalar loss
 * L = Σᵢⱼ R[i, j]·y[i, j] with a fixed random R, so that dL/dy = R.
 */
final class LayerGradientCheck {

    /** Tolerance on {@link FiniteDifferences#relativeError}: float32 central differences. */
    static final double TOL = 1e-2;

    private LayerGradientCheck() {
    }

    static Matrix random(int rows, int cols, double scale, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
        }
        return m;
    }

    static double loss(Layer layer, Matrix x, Matrix r, Layer.Workspace ws) {
        Matrix y = layer.forward(x, ws);
        double s = 0;
        for (int i = 0; i < y.rows(); i++) {
            for (int j = 0; j < y.cols(); j++) {
                s += (double) r.get(i, j) * y.get(i, j);
            }
        }
        return s;
    }

    /** Checks dL/dx and dL/dp for every parameter p; returns the worst relative error. */
    static double check(Layer layer, Matrix x, UniformRandomProvider rng) {
        Matrix r = random(x.rows(), layer.outputSize(), 1.0, rng);
        Layer.Workspace ws = layer.workspace(x.rows());
        Params.zeroGrad(layer.params());
        layer.forward(x, ws);
        double[] dx = FiniteDifferences.toDouble(layer.backward(r, ws).toArray(), 0, x.size());
        double[] numDx = FiniteDifferences.gradient(() -> loss(layer, x, r, ws), x);
        double worst = FiniteDifferences.relativeError(dx, numDx, 1e-3);
        assertThat(worst).as("input gradient of %s", layer).isLessThanOrEqualTo(TOL);
        for (Param p : layer.params()) {
            double[] g = FiniteDifferences.toDouble(p.grad().toArray(), 0, p.size());
            double[] num = FiniteDifferences.gradient(() -> loss(layer, x, r, ws), p.value());
            double err = FiniteDifferences.relativeError(g, num, 1e-3);
            assertThat(err).as("gradient of %s in %s", p.name(), layer).isLessThanOrEqualTo(TOL);
            worst = Math.max(worst, err);
        }
        return worst;
    }
}
