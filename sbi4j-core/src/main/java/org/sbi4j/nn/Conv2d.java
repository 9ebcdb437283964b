package org.sbi4j.nn;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Two-dimensional convolution (cross-correlation, as PyTorch's {@code Conv2d}) of a batch of
 * multi-channel images, computed per image as im2col + one GEMM.
 *
 * <p>Shapes: an input row holds an image [C, H, W] channel-major ({@link ImageShape}), an output
 * row the image [F, H', W'] of {@link Conv2dSpec#output()}. The weight W is F×(C·kh·kw), row f
 * holding filter f in PyTorch's [F, C, kh, kw] order; the bias b is 1×F:
 * <pre>  y[f, y', x'] = b[f] + Σ_c Σ_i Σ_j W[f, (c·kh + i)·kw + j] · x[c, y'·s + i − p_h, x'·s + j − p_w]</pre>
 * (x = 0 outside the image). Per image, with Pᵀ the (C·kh·kw)×(H'·W') patch matrix of
 * {@link Patches2d}, the output row viewed as F×(H'·W') is Y = W·Pᵀ + b (one GEMM writing the
 * channel-major row in place). Backward, with G the output gradient row viewed the same way:
 * dW += G·P, db += row sums of G, dPᵀ = Wᵀ·G, and dx is dPᵀ summed back onto the pixels (col2im).
 * dW is F·C·kh·kw dot products of length H'·W' when H'·W' ≥ 4·C·kh·kw (early layers: few, long
 * rows; measured faster than {@code gemmNT}, which transposes Pᵀ and, for C·kh·kw below a
 * vector's width, runs a masked tail), else one {@code gemmNT}.
 *
 * <p>The batch is cut into at most {@value #SHARDS} shards of ⌈n/{@value #SHARDS}⌉ images, run on
 * the kernels' threads ({@link Kernels#forRanges}; small passes run on the caller). Each shard accumulates its own parameter
 * gradient, and the shards are added in order, so the bits do not depend on the thread count.
 * Workspaces hold one patch buffer per thread and one gradient per shard; calls allocate
 * nothing. Reference: Chellapilla et al. (2006), "High performance convolutional neural networks
 * for document processing" (the im2col formulation).
 */
public final class Conv2d implements Layer {

    /** Fixed number of batch shards (so results do not depend on the thread count). */
    static final int SHARDS = 8;
    /** Below this many floating-point operations a pass runs on the calling thread alone. */
    static final long MIN_PARALLEL_FLOPS = 1L << 21;

    private static final Kernels K = Ops.kernels();

    private final String name;
    private final Conv2dSpec spec;
    private final Patches2d patches;
    private final int filters;
    private final int patchSize;
    private final int positions;
    /** dW by dot products of G and Pᵀ rows (long rows, few of them) rather than one GEMM. */
    private final boolean dots;
    private final Param weight;
    private final Param bias;
    private final List<Param> params;

    private Conv2d(String name, Conv2dSpec spec) {
        this.name = name;
        this.spec = spec;
        this.patches = new Patches2d(spec);
        this.filters = spec.filters();
        this.patchSize = spec.patchSize();
        this.positions = spec.output().pixels();
        Math.multiplyExact(patchSize, positions);
        this.dots = positions >= 4 * patchSize;
        this.weight = Param.of(name + ".weight", filters, patchSize);
        this.bias = Param.of(name + ".bias", 1, filters);
        this.params = List.of(weight, bias);
    }

    /**
     * A convolution with weights drawn from init (fan-in C·kh·kw, fan-out F), biases zero.
     *
     * @throws IllegalArgumentException for a null name, spec or init
     */
    public static Conv2d of(String name, Conv2dSpec spec, Init init, UniformRandomProvider rng) {
        if (name == null || spec == null || init == null) {
            throw new IllegalArgumentException("Conv2d needs a name, a spec and an init, got "
                    + name + ", " + spec + ", " + init);
        }
        Conv2d c = new Conv2d(name, spec);
        Init.fillUniform(c.weight.value(), init.bound(c.patchSize, c.filters), rng);
        return c;
    }

    public Conv2dSpec spec() {
        return spec;
    }

    /** [F, H', W']. */
    public ImageShape outputShape() {
        return spec.output();
    }

    /** W, F×(C·kh·kw). */
    public Param weight() {
        return weight;
    }

    /** b, 1×F. */
    public Param bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return spec.input().size();
    }

    @Override
    public int outputSize() {
        return filters * positions;
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
        ws.output.setRows(input.rows());
        ws.backward = false;
        ws.runShards(input.rows());
        return ws.output;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(name, workspace, Ws.class);
        Shapes.checkGradOutput(name, ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        ws.gradOutput = gradOutput;
        ws.gradInput.setRows(n);
        ws.backward = true;
        int shards = ws.runShards(n);
        float[] dw = weight.grad().data();
        float[] db = bias.grad().data();
        for (int s = 0; s < shards; s++) { // in shard order: the same bits for any thread count
            K.axpy(dw.length, 1f, ws.gradWeight[s], 0, dw, weight.grad().offset());
            K.axpy(filters, 1f, ws.gradBias[s], 0, db, bias.grad().offset());
        }
        ws.gradOutput = null;
        return ws.gradInput;
    }

    private void forwardImage(Matrix x, int i, Matrix out, float[] p) {
        patches.im2col(x.data(), x.rowOffset(i), p, 0);
        float[] od = out.data();
        int o = out.rowOffset(i);
        float[] b = bias.value().data();
        int bo = bias.value().offset();
        for (int f = 0; f < filters; f++) {
            Arrays.fill(od, o + f * positions, o + (f + 1) * positions, b[bo + f]);
        }
        Matrix w = weight.value();
        K.gemmNN(filters, positions, patchSize, 1f, w.data(), w.offset(), p, 0, 1f, od, o);
    }

    /** Image i's share of dW and db (added into gw, gb; the first image of a shard sets them). */
    private void backwardImage(Ws ws, int i, boolean first, float[] p, float[] dp, int shard) {
        Matrix x = ws.input;
        Matrix g = ws.gradOutput;
        float[] gd = g.data();
        int go = g.rowOffset(i);
        patches.im2col(x.data(), x.rowOffset(i), p, 0);
        float[] gw = ws.gradWeight[shard];
        float[] gb = ws.gradBias[shard];
        if (dots) {
            for (int f = 0; f < filters; f++) {
                for (int r = 0; r < patchSize; r++) {
                    float d = K.dot(positions, gd, go + f * positions, p, r * positions);
                    gw[f * patchSize + r] = first ? d : gw[f * patchSize + r] + d;
                }
            }
        } else {
            K.gemmNT(filters, patchSize, positions, 1f, gd, go, p, 0, first ? 0f : 1f, gw, 0);
        }
        for (int f = 0; f < filters; f++) {
            float s = K.sum(positions, gd, go + f * positions);
            gb[f] = first ? s : gb[f] + s;
        }
        Matrix w = weight.value();
        K.gemmTN(patchSize, positions, filters, 1f, w.data(), w.offset(), gd, go, 0f, dp, 0);
        Matrix dx = ws.gradInput;
        int xo = dx.rowOffset(i);
        Arrays.fill(dx.data(), xo, xo + dx.cols(), 0f);
        patches.col2imAdd(dp, 0, dx.data(), xo);
    }

    @Override
    public String toString() {
        return "Conv2d[" + name + ", " + spec.input() + " -> " + spec.output() + ", k="
                + spec.kernelHeight() + "x" + spec.kernelWidth() + ", s=" + spec.stride() + ", "
                + spec.padding() + "]";
    }

    /** Buffers per thread and per shard; also the task the kernels' threads run. */
    private static final class Ws implements Workspace, Kernels.RangeTask {
        final Conv2d layer;
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        final float[][] patches;
        final float[][] gradPatches;
        final float[][] gradWeight;
        final float[][] gradBias;
        Matrix input;
        Matrix gradOutput;
        boolean backward;
        int shardRows;

        Ws(int maxRows, Conv2d c) {
            this.layer = c;
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, c.outputSize());
            this.gradInput = Matrix.of(maxRows, c.inputSize());
            int threads = Math.max(1, Math.min(K.parallelism(), SHARDS));
            int p = c.patchSize * c.positions;
            this.patches = new float[threads][p];
            this.gradPatches = new float[threads][p];
            this.gradWeight = new float[SHARDS][c.filters * c.patchSize];
            this.gradBias = new float[SHARDS][c.filters];
        }

        /** Runs the n images as shards of ⌈n/SHARDS⌉ on the threads; returns the shard count. */
        int runShards(int n) {
            shardRows = Math.max(1, (n + SHARDS - 1) / SHARDS);
            if (2L * n * layer.filters * layer.patchSize * layer.positions < MIN_PARALLEL_FLOPS) {
                run(0, 0, n); // the same shards, so the same bits
            } else {
                K.forRanges(n, shardRows, this);
            }
            return (n + shardRows - 1) / shardRows;
        }

        @Override
        public void run(int part, int from, int to) {
            float[] p = patches[part];
            if (!backward) {
                for (int i = from; i < to; i++) {
                    layer.forwardImage(input, i, output, p);
                }
                return;
            }
            for (int i = from; i < to; i++) {
                layer.backwardImage(this, i, i % shardRows == 0, p, gradPatches[part],
                        i / shardRows);
            }
        }
    }
}
