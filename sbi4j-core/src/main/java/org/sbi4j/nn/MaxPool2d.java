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
                    int top = (c * in.height() + u * window) * w;
                    if (window == 2) {
                        max2(xd, xo, top, w, yd, y.offset() + o, arg, o);
                        o += out.width();
                        continue;
                    }
                    for (int v = 0; v < out.width(); v++, o++) {
                        int best = top + v * window;
                        float m = xd[xo + best];
                        for (int i = 0; i < window; i++) {
                            int rowStart = top + i * w + v * window;
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

    /**
     * One row of 2×2 windows starting at column {@code top} of the image at x[xo]: pairwise
     * maxima by selects, which the JIT compiles without branches (the maxima sit at random).
     */
    private void max2(float[] x, int xo, int top, int w, float[] y, int yo, int[] arg, int ao) {
        for (int v = 0; v < out.width(); v++) {
            int a = top + 2 * v;
            float x0 = x[xo + a];
            float x1 = x[xo + a + 1];
            float x2 = x[xo + a + w];
            float x3 = x[xo + a + w + 1];
            int i01 = x1 > x0 ? a + 1 : a;
            int i23 = x3 > x2 ? a + w + 1 : a + w;
            float m01 = Math.max(x0, x1);
            float m23 = Math.max(x2, x3);
            arg[ao + v] = m23 > m01 ? i23 : i01;
            y[yo + v] = Math.max(m01, m23);
        }
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
