package org.sbi4j.nn;

import java.util.Arrays;
import org.sbi4j.kernels.Activation;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * The context gate of a gated {@link ResidualBlock} (nflows' GLU): given the block input x, the
 * residual r and the context c (rows n×h, n×h, n×C),
 * <pre>
 *   a = c·W_c + b_c,   y = x + r ⊙ σ(a);   dL/dr = G ⊙ σ(a),   dL/da = G ⊙ r ⊙ σ(1 − σ).
 * </pre>
 * Rows with the same context as the row before them (as when sampling many θ for one x) have the
 * same a: a and σ(a) are then computed once per run of such rows, on a compact copy of the runs'
 * contexts and copied to the run's rows — the same bits as per row, since the context layer and σ
 * are row-wise and lane-wise. Backward first gives the context layer every row again.
 */
final class GluGate {

    private final Dense contextLayer;
    private final int size;

    GluGate(Dense contextLayer, int size) {
        this.contextLayer = contextLayer;
        this.size = size;
    }

    Ws workspace(int maxRows) {
        return new Ws(contextLayer.workspace(maxRows), maxRows, size, contextLayer.inputSize());
    }

    /** y = x + r ⊙ σ(c·W_c + b_c); keeps σ and a reference to r (unchanged until backward). */
    void forward(Matrix x, Matrix r, Matrix context, Ws ws, Matrix y) {
        int n = r.rows();
        ws.residual = r;
        ws.runs = repeatsRows(context);
        Kernels k = Ops.kernels();
        if (!ws.runs) {
            Matrix a = contextLayer.forward(context, ws.context);
            Matrix sg = ws.sigma.setRows(n);
            k.activate(Activation.SIGMOID, n * size, a.data(), a.rowOffset(0), sg.data(),
                    sg.rowOffset(0));
            k.addProduct(n * size, x.data(), x.rowOffset(0), r.data(), r.rowOffset(0),
                    sg.data(), sg.rowOffset(0), y.data(), y.rowOffset(0));
            return;
        }
        ws.fullContext = context;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !sameRow(context, i - 1, i)) {
                System.arraycopy(context.data(), context.rowOffset(i), ws.leaders.data(),
                        ws.leaders.rowOffset(m), context.cols());
                m++;
            }
            ws.runOf[i] = m - 1;
        }
        Matrix a = contextLayer.forward(ws.leaders.setRows(m), ws.context);
        Matrix sg = ws.sigma.setRows(n);
        k.activate(Activation.SIGMOID, m * size, a.data(), a.rowOffset(0), sg.data(),
                sg.rowOffset(0)); // rows [0, m): σ of each run, then copied to its rows
        for (int i = n - 1; i >= 0; i--) { // run j ≤ row i: going down overwrites no run
            System.arraycopy(sg.data(), sg.rowOffset(ws.runOf[i]), sg.data(), sg.rowOffset(i),
                    size);
        }
        k.addProduct(n * size, x.data(), x.rowOffset(0), r.data(), r.rowOffset(0), sg.data(),
                sg.rowOffset(0), y.data(), y.rowOffset(0));
    }

    /** dL/dr into ws.gradResidual and dL/da into ws.gradGate, given G = dL/dy. */
    void backward(Matrix g, Ws ws) {
        int n = g.rows();
        if (ws.runs) { // the context layer saw the runs only: give it every row again
            contextLayer.forward(ws.fullContext, ws.context);
            ws.runs = false;
        }
        Matrix gr = ws.gradResidual.setRows(n);
        Matrix ga = ws.gradGate.setRows(n);
        Ops.kernels().gatedResidualBackward(n * size, g.data(), g.rowOffset(0),
                ws.residual.data(), ws.residual.rowOffset(0), ws.sigma.data(),
                ws.sigma.rowOffset(0), gr.data(), gr.rowOffset(0), ga.data(), ga.rowOffset(0));
    }

    /** Whether some row of m equals the row before it. */
    private static boolean repeatsRows(Matrix m) {
        for (int i = 1; i < m.rows(); i++) {
            if (sameRow(m, i - 1, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameRow(Matrix m, int i, int j) {
        return Arrays.equals(m.data(), m.rowOffset(i), m.rowOffset(i) + m.cols(), m.data(),
                m.rowOffset(j), m.rowOffset(j) + m.cols());
    }

    /** Buffers of the gate; the context layer's workspace, and the state backward needs. */
    static final class Ws {
        final Layer.Workspace context;
        final Matrix sigma;
        final Matrix gradResidual;
        final Matrix gradGate;
        /** Per row, the index of its run of equal contexts (valid when runs). */
        final int[] runOf;
        /** The runs' contexts, one row each. */
        final Matrix leaders;
        Matrix residual;
        Matrix fullContext;
        /** Whether the context layer holds one row per run (not per row). */
        boolean runs;

        Ws(Layer.Workspace context, int maxRows, int size, int contextSize) {
            this.context = context;
            this.sigma = Matrix.of(maxRows, size);
            this.gradResidual = Matrix.of(maxRows, size);
            this.gradGate = Matrix.of(maxRows, size);
            this.runOf = new int[maxRows];
            this.leaders = Matrix.of(maxRows, contextSize);
        }
    }
}
