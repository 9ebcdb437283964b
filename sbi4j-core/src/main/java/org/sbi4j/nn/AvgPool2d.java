package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * Average pooling of a batch of images over kh×kw windows with stride equal to the window, no
 * parameters.
 *
 * <p>Shapes: rows hold images [C, H, W] channel-major ({@link ImageShape}); the output holds
 * [C, ⌊H/kh⌋, ⌊W/kw⌋] (remainders dropped, as PyTorch's {@code AvgPool2d}):
 * <pre>  y[c, u, v] = (1/(kh·kw)) Σ_{i&lt;kh, j&lt;kw} x[c, u·kh + i, v·kw + j],
 *   dL/dx[c, u·kh + i, v·kw + j] = dL/dy[c, u, v] / (kh·kw)   (0 for dropped pixels).</pre>
 * {@link #global} takes the whole image as the window: one mean per channel, output n×C
 * (global average pooling, Lin et al. 2014, "Network in network").
 */
public final class AvgPool2d implements Layer {

    private static final String NAME = "AvgPool2d";

    private final ImageShape in;
    private final ImageShape out;
    private final int wh;
    private final int ww;

    private AvgPool2d(ImageShape in, int wh, int ww) {
        this.in = in;
        this.wh = wh;
        this.ww = ww;
        this.out = ImageShape.of(in.channels(), in.height() / wh, in.width() / ww);
    }

    /**
     * Pooling by k×k windows, 1 ≤ k ≤ min(H, W).
     *
     * @throws IllegalArgumentException if the shape is null or the window does not fit
     */
    public static AvgPool2d of(ImageShape input, int window) {
        MaxPool2d.checkWindow(NAME, input, window, window);
        return new AvgPool2d(input, window, window);
    }

    /** The mean over H×W of each channel: output n×C. */
    public static AvgPool2d global(ImageShape input) {
        MaxPool2d.checkWindow(NAME, input, 1, 1);
        return new AvgPool2d(input, input.height(), input.width());
    }

    /** [C, ⌊H/kh⌋, ⌊W/kw⌋] ([C, 1, 1] for global pooling). */
    public ImageShape outputShape() {
        return out;
    }

    @Override
    public int inputSize() {
        return in.size();
    }

    @Override
    public int outputSize() {
        return out.size();
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive(NAME + ": maxRows", maxRows);
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
        float inv = 1f / (wh * ww);
        int w = in.width();
        for (int r = 0; r < input.rows(); r++) {
            int xo = input.rowOffset(r);
            int o = y.rowOffset(r);
            for (int c = 0; c < in.channels(); c++) {
                for (int u = 0; u < out.height(); u++) {
                    for (int v = 0; v < out.width(); v++, o++) {
                        float s = 0f;
                        for (int i = 0; i < wh; i++) {
                            int from = xo + (c * in.height() + u * wh + i) * w + v * ww;
                            for (int j = 0; j < ww; j++) {
                                s += xd[from + j];
                            }
                        }
                        yd[o] = s * inv;
                    }
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
        float inv = 1f / (wh * ww);
        int w = in.width();
        for (int r = 0; r < gradOutput.rows(); r++) {
            int xo = dx.rowOffset(r);
            int o = gradOutput.rowOffset(r);
            for (int c = 0; c < in.channels(); c++) {
                for (int u = 0; u < out.height(); u++) {
                    for (int v = 0; v < out.width(); v++, o++) {
                        float g = gd[o] * inv;
                        for (int i = 0; i < wh; i++) {
                            int from = xo + (c * in.height() + u * wh + i) * w + v * ww;
                            for (int j = 0; j < ww; j++) {
                                xd[from + j] = g;
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return NAME + "[" + in + " -> " + out + ", window " + wh + "x" + ww + "]";
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
