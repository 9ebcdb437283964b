package org.sbi4j.nn;

import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/** Row-wise copies between column blocks: [a | b] ↔ a, b (no allocation). */
final class Columns {

    private Columns() {
    }

    /** out[:, 0:a.cols] = a, out[:, a.cols:] = b (b may be null when it has no columns). */
    static void join(Matrix a, Matrix b, Matrix out) {
        int bc = b == null ? 0 : b.cols();
        if (out.rows() != a.rows() || out.cols() != a.cols() + bc
                || (b != null && b.rows() != a.rows())) {
            throw new IllegalArgumentException("cannot join " + a.shape() + " and "
                    + (b == null ? "nothing" : b.shape()) + " into " + out.shape());
        }
        for (int r = 0; r < a.rows(); r++) {
            System.arraycopy(a.data(), a.rowOffset(r), out.data(), out.rowOffset(r), a.cols());
            if (bc > 0) {
                System.arraycopy(b.data(), b.rowOffset(r), out.data(), out.rowOffset(r) + a.cols(),
                        bc);
            }
        }
    }

    /** out = src[:, from : from + out.cols]. */
    static void copy(Matrix src, int from, Matrix out) {
        if (out.rows() != src.rows() || from < 0 || from + out.cols() > src.cols()) {
            throw new IllegalArgumentException("cannot copy columns [" + from + ", "
                    + (from + out.cols()) + ") of " + src.shape() + " into " + out.shape());
        }
        for (int r = 0; r < src.rows(); r++) {
            System.arraycopy(src.data(), src.rowOffset(r) + from, out.data(), out.rowOffset(r),
                    out.cols());
        }
    }

    /** dst[:, from : from + g.cols] += g. */
    static void addInto(Matrix g, Matrix dst, int from) {
        if (g.rows() != dst.rows() || from < 0 || from + g.cols() > dst.cols()) {
            throw new IllegalArgumentException("cannot add " + g.shape() + " into columns from "
                    + from + " of " + dst.shape());
        }
        for (int r = 0; r < g.rows(); r++) {
            Ops.kernels().axpy(g.cols(), 1f, g.data(), g.rowOffset(r),
                    dst.data(), dst.rowOffset(r) + from);
        }
    }
}
