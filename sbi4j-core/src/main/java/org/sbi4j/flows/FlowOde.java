package org.sbi4j.flows;

import org.sbi4j.tensor.Matrix;

/**
 * Batched float32 integration of the flow-matching ODE dθ/dt = v(θ, t, x), optionally with the
 * log-density's rate dℓ/dt = ∇_θ·v, by an explicit Runge–Kutta method: classical RK4 with equal
 * steps, or Dormand–Prince 5(4) (Dormand &amp; Prince 1980) with the step size of a chunk of rows
 * set by its worst row's local error (Hairer, Nørsett &amp; Wanner, "Solving ODEs I", II.4:
 * h ← h·min(5, max(0.2, 0.9·err^(−1/5))), first-same-as-last). Rows never mix in the arithmetic;
 * with DOPRI5 the step sizes, and so the last digits, depend on which rows share a chunk.
 */
final class FlowOde {

    /** An explicit Runge–Kutta tableau; e (b − b̂) is null for a fixed-step method. */
    record Tableau(double[] c, double[][] a, double[] b, double[] e) {
        int stages() {
            return c.length;
        }
    }

    static final Tableau RK4 = new Tableau(new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0}, null);

    static final Tableau DOPRI5 = new Tableau(
            new double[] {0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1},
            new double[][] {{}, {1 / 5.0}, {3 / 40.0, 9 / 40.0},
                {44 / 45.0, -56 / 15.0, 32 / 9.0},
                {19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0},
                {9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0},
                {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0}},
            new double[] {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0},
            new double[] {71 / 57600.0, 0, -71 / 16695.0, 71 / 1920.0, -17253 / 339200.0,
                22 / 525.0, -1 / 40.0});

    /** Attempted DOPRI5 steps before an integration is declared stiff. */
    static final int MAX_STEPS = 100_000;

    private final VectorField field;
    private final FmpeSettings settings;

    FlowOde(VectorField field, FmpeSettings settings) {
        this.field = field;
        this.settings = settings;
    }

    /** Stage buffers for chunks of up to maxRows rows. */
    static final class Ws {
        final VectorField.Ws field;
        final Matrix[] k = new Matrix[7];
        final float[][] g = new float[7][];
        final Matrix stage;
        final Matrix next;
        final float[] nextEll;
        /** Hutchinson probes of the current chunk (set by the caller). */
        final Matrix probes;

        Ws(VectorField f, int maxRows) {
            this.field = f.workspace(maxRows);
            for (int s = 0; s < 7; s++) {
                k[s] = Matrix.of(maxRows, f.thetaSize());
                g[s] = new float[maxRows];
            }
            this.stage = Matrix.of(maxRows, f.thetaSize());
            this.next = Matrix.of(maxRows, f.thetaSize());
            this.nextEll = new float[maxRows];
            this.probes = Matrix.of(maxRows, f.thetaSize());
        }
    }

    Ws workspace(int maxRows) {
        return new Ws(field, maxRows);
    }

    /**
     * Integrates the rows of y (in place) from t0 to t1, and ℓ += ∫ ∇·v dt when ell is not
     * null (ws.probes must then hold the probes for Hutchinson's estimate).
     */
    void integrate(Matrix y, float[] ell, Matrix context, float t0, float t1, Ws ws) {
        if (settings.solver() == FmpeSettings.Solver.RK4) {
            float h = (t1 - t0) / settings.steps();
            for (int step = 0; step < settings.steps(); step++) {
                float t = t0 + step * h;
                stages(RK4, y, ell, context, t, h, 0, ws);
                combine(RK4.b(), y, ell, h, y, ell, ws);
            }
        } else {
            adaptive(y, ell, context, t0, t1, ws);
        }
    }

    private void adaptive(Matrix y, float[] ell, Matrix context, float t0, float t1, Ws ws) {
        int n = y.rows();
        double span = t1 - t0;
        double h = span / settings.steps();
        double t = t0;
        boolean haveFirst = false;
        Matrix next = ws.next.setRows(n);
        float[] nextEll = ell == null ? null : ws.nextEll;
        for (int attempt = 0; (t - t0) / span < 1 - 1e-7; attempt++) {
            if (attempt == MAX_STEPS) {
                throw new IllegalStateException("DOPRI5 took " + MAX_STEPS + " steps without "
                        + "reaching t = " + t1 + " (at t = " + t + ", step " + h
                        + "): the field is too stiff for tolerance " + settings.tolerance());
            }
            if ((t + h - t0) / span > 1) {
                h = t1 - t;
            }
            stages(DOPRI5, y, ell, context, (float) t, (float) h, haveFirst ? 1 : 0, ws);
            combine(DOPRI5.b(), y, ell, (float) h, next, nextEll, ws);
            double err = errorNorm(y, ell, next, nextEll, (float) h, ws);
            if (err <= 1) {
                y.copyFrom(next);
                if (ell != null) {
                    System.arraycopy(nextEll, 0, ell, 0, n);
                }
                t += h;
                ws.k[0].setRows(n).copyFrom(ws.k[6].setRows(n));
                System.arraycopy(ws.g[6], 0, ws.g[0], 0, n);
                haveFirst = true;
            }
            double factor = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
            h *= err <= 1 ? factor : Math.min(1, factor);
        }
    }

    /** k_s = v(y + hΣ a_sj k_j, t + c_s h) for stages from..S−1 (and g_s = ∇·v with ell). */
    private void stages(Tableau tab, Matrix y, float[] ell, Matrix context, float t, float h,
                        int from, Ws ws) {
        int n = y.rows();
        int d = y.cols();
        for (int s = from; s < tab.stages(); s++) {
            Matrix x = y;
            if (s > 0) {
                x = ws.stage.setRows(n);
                float[] xs = x.data();
                float[] ys = y.data();
                double[] a = tab.a()[s];
                for (int i = 0; i < n; i++) {
                    int yo = y.rowOffset(i);
                    int xo = x.rowOffset(i);
                    for (int j = 0; j < d; j++) {
                        double acc = 0;
                        for (int q = 0; q < s; q++) {
                            acc += a[q] * ws.k[q].data()[ws.k[q].rowOffset(i) + j];
                        }
                        xs[xo + j] = (float) (ys[yo + j] + h * acc);
                    }
                }
            }
            Matrix v = field.forward(x, null, (float) (t + tab.c()[s] * h), context, ws.field);
            ws.k[s].setRows(n).copyFrom(v);
            if (ell != null) {
                if (settings.divergence() == FmpeSettings.Divergence.EXACT) {
                    field.exactDivergence(n, ws.g[s], ws.field);
                } else {
                    field.hutchinsonDivergence(ws.probes.setRows(n), ws.g[s], ws.field);
                }
            }
        }
    }

    /** out = y + hΣ b_s k_s, outEll = ell + hΣ b_s g_s (out may be y). */
    private static void combine(double[] b, Matrix y, float[] ell, float h, Matrix out,
                                float[] outEll, Ws ws) {
        int n = y.rows();
        int d = y.cols();
        for (int i = 0; i < n; i++) {
            int yo = y.rowOffset(i);
            int oo = out.rowOffset(i);
            for (int j = 0; j < d; j++) {
                double acc = 0;
                for (int s = 0; s < b.length; s++) {
                    acc += b[s] * ws.k[s].data()[ws.k[s].rowOffset(i) + j];
                }
                out.data()[oo + j] = (float) (y.data()[yo + j] + h * acc);
            }
            if (ell != null) {
                double acc = 0;
                for (int s = 0; s < b.length; s++) {
                    acc += b[s] * ws.g[s][i];
                }
                outEll[i] = (float) (ell[i] + h * acc);
            }
        }
    }

    /** max over rows of the RMS of hΣ e_s k_s / (tol·(1 + max(|y|, |y_next|))). */
    private double errorNorm(Matrix y, float[] ell, Matrix next, float[] nextEll, float h,
                             Ws ws) {
        double[] e = DOPRI5.e();
        double tol = settings.tolerance();
        int n = y.rows();
        int d = y.cols();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double acc = 0;
                for (int s = 0; s < e.length; s++) {
                    acc += e[s] * ws.k[s].data()[ws.k[s].rowOffset(i) + j];
                }
                double scale = tol * (1 + Math.max(Math.abs(y.get(i, j)), Math.abs(next.get(i, j))));
                sq += Math.pow(h * acc / scale, 2);
            }
            int m = d;
            if (ell != null) {
                double acc = 0;
                for (int s = 0; s < e.length; s++) {
                    acc += e[s] * ws.g[s][i];
                }
                double scale = tol * (1 + Math.max(Math.abs(ell[i]), Math.abs(nextEll[i])));
                sq += Math.pow(h * acc / scale, 2);
                m++;
            }
            worst = Math.max(worst, Math.sqrt(sq / m));
        }
        return worst;
    }
}
