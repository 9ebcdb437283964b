package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Residual MLP (nflows {@code ResidualNet}, the conditioner of sbi's NSF; He et al. 2016 pre-
 * activation blocks): h₀ = W_in·x + b, then B blocks h ← h + W₂·f(W₁·f(h) + b₁) + b₂, then the
 * output W_out·h + b. The second layer of each block starts at zero, so each block starts as the
 * identity (nflows draws it from U(±1e-3)).
 *
 * <p>Parameters are named {@code name.in}, {@code name.block<i>b</i>.0}, {@code .1},
 * {@code name.out} (each with .weight and .bias). Input n×in, output n×out.
 */
public final class ResidualNet implements Layer {

    private final String name;
    private final Dense first;
    private final List<Block> blocks;
    private final Dense last;
    private final List<Param> params;

    private ResidualNet(String name, Dense first, List<Block> blocks, Dense last) {
        this.name = name;
        this.first = first;
        this.blocks = blocks;
        this.last = last;
        List<Param> ps = new ArrayList<>(first.params());
        for (Block b : blocks) {
            ps.addAll(b.a.params());
            ps.addAll(b.b.params());
        }
        ps.addAll(last.params());
        this.params = List.copyOf(ps);
    }

    /**
     * A residual network in → hidden (B blocks of two layers) → out with activation f; weights
     * drawn from rng in layer order.
     */
    public static ResidualNet of(String name, int in, int hidden, int blocks, int out,
                                 Activation f, UniformRandomProvider rng) {
        Shapes.checkPositive(name + ": hidden size", hidden);
        if (blocks < 0) {
            throw new IllegalArgumentException(name + ": negative number of blocks " + blocks);
        }
        if (f == null) {
            throw new IllegalArgumentException(name + ": activation must not be null");
        }
        Dense first = Dense.of(name + ".in", in, hidden, Init.GLOROT_UNIFORM, rng);
        List<Block> bs = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            bs.add(new Block(f, Dense.of(name + ".block" + i + ".0", hidden, hidden,
                    Init.forActivation(f), rng), Dense.of(name + ".block" + i + ".1", hidden,
                    hidden, Init.ZERO, rng)));
        }
        Dense last = Dense.of(name + ".out", hidden, out, Init.GLOROT_UNIFORM, rng);
        return new ResidualNet(name, first, List.copyOf(bs), last);
    }

    private record Block(Activation f, Dense a, Dense b) {
    }

    @Override
    public int inputSize() {
        return first.inputSize();
    }

    @Override
    public int outputSize() {
        return last.outputSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /** Buffers of one block: its input h, f(h), f(a(f(h))), output, gradients. */
    private record BlockWs(Workspace a, Workspace b, Matrix act0, Matrix act1, Matrix out,
                           Matrix grad, Matrix[] in) {
    }

    private record Ws(Workspace first, BlockWs[] blocks, Workspace last) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        int h = first.outputSize();
        BlockWs[] bw = new BlockWs[blocks.size()];
        for (int i = 0; i < bw.length; i++) {
            Block b = blocks.get(i);
            bw[i] = new BlockWs(b.a.workspace(maxRows), b.b.workspace(maxRows),
                    Matrix.of(maxRows, h), Matrix.of(maxRows, h), Matrix.of(maxRows, h),
                    Matrix.of(maxRows, h), new Matrix[2]);
        }
        return new Ws(first.workspace(maxRows), bw, last.workspace(maxRows));
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Matrix h = first.forward(input, ws.first);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            BlockWs w = ws.blocks[i];
            int n = h.rows();
            w.in[0] = h;
            Ops.activate(b.f, h, w.act0.setRows(n));
            Matrix u = b.a.forward(w.act0, w.a);
            w.in[1] = u;
            Ops.activate(b.f, u, w.act1.setRows(n));
            Matrix v = b.b.forward(w.act1, w.b);
            Matrix out = w.out.setRows(n).copyFrom(h);
            Ops.addScaled(1f, v, out);
            h = out;
        }
        return last.forward(h, ws.last);
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Matrix g = last.backward(gradOutput, ws.last);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            BlockWs w = ws.blocks[i];
            Matrix gv = b.b.backward(g, w.b); // dL/d act1
            Matrix gu = w.grad.setRows(g.rows());
            Ops.activateBackward(b.f, w.in[1], w.act1, gv, gu);
            Matrix ga = b.a.backward(gu, w.a); // dL/d act0
            // dL/dh = g (skip) + f'(h) ⊙ ga; gu is free again and holds the sum
            Ops.activateBackward(b.f, w.in[0], w.act0, ga, gu);
            Ops.addScaled(1f, g, gu);
            g = gu;
        }
        return first.backward(g, ws.first);
    }

    @Override
    public String toString() {
        return "ResidualNet[" + name + ": " + inputSize() + " -> " + first.outputSize() + " x "
                + blocks.size() + " blocks -> " + outputSize() + "]";
    }
}
