package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Invertible linear map z = W·θ + b with W = L·U, L unit lower triangular, U upper triangular
 * with positive diagonal u_i = softplus(r_i) + ε (nflows {@code LULinear}, Kingma &amp; Dhariwal
 * 2018 "Glow" §3.2). log|det W| = Σ log u_i; the inverse solves L·y = z − b, U·θ = y.
 *
 * <p>Parameters (prefixed by a name): {@code lower} D×D (strict lower part used), {@code upper} D×D (strict upper part
 * used), {@code diag} 1×D (r), {@code bias} 1×D. Initialised to the identity. Unconditional: the
 * context is ignored.
 */
public final class LuLinear implements ConditionalTransform {

    /** ε added to the softplus diagonal (nflows' value). */
    public static final float EPS = 1e-3f;

    private final int d;
    private final int contextSize;
    private final Param lower;
    private final Param upper;
    private final Param diag;
    private final Param bias;

    private LuLinear(String name, int d, int contextSize) {
        this.d = d;
        this.contextSize = contextSize;
        lower = Param.of(name + ".lower", d, d);
        upper = Param.of(name + ".upper", d, d);
        diag = Param.of(name + ".diag", 1, d);
        bias = Param.of(name + ".bias", 1, d);
        diag.value().fill((float) Math.log(Math.expm1(1.0 - EPS)));
    }

    /** The identity map on R^features, parameters named lu.lower, lu.upper, lu.diag, lu.bias. */
    public static LuLinear identity(int features, int contextSize) {
        return identity("lu", features, contextSize);
    }

    /** The identity map on R^features, parameters named name.lower, .upper, .diag, .bias. */
    public static LuLinear identity(String name, int features, int contextSize) {
        if (features < 1 || contextSize < 0) {
            throw new IllegalArgumentException("LU linear needs features >= 1 and context >= 0: "
                    + features + ", " + contextSize);
        }
        return new LuLinear(name, features, contextSize);
    }

    @Override
    public int features() {
        return d;
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    @Override
    public List<Param> params() {
        return List.of(lower, upper, diag, bias);
    }

    private record Ws(Matrix z, Matrix grad, Matrix l, Matrix u, Matrix w, Matrix gw, Matrix gTmp,
                      Matrix[] theta) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(Matrix.of(maxRows, d), Matrix.of(maxRows, d), Matrix.of(d, d),
                Matrix.of(d, d), Matrix.of(d, d), Matrix.of(d, d), Matrix.of(d, d),
                new Matrix[1]);
    }

    private double diagonal(int i) {
        return RationalQuadraticSpline.softplus(diag.value().get(0, i)) + EPS;
    }

    private double logAbsDet() {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += Math.log(diagonal(i));
        }
        return s;
    }

    /** Fills L, U and W = L·U. */
    private void weights(Ws ws) {
        Matrix lo = lower.value();
        Matrix up = upper.value();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                ws.l.set(i, j, i > j ? lo.get(i, j) : (i == j ? 1f : 0f));
                ws.u.set(i, j, i < j ? up.get(i, j) : (i == j ? (float) diagonal(i) : 0f));
            }
        }
        SmallMatrices.mult(ws.l, ws.u, ws.w);
    }

    @Override
    public Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        weights(ws);
        ws.theta[0] = theta;
        Matrix z = ws.z.setRows(theta.rows());
        SmallMatrices.multTransB(theta, ws.w, bias.value(), 0f, z);
        float ld = (float) logAbsDet();
        for (int i = 0; i < theta.rows(); i++) {
            logAbsDet[i] += ld;
        }
        return z;
    }

    @Override
    public Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext,
                           Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix theta = ws.theta[0];
        int n = theta.rows();
        SmallMatrices.multTransA(gradZ, theta, ws.gw);
        float[] gb = bias.grad().data();
        for (int i = 0; i < n; i++) {
            int gi = gradZ.rowOffset(i);
            for (int j = 0; j < d; j++) {
                gb[bias.grad().offset() + j] += gradZ.data()[gi + j];
            }
        }
        Matrix gTheta = ws.grad.setRows(n);
        SmallMatrices.mult(gradZ, ws.w, gTheta);
        double gl = 0;
        for (int i = 0; i < n; i++) {
            gl += gradLogAbsDet[i];
        }
        SmallMatrices.multTransB(ws.gw, ws.u, null, 0f, ws.gTmp); // dL/dL = dL/dW · Uᵀ
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                lower.grad().set(i, j, lower.grad().get(i, j) + ws.gTmp.get(i, j));
            }
        }
        SmallMatrices.multTransA(ws.l, ws.gw, ws.gTmp); // dL/dU = Lᵀ · dL/dW
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                upper.grad().set(i, j, upper.grad().get(i, j) + ws.gTmp.get(i, j));
            }
            double u = diagonal(i);
            double gu = ws.gTmp.get(i, i) + gl / u;
            double r = diag.value().get(0, i);
            diag.grad().set(0, i, (float) (diag.grad().get(0, i)
                    + gu * RationalQuadraticSpline.sigmoid(r)));
        }
        return gTheta;
    }

    @Override
    public Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        weights(ws);
        int n = z.rows();
        Matrix theta = ws.z.setRows(n);
        float[] out = theta.data();
        float[] l = ws.l.data();
        float[] u = ws.u.data();
        float[] b = bias.value().data();
        int bo = bias.value().offset();
        float[] in = z.data();
        for (int r = 0; r < n; r++) {
            int zo = z.rowOffset(r);
            int to = theta.rowOffset(r);
            for (int i = 0; i < d; i++) { // L·y = z − b
                double s = in[zo + i] - b[bo + i];
                for (int j = 0; j < i; j++) {
                    s -= l[i * d + j] * out[to + j];
                }
                out[to + i] = (float) s;
            }
            for (int i = d - 1; i >= 0; i--) { // U·θ = y
                double s = out[to + i];
                for (int j = i + 1; j < d; j++) {
                    s -= u[i * d + j] * out[to + j];
                }
                out[to + i] = (float) (s / u[i * d + i]);
            }
        }
        if (logAbsDet != null) {
            float ld = (float) logAbsDet();
            for (int i = 0; i < n; i++) {
                logAbsDet[i] += ld;
            }
        }
        return theta;
    }
}
