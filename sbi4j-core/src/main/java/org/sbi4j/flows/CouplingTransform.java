package org.sbi4j.flows;

import java.util.Arrays;
import java.util.List;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Coupling transform (Dinh et al. 2017, "Density estimation using Real NVP"; with a spline,
 * Durkan et al. 2019 §3.2): features split by a mask into an identity part A and a transformed
 * part B; z_A = θ_A and z_B = f(θ_B; p(θ_A, x)), where the conditioner maps [θ_A, context] to
 * |B|·P parameters. log|det| = Σ_{j∈B} log f'(θ_j). Forward and inverse take one pass each.
 * With |A| = 0 (e.g. D = 1) the conditioner sees only the context.
 */
public final class CouplingTransform implements ConditionalTransform {

    private final ElementwiseBijection bijection;
    private final Layer conditioner;
    private final int d;
    private final int c;
    private final int[] identity;
    private final int[] transformed;

    private CouplingTransform(ElementwiseBijection bijection, Layer conditioner, int d, int c,
                              int[] identity, int[] transformed) {
        this.bijection = bijection;
        this.conditioner = conditioner;
        this.d = d;
        this.c = c;
        this.identity = identity;
        this.transformed = transformed;
    }

    /**
     * @param transformedMask mask[j] true if feature j is transformed (at least one must be)
     * @param conditioner     a network from |A| + C to |B|·P columns
     * @param contextSize     C
     */
    public static CouplingTransform of(ElementwiseBijection bijection, boolean[] transformedMask,
                                       Layer conditioner, int contextSize) {
        int d = transformedMask.length;
        int nb = 0;
        for (boolean m : transformedMask) {
            nb += m ? 1 : 0;
        }
        if (nb == 0) {
            throw new IllegalArgumentException("coupling mask transforms no feature: "
                    + Arrays.toString(transformedMask));
        }
        int[] a = new int[d - nb];
        int[] b = new int[nb];
        for (int j = 0, ia = 0, ib = 0; j < d; j++) {
            if (transformedMask[j]) {
                b[ib++] = j;
            } else {
                a[ia++] = j;
            }
        }
        if (contextSize < 0 || conditioner.inputSize() != a.length + contextSize
                || conditioner.outputSize() != nb * bijection.paramsPerDim()) {
            throw new IllegalArgumentException("conditioner " + conditioner.inputSize() + " -> "
                    + conditioner.outputSize() + " does not map " + a.length
                    + " identity features + " + contextSize + " context to " + nb + "x"
                    + bijection.paramsPerDim() + " parameters");
        }
        return new CouplingTransform(bijection, conditioner, d, contextSize, a, b);
    }

    /**
     * Mask of layer i of an alternating stack (nflows' {@code create_alternating_binary_mask}
     * with even = (i even)): even i transforms the even features, odd i the odd ones; a single
     * feature is always transformed.
     */
    public static boolean[] alternatingMask(int features, int layer) {
        boolean[] m = new boolean[features];
        for (int j = 0; j < features; j++) {
            m[j] = features == 1 || (j + layer) % 2 == 0;
        }
        return m;
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

    private record Ws(Layer.Workspace cws, Matrix input, Matrix out, Matrix grad, Matrix gParams,
                      double[] scratch, Matrix[] saved) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(conditioner.workspace(maxRows),
                Matrix.of(maxRows, identity.length + c), Matrix.of(maxRows, d),
                Matrix.of(maxRows, d), Matrix.of(maxRows, conditioner.outputSize()),
                new double[bijection.scratchSize()], new Matrix[2]);
    }

    /** input = [θ_A, context]; out[:, A] = θ_A. */
    private Matrix conditionerInput(Matrix theta, Matrix context, Matrix input, Matrix out) {
        int n = theta.rows();
        int na = identity.length;
        input.setRows(n);
        out.setRows(n);
        float[] t = theta.data();
        float[] in = input.data();
        for (int i = 0; i < n; i++) {
            int ti = theta.rowOffset(i);
            int ii = input.rowOffset(i);
            int oi = out.rowOffset(i);
            for (int k = 0; k < na; k++) {
                float v = t[ti + identity[k]];
                in[ii + k] = v;
                out.data()[oi + identity[k]] = v;
            }
            if (c > 0) {
                System.arraycopy(context.data(), context.rowOffset(i), in, ii + na, c);
            }
        }
        return input;
    }

    @Override
    public Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix p = conditioner.forward(conditionerInput(theta, context, ws.input, ws.out),
                ws.cws);
        ws.saved[0] = theta;
        ws.saved[1] = p;
        int n = theta.rows();
        int np = bijection.paramsPerDim();
        for (int k = 0; k < transformed.length; k++) {
            int j = transformed[k];
            bijection.forward(n, theta.data(), theta.offset() + j, theta.cols(), p.data(),
                    p.offset() + k * np, p.cols(), ws.out.data(), ws.out.offset() + j, d,
                    logAbsDet, 0, ws.scratch);
        }
        return ws.out;
    }

    @Override
    public Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext,
                           Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix theta = ws.saved[0];
        Matrix p = ws.saved[1];
        int n = theta.rows();
        int np = bijection.paramsPerDim();
        Matrix g = ws.grad.setRows(n);
        Matrix gp = ws.gParams.setRows(n);
        for (int k = 0; k < transformed.length; k++) {
            int j = transformed[k];
            bijection.backward(n, theta.data(), theta.offset() + j, theta.cols(), p.data(),
                    p.offset() + k * np, p.cols(), gradZ.data(), gradZ.offset() + j, d,
                    gradLogAbsDet, 0, g.data(), g.offset() + j, d, gp.data(),
                    gp.offset() + k * np, gp.cols(), ws.scratch);
        }
        Matrix gIn = conditioner.backward(gp, ws.cws);
        int na = identity.length;
        for (int i = 0; i < n; i++) {
            int gi = g.rowOffset(i);
            int zi = gradZ.rowOffset(i);
            int ii = gIn.rowOffset(i);
            for (int k = 0; k < na; k++) {
                g.data()[gi + identity[k]] = gradZ.data()[zi + identity[k]] + gIn.data()[ii + k];
            }
            if (gradContext != null) {
                int ci = gradContext.rowOffset(i);
                for (int k = 0; k < c; k++) {
                    gradContext.data()[ci + k] += gIn.data()[ii + na + k];
                }
            }
        }
        return g;
    }

    @Override
    public Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix p = conditioner.forward(conditionerInput(z, context, ws.input, ws.out), ws.cws);
        int n = z.rows();
        int np = bijection.paramsPerDim();
        for (int k = 0; k < transformed.length; k++) {
            int j = transformed[k];
            bijection.inverse(n, z.data(), z.offset() + j, z.cols(), p.data(),
                    p.offset() + k * np, p.cols(), ws.out.data(), ws.out.offset() + j, d,
                    logAbsDet, 0, ws.scratch);
        }
        return ws.out;
    }
}
