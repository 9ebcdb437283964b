package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Masked autoregressive transform z_i = f(θ_i; p_i(θ_{&lt;i}, x)) (Papamakarios et al. 2017,
 * "Masked Autoregressive Flow"; with a spline f, Durkan et al. 2019 §3.3): an elementwise
 * bijection whose parameters come from an autoregressive conditioner (MADE, Germain et al. 2015).
 *
 * <p>The conditioner maps the row [θ, context] (D + C columns) to D·P columns, where the P-block
 * d·P..(d+1)·P may depend only on θ_0..θ_{d−1} and the context. Forward and log|det| take one
 * conditioner pass; the inverse takes D passes. The Jacobian ∂z/∂θ is lower triangular.
 */
public final class MaskedAutoregressiveTransform implements ConditionalTransform {

    private final ElementwiseBijection bijection;
    private final Layer conditioner;
    private final int d;
    private final int c;

    private MaskedAutoregressiveTransform(ElementwiseBijection bijection, Layer conditioner,
                                          int d, int c) {
        this.bijection = bijection;
        this.conditioner = conditioner;
        this.d = d;
        this.c = c;
    }

    /**
     * @param bijection   the elementwise map (affine for MAF, spline for autoregressive NSF)
     * @param conditioner an autoregressive network from D + C to D·P columns
     * @param features    D
     */
    public static MaskedAutoregressiveTransform of(ElementwiseBijection bijection,
                                                   Layer conditioner, int features) {
        int p = bijection.paramsPerDim();
        int ctx = conditioner.inputSize() - features;
        if (features < 1 || ctx < 0 || conditioner.outputSize() != features * p) {
            throw new IllegalArgumentException("conditioner " + conditioner.inputSize() + " -> "
                    + conditioner.outputSize() + " does not map " + features
                    + " features (+ context) to " + features + "x" + p + " parameters");
        }
        return new MaskedAutoregressiveTransform(bijection, conditioner, features, ctx);
    }

    public ElementwiseBijection bijection() {
        return bijection;
    }

    public Layer conditioner() {
        return conditioner;
    }

    @Override
    public int features() {
        return d;
    }

    @Override
    public int contextSize() {
        return c;
    }

    @Override
    public List<Param> params() {
        return conditioner.params();
    }

    private record Ws(Layer.Workspace cws, Matrix input, Matrix z, Matrix gTheta, Matrix gParams,
                      double[] scratch, Matrix[] params) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(conditioner.workspace(maxRows), Matrix.of(maxRows, d + c),
                Matrix.of(maxRows, d), Matrix.of(maxRows, d),
                Matrix.of(maxRows, d * bijection.paramsPerDim()),
                new double[bijection.scratchSize()], new Matrix[1]);
    }

    /** input = [θ, context]. */
    static Matrix concat(Matrix theta, Matrix context, Matrix input) {
        int n = theta.rows();
        int d = theta.cols();
        int c = input.cols() - d;
        input.setRows(n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(theta.data(), theta.rowOffset(i), input.data(), input.rowOffset(i),
                    d);
            if (c > 0) {
                System.arraycopy(context.data(), context.rowOffset(i), input.data(),
                        input.rowOffset(i) + d, c);
            }
        }
        return input;
    }

    @Override
    public Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = theta.rows();
        Matrix p = conditioner.forward(concat(theta, context, ws.input), ws.cws);
        ws.params[0] = p;
        Matrix z = ws.z.setRows(n);
        int np = bijection.paramsPerDim();
        for (int j = 0; j < d; j++) {
            bijection.forward(n, theta.data(), theta.offset() + j, d, p.data(),
                    p.offset() + j * np, p.cols(), z.data(), z.offset() + j, d, logAbsDet, 0,
                    ws.scratch);
        }
        return z;
    }

    @Override
    public Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext,
                           Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix input = ws.input;
        int n = input.rows();
        Matrix p = ws.params[0]; // the conditioner output of the forward, owned by ws.cws
        Matrix gp = ws.gParams.setRows(n);
        Matrix gTheta = ws.gTheta.setRows(n);
        int np = bijection.paramsPerDim();
        int w = d + c;
        for (int j = 0; j < d; j++) {
            bijection.backward(n, input.data(), input.offset() + j, w, p.data(),
                    p.offset() + j * np, p.cols(), gradZ.data(), gradZ.offset() + j, d,
                    gradLogAbsDet, 0, gTheta.data(), gTheta.offset() + j, d, gp.data(),
                    gp.offset() + j * np, gp.cols(), ws.scratch);
        }
        Matrix gIn = conditioner.backward(gp, ws.cws);
        addSplit(gIn, gTheta, gradContext);
        return gTheta;
    }

    /** gTheta += gIn[:, :D]; gradContext += gIn[:, D:] (when not null). */
    static void addSplit(Matrix gIn, Matrix gTheta, Matrix gradContext) {
        int n = gTheta.rows();
        int d = gTheta.cols();
        int c = gIn.cols() - d;
        float[] a = gIn.data();
        for (int i = 0; i < n; i++) {
            int ai = gIn.rowOffset(i);
            int ti = gTheta.rowOffset(i);
            for (int j = 0; j < d; j++) {
                gTheta.data()[ti + j] += a[ai + j];
            }
            if (gradContext != null) {
                int ci = gradContext.rowOffset(i);
                for (int j = 0; j < c; j++) {
                    gradContext.data()[ci + j] += a[ai + d + j];
                }
            }
        }
    }

    @Override
    public Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = z.rows();
        Matrix theta = ws.z.setRows(n);
        theta.fill(0f);
        int np = bijection.paramsPerDim();
        for (int j = 0; j < d; j++) {
            Matrix p = conditioner.forward(concat(theta, context, ws.input), ws.cws);
            boolean last = j == d - 1;
            // the last pass sees the final θ_{<D−1}, so its parameters are right for every
            // dimension: invert all of them once more to collect log|det|
            int from = last ? 0 : j;
            int count = last ? d : 1;
            for (int k = from; k < from + count; k++) {
                bijection.inverse(n, z.data(), z.offset() + k, z.cols(), p.data(),
                        p.offset() + k * np, p.cols(), theta.data(), theta.offset() + k, d,
                        last ? logAbsDet : null, 0, ws.scratch);
            }
        }
        return theta;
    }
}
