package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * Max pooling of a batch of images over k×k windows with stride k, no parameters.
 *
 * <p>Shapes: rows hold images [C, H, W] channel-major ({@link ImageShape}); the output holds
 * [C, ⌊H/k⌋, ⌊W/k⌋] (remainder rows and columns are dropped, as PyTorch's {@code MaxPool2d}):
 * <pre>  y[c, u, v] = max_{i,j &lt; k} x[c, u·k + i, v·k + j].</pre>
 * Backward routes dL/dy[c, u, v] to the first maximal input of its window (row-major order) and
 * 0 elsewhere; the workspace remembers where that was. (At ties the function is not
 * differentiable; this is the usual subgradient.)
 */
public final class MaxPool2d implements Layer {

    private static final String NAME = "MaxPool2d";

    private final ImageShape in;
    private final ImageShape out;
    private final int window;

    private MaxPool2d(ImageShape in, int window) {
        this.in = in;
        this.window = window;
        this.out = ImageShape.of(in.channels(), in.height() / window, in.width() / window);
    }

    /**
     * Pooling by k×k windows, 1 ≤ k ≤ min(H, W).
     *
     * @throws IllegalArgumentException if the shape is null or the window does not fit
     */
    public static MaxPool2d of(ImageShape input, int window) {
        checkWindow(NAME, input, window, window);
        return new MaxPool2d(input, window);
    }

    static void checkWindow(String layer, ImageShape input, int wh, int ww) {
        if (input == null) {
            throw new IllegalArgumentException(layer + ": input shape must not be null");
        }
        Shapes.checkPositive(layer + ": window height", wh);
        Shapes.checkPositive(layer + ": window width", ww);
        if (wh > input.height() || ww > input.width()) {
            throw new IllegalArgumentException(layer + ": window " + wh + "x" + ww
                    + " exceeds the image " + input.height() + "x" + input.width());
        }
    }

    /** [C, ⌊H/k⌋, ⌊W/k⌋]. */
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
        return new Ws(maxRows, this);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast(NAME, workspace, Ws.class);
        Shapes.checkInput(NAME, input, inputSize(), ws.maxRows);
        ws.input = input;
        Matrix y = ws.output.setRows(input.rows());
        float[] xd = input.data();
        float[] yd = y.data();
        int w = in.width();
        int[] arg = ws.argmax;
        for (int r = 0; r < input.rows(); r++) {
            int xo = input.rowOffset(r);
            int o = r * out.size();
            for (int c = 0; c < in.channels(); c++) {
                for (int u = 0; u < out.height(); u++) {
                    for (int v = 0; v < out.width(); v++, o++) {
                        int best = (c * in.height() + u * window) * w + v * window;
                        float m = xd[xo + best];
                        for (int i = 0; i < window; i++) {
                            int rowStart = (c * in.height() + u * window + i) * w + v * window;
                            for (int j = 0; j < window; j++) {
                                float val = xd[xo + rowStart + j];
                                if (val > m) {
                                    m = val;
                                    best = rowStart + j;
                                }
                            }
                        }
                        yd[y.offset() + o] = m;
                        arg[o] = best;
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
        for (int r = 0; r < gradOutput.rows(); r++) {
            int go = gradOutput.rowOffset(r);
            int xo = dx.rowOffset(r);
            int base = r * out.size();
            for (int o = 0; o < out.size(); o++) {
                xd[xo + ws.argmax[base + o]] += gd[go + o];
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return NAME + "[" + in + " -> " + out + ", k=" + window + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix output;
        final Matrix gradInput;
        final int[] argmax;
        Matrix input;

        Ws(int maxRows, MaxPool2d p) {
            this.maxRows = maxRows;
            this.output = Matrix.of(maxRows, p.outputSize());
            this.gradInput = Matrix.of(maxRows, p.inputSize());
            this.argmax = new int[Math.multiplyExact(maxRows, p.outputSize())];
        }
    }
}
