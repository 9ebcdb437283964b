package org.sbi4j.nn;

import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/** Row plumbing of the set and sequence embeddings: trials ↔ token rows, learned rows ↔ groups. */
final class SetRows {

    private SetRows() {
    }

    /**
     * Copies rows of T trials of d values (trial-major) into (n·T)×d token rows, NaN padding as
     * zeros, marking valid trials and counting them per row (as {@link DeepSets}: a padding trial
     * is all NaN, a partly NaN trial or a row without valid trials is rejected).
     */
    static void stack(String layer, Matrix x, int trials, int d, Matrix tokens, boolean[] valid,
                      int[] count) {
        float[] xd = x.data();
        float[] td = tokens.data();
        for (int i = 0; i < x.rows(); i++) {
            int c = 0;
            for (int t = 0; t < trials; t++) {
                int from = x.rowOffset(i) + t * d;
                int to = tokens.rowOffset(i * trials + t);
                int nan = 0;
                for (int j = 0; j < d; j++) {
                    float v = xd[from + j];
                    nan += Float.isNaN(v) ? 1 : 0;
                    td[to + j] = Float.isNaN(v) ? 0f : v;
                }
                if (nan != 0 && nan != d) {
                    throw new IllegalArgumentException(layer + ": row " + i + ", trial " + t
                            + " has " + nan + " NaN values out of " + d
                            + "; a padding trial must be all NaN, a real trial has none");
                }
                valid[i * trials + t] = nan == 0;
                c += nan == 0 ? 1 : 0;
            }
            if (c == 0) {
                throw new IllegalArgumentException(layer + ": row " + i + " has no valid trial"
                        + " (all " + trials + " trials are NaN padding)");
            }
            count[i] = c;
        }
    }

    /** dx rows (T·d) from token gradients (n·T)×d; 0 for padding trials. */
    static void unstack(Matrix gradTokens, boolean[] valid, int trials, Matrix dx) {
        int d = gradTokens.cols();
        float[] gd = gradTokens.data();
        float[] xd = dx.data();
        for (int i = 0; i < dx.rows(); i++) {
            for (int t = 0; t < trials; t++) {
                int from = gradTokens.rowOffset(i * trials + t);
                int to = dx.rowOffset(i) + t * d;
                boolean ok = valid[i * trials + t];
                for (int j = 0; j < d; j++) {
                    xd[to + j] = ok ? gd[from + j] : 0f;
                }
            }
        }
    }

    /** out = p.value() repeated for each of the groups (out has groups·p.rows rows). */
    static Matrix broadcast(Param p, int groups, Matrix out) {
        Matrix v = p.value();
        out.setRows(groups * v.rows());
        for (int g = 0; g < groups; g++) {
            System.arraycopy(v.data(), v.offset(), out.data(), out.rowOffset(g * v.rows()),
                    v.size());
        }
        return out;
    }

    /** p.grad() += Σ_g rows [g·m, (g+1)·m) of grad, groups in order. */
    static void sumGroups(Matrix grad, Param p) {
        Matrix g = p.grad();
        int m = g.rows();
        for (int k = 0; k < grad.rows() / m; k++) {
            Ops.kernels().axpy(g.size(), 1f, grad.data(), grad.rowOffset(k * m), g.data(),
                    g.offset());
        }
    }
}
