package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * Average pooling over time of a batch of multi-channel sequences, no parameters.
 *
 * <p>Shapes: rows hold C channels of length L, channel-major (value (c, t) at column c·L + t);
 * with window w the output holds C channels of length L' = ⌊L/w⌋ (a remainder of L mod w steps
 * is dropped, as PyTorch's {@code AvgPool1d} does):
 * <pre>  y[c, t] = (1/w) Σ_{j&lt;w} x[c, t·w + j],   dL/dx[c, t·w + j] = dL/dy[c, t] / w.</pre>
 * {@link #global} takes w = L: one mean per channel (global average pooling, Lin et al. 2014,
 * "Network in network").
 */
public final class AvgPool1d implements Layer {

    private static final String NAME = "AvgPool1d";

    private final int channels;
    private final int length;
    private final int window;
    private final int outLength;

    private AvgPool1d(int channels, int length, int window) {
        this.channels = channels;
        this.length = length;
        this.window = window;
        this.outLength = length / window;
    }

    /** Average pooling by {@code window} (1 ≤ window ≤ length) along each channel. */
    public static AvgPool1d of(int channels, int length, int window) {
        Shapes.checkPositive("pooling channels", channels);
        Shapes.checkPositive("pooling length", length);
        Shapes.checkPositive("pooling window", window);
        if (window > length) {
            throw new IllegalArgumentException("pooling window " + window
                    + " exceeds the sequence length " + length);
        }
        return new AvgPool1d(channels, length, window);
    }

    /** The mean over time of each channel: output n×C. */
    public static AvgPool1d global(int channels, int length) {
        return of(channels, length, length);
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
        return channels * outLength;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive("pooling maxRows", maxRows);
        return new Ws(maxRows, inputSize(), outputSize());
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkInput(NAME, input, inputSize(), ws.maxRows);
        ws.input = input;
        Matrix y = ws.output.setRows(input.rows());
        float[] xd = input.data();
        float[] yd = y.data();
        float inv = 1f / window;
        for (int i = 0; i < input.rows(); i++) {
            int xo = input.rowOffset(i);
            int yo = y.rowOffset(i);
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < outLength; t++) {
                    int from = xo + c * length + t * window;
                    float s = 0f;
                    for (int j = 0; j < window; j++) {
                        s += xd[from + j];
                    }
                    yd[yo + c * outLength + t] = s * inv;
                }
            }
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkGradOutput(NAME, ws.input, gradOutput, ws.output);
        Matrix dx = ws.gradInput.setRows(gradOutput.rows());
        dx.fill(0f);
        float[] gd = gradOutput.data();
        float[] xd = dx.data();
        float inv = 1f / window;
        for (int i = 0; i < dx.rows(); i++) {
            int xo = dx.rowOffset(i);
            int go = gradOutput.rowOffset(i);
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < outLength; t++) {
                    float g = gd[go + c * outLength + t] * inv;
                    int from = xo + c * length + t * window;
                    for (int j = 0; j < window; j++) {
                        xd[from + j] = g;
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "AvgPool1d[" + channels + "x" + length + " -> " + channels + "x" + outLength
                + ", w=" + window + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        Matrix input;

        Ws(int maxRows, int in, int out) {
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, out);
            this.gradInput = Matrix.of(maxRows, in);
        }
    }
}
