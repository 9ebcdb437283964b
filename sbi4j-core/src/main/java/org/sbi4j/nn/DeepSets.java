package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.tensor.Matrix;

/**
 * A permutation-invariant embedding of a set of i.i.d. trials (Zaheer et al. 2017, "Deep
 * sets"): e = ρ( [(1/m) Σ_{t valid} φ(x_t), m/T] ), with φ and ρ any layers (usually MLPs).
 * The mean alone forgets the set size m, on which the posterior's width depends (Wagstaff et al.
 * 2019, "On the limitations of representing functions on sets"), so ρ also receives m/T, and
 * ρ.inputSize() = φ.outputSize() + 1.
 *
 * <p>Shapes: an input row holds up to T = maxTrials trials of d = φ.inputSize() values each,
 * trial-major (value j of trial t at column t·d + j); the output is n×ρ.outputSize(). Sets smaller
 * than T are padded with NaN trials: a trial whose d values are all NaN is padding and contributes
 * nothing (m counts the valid trials of the row); its input gradient is 0. A trial that is only
 * partly NaN, or a row without any valid trial, is rejected with an IllegalArgumentException (an
 * empty set has no mean and zeros would silently pose as data).
 *
 * <p>Forward: the trials are stacked into an (n·T)×d matrix (padding as zeros), H = φ(trials),
 * M[i] = [(1/m_i) Σ_{t valid} H[i·T + t], m_i/T], e = ρ(M). Backward: dM = ρ'ᵀ dL/de, dH[i·T + t]
 * = dM[i, :h]/m_i for valid trials (the count column has no gradient) and 0 for padding, then φ's backward; padding rows of φ get a zero
 * output gradient and so add nothing to φ's parameter gradients. The mean makes e invariant to
 * the order of the trials and to where the padding sits.
 */
public final class DeepSets implements Layer {

    private final Layer phi;
    private final Layer rho;
    private final int maxTrials;
    private final int trialDim;
    private final List<Param> params;

    private DeepSets(Layer phi, Layer rho, int maxTrials) {
        this.phi = phi;
        this.rho = rho;
        this.maxTrials = maxTrials;
        this.trialDim = phi.inputSize();
        List<Param> p = new ArrayList<>(phi.params());
        p.addAll(rho.params());
        this.params = List.copyOf(p);
    }

    /**
     * ρ(mean of φ over the valid trials, their share m/T) for rows of maxTrials trials of
     * φ.inputSize() values.
     *
     * @throws IllegalArgumentException if ρ's input size is not φ's output size + 1, maxTrials
     *         is not positive or parameter names of φ and ρ clash
     */
    public static DeepSets of(Layer phi, Layer rho, int maxTrials) {
        if (phi == null || rho == null) {
            throw new IllegalArgumentException("deep sets need both φ and ρ networks");
        }
        Shapes.checkPositive("maximum number of trials", maxTrials);
        if (phi.outputSize() + 1 != rho.inputSize()) {
            throw new IllegalArgumentException("φ outputs " + phi.outputSize()
                    + " features, so ρ must take " + (phi.outputSize() + 1)
                    + " (with the trial count), but it expects " + rho.inputSize());
        }
        for (Param a : phi.params()) {
            for (Param b : rho.params()) {
                if (a.name().equals(b.name())) {
                    throw new IllegalArgumentException("duplicate parameter name " + a.name());
                }
            }
        }
        return new DeepSets(phi, rho, maxTrials);
    }

    public Layer phi() {
        return phi;
    }

    public Layer rho() {
        return rho;
    }

    public int maxTrials() {
        return maxTrials;
    }

    @Override
    public int inputSize() {
        return maxTrials * trialDim;
    }

    @Override
    public int outputSize() {
        return rho.outputSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Shapes.checkPositive("deep sets maxRows", maxRows);
        return new Ws(maxRows, this);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast("DeepSets", workspace, Ws.class);
        Shapes.checkInput("DeepSets", input, inputSize(), ws.maxRows);
        ws.input = input;
        int n = input.rows();
        Matrix trials = ws.trials.setRows(n * maxTrials);
        stack(input, trials, ws);
        Matrix h = phi.forward(trials, ws.phiWs);
        Matrix mean = ws.mean.setRows(n);
        mean.fill(0f);
        int width = h.cols();
        float[] hd = h.data();
        float[] md = mean.data();
        for (int i = 0; i < n; i++) {
            float inv = 1f / ws.count[i];
            int mo = mean.rowOffset(i);
            md[mo + width] = (float) ws.count[i] / maxTrials;
            for (int t = 0; t < maxTrials; t++) {
                if (ws.valid[i * maxTrials + t]) {
                    int ho = h.rowOffset(i * maxTrials + t);
                    for (int j = 0; j < width; j++) {
                        md[mo + j] += hd[ho + j] * inv;
                    }
                }
            }
        }
        ws.output = rho.forward(mean, ws.rhoWs);
        return ws.output;
    }

    /** Copies the trials into (n·T)×d rows (padding as zeros), marking and counting valid ones. */
    private void stack(Matrix x, Matrix trials, Ws ws) {
        float[] xd = x.data();
        float[] td = trials.data();
        for (int i = 0; i < x.rows(); i++) {
            int count = 0;
            for (int t = 0; t < maxTrials; t++) {
                int from = x.rowOffset(i) + t * trialDim;
                int to = trials.rowOffset(i * maxTrials + t);
                int nan = 0;
                for (int j = 0; j < trialDim; j++) {
                    float v = xd[from + j];
                    nan += Float.isNaN(v) ? 1 : 0;
                    td[to + j] = Float.isNaN(v) ? 0f : v;
                }
                if (nan != 0 && nan != trialDim) {
                    throw new IllegalArgumentException("DeepSets: row " + i + ", trial " + t
                            + " has " + nan + " NaN values out of " + trialDim
                            + "; a padding trial must be all NaN, a real trial has none");
                }
                ws.valid[i * maxTrials + t] = nan == 0;
                count += nan == 0 ? 1 : 0;
            }
            if (count == 0) {
                throw new IllegalArgumentException("DeepSets: row " + i + " has no valid trial"
                        + " (all " + maxTrials + " trials are NaN padding)");
            }
            ws.count[i] = count;
        }
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast("DeepSets", workspace, Ws.class);
        Shapes.checkGradOutput("DeepSets", ws.input, gradOutput, ws.output);
        int n = gradOutput.rows();
        Matrix gm = rho.backward(gradOutput, ws.rhoWs);
        Matrix gh = ws.gradH.setRows(n * maxTrials);
        float[] gmd = gm.data();
        float[] ghd = gh.data();
        int width = gh.cols();
        for (int i = 0; i < n; i++) {
            float inv = 1f / ws.count[i];
            int mo = gm.rowOffset(i);
            for (int t = 0; t < maxTrials; t++) {
                int ho = gh.rowOffset(i * maxTrials + t);
                boolean valid = ws.valid[i * maxTrials + t];
                for (int j = 0; j < width; j++) {
                    ghd[ho + j] = valid ? gmd[mo + j] * inv : 0f;
                }
            }
        }
        Matrix gt = phi.backward(gh, ws.phiWs);
        Matrix dx = ws.gradInput.setRows(n);
        float[] gtd = gt.data();
        float[] dxd = dx.data();
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < maxTrials; t++) {
                int to = gt.rowOffset(i * maxTrials + t);
                int xo = dx.rowOffset(i) + t * trialDim;
                boolean valid = ws.valid[i * maxTrials + t];
                for (int j = 0; j < trialDim; j++) {
                    dxd[xo + j] = valid ? gtd[to + j] : 0f;
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "DeepSets[" + maxTrials + " trials x " + trialDim + ", phi=" + phi + ", rho=" + rho
                + "]";
    }

    private static final class Ws implements Workspace {
        final int maxRows;
        final Matrix trials;
        final Matrix mean;
        final Matrix gradH;
        final Matrix gradInput;
        final boolean[] valid;
        final int[] count;
        final Workspace phiWs;
        final Workspace rhoWs;
        Matrix input;
        Matrix output;

        Ws(int maxRows, DeepSets d) {
            this.maxRows = maxRows;
            int rows = Math.multiplyExact(maxRows, d.maxTrials);
            this.trials = Matrix.of(rows, d.trialDim);
            this.mean = Matrix.of(maxRows, d.phi.outputSize() + 1);
            this.gradH = Matrix.of(rows, d.phi.outputSize());
            this.gradInput = Matrix.of(maxRows, d.inputSize());
            this.valid = new boolean[rows];
            this.count = new int[maxRows];
            this.phiWs = d.phi.workspace(rows);
            this.rhoWs = d.rho.workspace(maxRows);
        }
    }
}
