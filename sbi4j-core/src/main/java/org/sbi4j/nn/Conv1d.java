package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * One-dimensional convolution (cross-correlation, as in PyTorch's {@code Conv1d}) of a batch of
 * multi-channel sequences, computed as im2col + one GEMM.
 *
 * <p>Shapes: a row of the input holds C channels of length L, channel-major (value (c, t) at
 * column c·L + t, the flat layout of {@code Simulator.xShape() = {C, L}}); a row of the output
 * holds F channels of length L' in the same layout. With kernel size k, stride s ∈ {1, 2} and
 * padding p (p = 0 for {@link Padding#VALID}, p = (k−1)/2 for {@link Padding#SAME}, k odd),
 * L' = ⌊(L + 2p − k)/s⌋ + 1 and
 * <pre>  y[f, t] = b[f] + Σ_c Σ_j W[c·k + j, f] · x[c, t·s + j − p]   (x = 0 outside [0, L)).</pre>
 * Forward: the patch matrix P ((n·L')×(C·k), P[i·L' + t, c·k + j] = x_i[c, t·s + j − p]) times W
 * ((C·k)×F) gives Y ((n·L')×F), scattered into the channel-major output with the bias. Backward,
 * with G the output gradient gathered the same way: dW += Pᵀ·G, db += column sums of G,
 * dP = G·Wᵀ, and dx is dP summed back onto the positions each patch read (col2im).
 * Workspaces hold P, Y, G and dP for the maximum batch; calls allocate nothing.
 * Reference: Dumoulin &amp; Visin (2016), "A guide to convolution arithmetic for deep learning".
 */
public final class Conv1d implements Layer {

    /** Zero padding: none, or (k−1)/2 on each side so that L' = ⌈L/s⌉. */
    public enum Padding {
        /** No padding: L' = ⌊(L − k)/s⌋ + 1. */
        VALID,
        /** (k−1)/2 zeros on each side (k odd): L' = L for stride 1. */
        SAME
    }

    private final String name;
    private final int channels;
    private final int length;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int pad;
    private final int outLength;
    private final Param weight;
    private final Param bias;
    private final List<Param> params;

    private Conv1d(String name, int channels, int length, int filters, int kernel, int stride,
                   Padding padding) {
        this.name = name;
        this.channels = channels;
        this.length = length;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = padding == Padding.SAME ? (kernel - 1) / 2 : 0;
        this.outLength = (length + 2 * pad - kernel) / stride + 1;
        this.weight = Param.of(name + ".weight", channels * kernel, filters);
        this.bias = Param.of(name + ".bias", 1, filters);
        this.params = List.of(weight, bias);
    }

    /**
     * A convolution of C = channels input channels of the given length into F = filters output
     * channels, weights drawn from init (fan-in C·k), biases zero.
     *
     * @throws IllegalArgumentException for non-positive sizes, a stride other than 1 or 2, an
     *         even kernel with SAME padding or a kernel longer than the padded input
     */
    public static Conv1d of(String name, int channels, int length, int filters, int kernel,
                            int stride, Padding padding, Init init, UniformRandomProvider rng) {
        Shapes.checkPositive(name + ": channels", channels);
        Shapes.checkPositive(name + ": length", length);
        Shapes.checkPositive(name + ": filters", filters);
        Shapes.checkPositive(name + ": kernel size", kernel);
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException(name + ": stride must be 1 or 2, got " + stride);
        }
        if (padding == null) {
            throw new IllegalArgumentException(name + ": padding must not be null");
        }
        if (padding == Padding.SAME && kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": SAME padding needs an odd kernel size, got "
                    + kernel);
        }
        int pad = padding == Padding.SAME ? (kernel - 1) / 2 : 0;
        if (kernel > length + 2 * pad) {
            throw new IllegalArgumentException(name + ": kernel size " + kernel
                    + " exceeds the (padded) input length " + (length + 2 * pad));
        }
        Conv1d c = new Conv1d(name, channels, length, filters, kernel, stride, padding);
        Matrix w = c.weight.value();
        Init.fillUniform(w, init.bound(channels * kernel, filters), rng);
        return c;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    /** F, the number of output channels. */
    public int filters() {
        return filters;
    }

    /** L', the output length. */
    public int outLength() {
        return outLength;
    }

    @Override
    public int inputSize() {
        return channels * length;
    }

    @Override
    public int outputSize() {
        return filters * outLength;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(name + ": maxRows", maxRows);
        return new Ws(maxRows, this);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkInput(name, input, inputSize(), ws.maxRows);
        ws.input = input;
        int n = input.rows();
        Matrix patches = ws.patches.setRows(n * outLength);
        im2col(input, patches);
        Matrix y = ws.cols.setRows(n * outLength);
        Ops.mult(patches, weight.value(), y);
        Ops.addRowVector(bias.value(), y);
        Matrix out = ws.output.setRows(n);
        transpose(y, out, true);
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        Matrix g = ws.cols.setRows(n * outLength);
        transpose(g, gradOutput, false);
        Ops.multAddTransA(1f, ws.patches, g, 1f, weight.grad());
        Ops.columnSums(g, 1f, bias.grad());
        Matrix dp = ws.gradPatches.setRows(n * outLength);
        Ops.multTransB(g, weight.value(), dp);
        Matrix dx = ws.gradInput.setRows(n);
        col2im(dp, dx);
        return dx;
    }

    /** P[i·L' + t, c·k + j] = x_i[c, t·s + j − p] (0 outside the input). */
    private void im2col(Matrix x, Matrix p) {
        float[] xd = x.data();
        float[] pd = p.data();
        for (int i = 0; i < x.rows(); i++) {
            int xo = x.rowOffset(i);
            for (int t = 0; t < outLength; t++) {
                int po = p.rowOffset(i * outLength + t);
                int start = t * stride - pad;
                for (int c = 0; c < channels; c++) {
                    int base = xo + c * length;
                    for (int j = 0; j < kernel; j++) {
                        int u = start + j;
                        pd[po + c * kernel + j] = u >= 0 && u < length ? xd[base + u] : 0f;
                    }
                }
            }
        }
    }

    /** dx_i[c, t·s + j − p] = Σ over patches of dP[i·L' + t, c·k + j]. */
    private void col2im(Matrix dp, Matrix dx) {
        dx.fill(0f);
        float[] gd = dp.data();
        float[] xd = dx.data();
        for (int i = 0; i < dx.rows(); i++) {
            int xo = dx.rowOffset(i);
            for (int t = 0; t < outLength; t++) {
                int po = dp.rowOffset(i * outLength + t);
                int start = t * stride - pad;
                for (int c = 0; c < channels; c++) {
                    int base = xo + c * length;
                    for (int j = 0; j < kernel; j++) {
                        int u = start + j;
                        if (u >= 0 && u < length) {
                            xd[base + u] += gd[po + c * kernel + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * Between the time-major GEMM layout Y[i·L' + t, f] and the channel-major rows
     * out[i, f·L' + t]: toRows copies Y into out, otherwise out into Y.
     */
    private void transpose(Matrix y, Matrix out, boolean toRows) {
        float[] yd = y.data();
        float[] od = out.data();
        for (int i = 0; i < out.rows(); i++) {
            int oo = out.rowOffset(i);
            for (int t = 0; t < outLength; t++) {
                int yo = y.rowOffset(i * outLength + t);
                for (int f = 0; f < filters; f++) {
                    if (toRows) {
                        od[oo + f * outLength + t] = yd[yo + f];
                    } else {
                        yd[yo + f] = od[oo + f * outLength + t];
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Conv1d[" + name + ", " + channels + "x" + length + " -> " + filters + "x"
                + outLength + ", k=" + kernel + ", s=" + stride + ", p=" + pad + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix patches;
        final Matrix cols;
        final Matrix gradPatches;
        final Matrix output;
        final Matrix gradInput;
        Matrix input;

        Ws(int maxRows, Conv1d c) {
            this.maxRows = maxRows;
            int rows = Math.multiplyExact(maxRows, c.outLength);
            this.patches = Matrix.of(rows, c.channels * c.kernel);
            this.cols = Matrix.of(rows, c.filters);
            this.gradPatches = Matrix.of(rows, c.channels * c.kernel);
            this.output = Matrix.of(maxRows, c.outputSize());
            this.gradInput = Matrix.of(maxRows, c.inputSize());
        }
    }
}
