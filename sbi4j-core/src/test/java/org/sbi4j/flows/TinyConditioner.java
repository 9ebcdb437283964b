package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Test-only conditioner: one tanh hidden layer, optionally MADE-masked (Germain et al. 2015) for
 * inputs [θ (D), context (C)] and outputs of P per feature. Masks are applied in every forward,
 * so randomising all weights keeps the autoregressive structure.
 */
final class TinyConditioner implements Layer {

    private final int in;
    private final int hidden;
    private final int out;
    private final Param w1;
    private final Param b1;
    private final Param w2;
    private final Param b2;
    private final float[] m1;
    private final float[] m2;

    private TinyConditioner(int in, int hidden, int out, float[] m1, float[] m2) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        w1 = Param.of("w1", hidden, in);
        b1 = Param.of("b1", 1, hidden);
        w2 = Param.of("w2", out, hidden);
        b2 = Param.of("b2", 1, out);
        this.m1 = m1;
        this.m2 = m2;
    }

    static TinyConditioner dense(int in, int hidden, int out) {
        float[] m1 = new float[hidden * in];
        float[] m2 = new float[out * hidden];
        java.util.Arrays.fill(m1, 1f);
        java.util.Arrays.fill(m2, 1f);
        return new TinyConditioner(in, hidden, out, m1, m2);
    }

    static TinyConditioner made(int features, int context, int hidden, int perFeature) {
        int in = features + context;
        int out = features * perFeature;
        float[] m1 = new float[hidden * in];
        float[] m2 = new float[out * hidden];
        for (int h = 0; h < hidden; h++) {
            int dh = h % features; // hidden degree in 0..D−1
            for (int k = 0; k < in; k++) {
                int dk = k < features ? k + 1 : 0;
                m1[h * in + k] = dk <= dh ? 1f : 0f;
            }
            for (int o = 0; o < out; o++) {
                int dout = o / perFeature + 1;
                m2[o * hidden + h] = dout > dh ? 1f : 0f;
            }
        }
        return new TinyConditioner(in, hidden, out, m1, m2);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public List<Param> params() {
        return List.of(w1, b1, w2, b2);
    }

    private record Ws(Matrix mw1, Matrix mw2, Matrix pre, Matrix h, Matrix y, Matrix gh,
                      Matrix gx, Matrix gw1, Matrix gw2, Matrix[] x) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(Matrix.of(hidden, in), Matrix.of(out, hidden), Matrix.of(maxRows, hidden),
                Matrix.of(maxRows, hidden), Matrix.of(maxRows, out), Matrix.of(maxRows, hidden),
                Matrix.of(maxRows, in), Matrix.of(hidden, in), Matrix.of(out, hidden),
                new Matrix[1]);
    }

    private static void mask(Matrix w, float[] m, Matrix into) {
        for (int i = 0; i < m.length; i++) {
            into.data()[i] = w.data()[w.offset() + i] * m[i];
        }
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = input.rows();
        ws.x[0] = input;
        mask(w1.value(), m1, ws.mw1);
        mask(w2.value(), m2, ws.mw2);
        Ops.multTransB(input, ws.mw1, ws.pre.setRows(n));
        Ops.addRowVector(b1.value(), ws.pre);
        Ops.activate(Activation.TANH, ws.pre, ws.h.setRows(n));
        Ops.multTransB(ws.h, ws.mw2, ws.y.setRows(n));
        Ops.addRowVector(b2.value(), ws.y);
        return ws.y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = gradOutput.rows();
        Ops.multTransA(gradOutput, ws.h, ws.gw2);
        Ops.columnSums(gradOutput, 1f, b2.grad());
        Ops.mult(gradOutput, ws.mw2, ws.gh.setRows(n));
        Ops.activateBackward(Activation.TANH, ws.pre, ws.h, ws.gh, ws.gh);
        Ops.multTransA(ws.gh, ws.x[0], ws.gw1);
        Ops.columnSums(ws.gh, 1f, b1.grad());
        Ops.mult(ws.gh, ws.mw1, ws.gx.setRows(n));
        for (int i = 0; i < m1.length; i++) {
            w1.grad().data()[i] += ws.gw1.data()[i] * m1[i];
        }
        for (int i = 0; i < m2.length; i++) {
            w2.grad().data()[i] += ws.gw2.data()[i] * m2[i];
        }
        return ws.gx;
    }
}
