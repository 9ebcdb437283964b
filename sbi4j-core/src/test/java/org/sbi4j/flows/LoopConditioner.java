package org.sbi4j.flows;

import java.util.List;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Test-only affine layer y = x·W + b in plain loops (no kernels), optionally with a strictly
 * "autoregressive" mask for [θ (D), context] → D·P outputs. Used to test the flows code's own
 * allocation behaviour independently of the GEMM kernels.
 */
final class LoopConditioner implements Layer {

    private final int in;
    private final int out;
    private final Param w;
    private final Param b;
    private final float[] mask;

    LoopConditioner(int in, int out, float[] mask) {
        this.in = in;
        this.out = out;
        this.w = Param.of("loop.w", in, out);
        this.b = Param.of("loop.b", 1, out);
        this.mask = mask;
    }

    static LoopConditioner dense(int in, int out) {
        float[] m = new float[in * out];
        java.util.Arrays.fill(m, 1f);
        return new LoopConditioner(in, out, m);
    }

    /** Output block d (P columns) sees θ_{&lt;d} and the context. */
    static LoopConditioner autoregressive(int features, int context, int perFeature) {
        int in = features + context;
        int out = features * perFeature;
        float[] m = new float[in * out];
        for (int k = 0; k < in; k++) {
            for (int o = 0; o < out; o++) {
                m[k * out + o] = k >= features || k < o / perFeature ? 1f : 0f;
            }
        }
        return new LoopConditioner(in, out, m);
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
        return List.of(w, b);
    }

    private record Ws(Matrix y, Matrix gx, Matrix[] x) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(Matrix.of(maxRows, out), Matrix.of(maxRows, in), new Matrix[1]);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = (Ws) workspace;
        ws.x[0] = input;
        Matrix y = ws.y.setRows(input.rows());
        for (int i = 0; i < input.rows(); i++) {
            for (int o = 0; o < out; o++) {
                float s = b.value().data()[o];
                for (int k = 0; k < in; k++) {
                    s += input.data()[input.rowOffset(i) + k] * w.value().data()[k * out + o]
                            * mask[k * out + o];
                }
                y.data()[y.rowOffset(i) + o] = s;
            }
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Workspace workspace) {
        Ws ws = (Ws) workspace;
        Matrix x = ws.x[0];
        Matrix gx = ws.gx.setRows(g.rows());
        for (int i = 0; i < g.rows(); i++) {
            for (int k = 0; k < in; k++) {
                float s = 0f;
                for (int o = 0; o < out; o++) {
                    float m = mask[k * out + o];
                    float go = g.data()[g.rowOffset(i) + o];
                    s += go * w.value().data()[k * out + o] * m;
                    w.grad().data()[k * out + o] += go * x.data()[x.rowOffset(i) + k] * m;
                }
                gx.data()[gx.rowOffset(i) + k] = s;
            }
            for (int o = 0; o < out; o++) {
                b.grad().data()[o] += g.data()[g.rowOffset(i) + o];
            }
        }
        return gx;
    }
}
