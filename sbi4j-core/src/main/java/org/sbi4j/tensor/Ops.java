package org.sbi4j.tensor;

import org.sbi4j.kernels.Activation;
import org.sbi4j.kernels.KernelProvider;
import org.sbi4j.kernels.Kernels;

/**
 * Shape- and aliasing-checked matrix operations on top of the kernels (EJML-style names).
 *
 * <p>Inputs are not modified; the output argument (always last) is. An output that overlaps an
 * input, or shapes that do not fit, throw {@link IllegalArgumentException} naming both shapes.
 */
public final class Ops {

    private static final Kernels K = KernelProvider.get();

    private Ops() {
    }

    /** The kernels in use. */
    public static Kernels kernels() {
        return K;
    }

    /** c = a·b. */
    public static void mult(Matrix a, Matrix b, Matrix c) {
        multAdd(1f, a, b, 0f, c);
    }

    /** c = α·a·b + β·c; a is m×k, b is k×n, c is m×n. */
    public static void multAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        if (a.cols() != b.rows() || c.rows() != a.rows() || c.cols() != b.cols()) {
            throw shapes("mult", a, b, c);
        }
        noAlias(a, b, c);
        K.gemmNN(c.rows(), c.cols(), a.cols(), alpha, a.data(), a.offset(), b.data(), b.offset(),
                beta, c.data(), c.offset());
    }

    /** c = aᵀ·b. */
    public static void multTransA(Matrix a, Matrix b, Matrix c) {
        multAddTransA(1f, a, b, 0f, c);
    }

    /** c = α·aᵀ·b + β·c; a is k×m, b is k×n, c is m×n. */
    public static void multAddTransA(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        if (a.rows() != b.rows() || c.rows() != a.cols() || c.cols() != b.cols()) {
            throw shapes("multTransA", a, b, c);
        }
        noAlias(a, b, c);
        K.gemmTN(c.rows(), c.cols(), a.rows(), alpha, a.data(), a.offset(), b.data(), b.offset(),
                beta, c.data(), c.offset());
    }

    /** c = a·bᵀ. */
    public static void multTransB(Matrix a, Matrix b, Matrix c) {
        multAddTransB(1f, a, b, 0f, c);
    }

    /** c = α·a·bᵀ + β·c; a is m×k, b is n×k, c is m×n. */
    public static void multAddTransB(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        if (a.cols() != b.cols() || c.rows() != a.rows() || c.cols() != b.rows()) {
            throw shapes("multTransB", a, b, c);
        }
        noAlias(a, b, c);
        K.gemmNT(c.rows(), c.cols(), a.cols(), alpha, a.data(), a.offset(), b.data(), b.offset(),
                beta, c.data(), c.offset());
    }

    /** c[i, :] += bias for every row; bias is 1×n. */
    public static void addRowVector(Matrix bias, Matrix c) {
        if (bias.size() != c.cols()) {
            throw new IllegalArgumentException("addRowVector: bias " + bias.shape()
                    + " does not fit the columns of " + c.shape());
        }
        noAlias(bias, c);
        K.addRowVector(c.rows(), c.cols(), bias.data(), bias.offset(), c.data(), c.offset());
    }

    /** out = β·out + column sums of a; out is 1×n (or n×1). */
    public static void columnSums(Matrix a, float beta, Matrix out) {
        if (out.size() != a.cols()) {
            throw new IllegalArgumentException("columnSums: output " + out.shape()
                    + " does not fit the columns of " + a.shape());
        }
        noAlias(a, out);
        K.columnSums(a.rows(), a.cols(), a.data(), a.offset(), beta, out.data(), out.offset());
    }

    /** y = f(x) element-wise; y may be x itself. */
    public static void activate(Activation f, Matrix x, Matrix y) {
        sameShape("activate", x, y);
        if (x != y) {
            noAliasUnlessSame(x, y);
        }
        K.activate(f, x.size(), x.data(), x.offset(), y.data(), y.offset());
    }

    /** dx = dy ⊙ f'(x), given y = f(x); dx may be dy itself. */
    public static void activateBackward(Activation f, Matrix x, Matrix y, Matrix dy, Matrix dx) {
        sameShape("activateBackward", x, y);
        sameShape("activateBackward", x, dy);
        sameShape("activateBackward", x, dx);
        noAlias(x, y, dx);
        if (dx != dy) {
            noAliasUnlessSame(dy, dx);
        }
        K.activateBackward(f, x.size(), x.data(), x.offset(), y.data(), y.offset(),
                dy.data(), dy.offset(), dx.data(), dx.offset());
    }

    /** y += α·x (same shape). */
    public static void addScaled(float alpha, Matrix x, Matrix y) {
        sameShape("addScaled", x, y);
        noAlias(x, y);
        K.axpy(x.size(), alpha, x.data(), x.offset(), y.data(), y.offset());
    }

    /** x *= α in place. */
    public static void scale(float alpha, Matrix x) {
        K.scale(x.size(), alpha, x.data(), x.offset());
    }

    private static void sameShape(String op, Matrix a, Matrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape()
                    + " differ");
        }
    }

    private static void noAliasUnlessSame(Matrix a, Matrix b) {
        if (a.overlaps(b) && !(a.data() == b.data() && a.offset() == b.offset())) {
            throw new IllegalArgumentException("output " + b.shape() + " partly overlaps input "
                    + a.shape());
        }
    }

    private static void noAlias(Matrix a, Matrix c) {
        if (a.overlaps(c)) {
            throw new IllegalArgumentException("output " + c.shape() + " aliases input "
                    + a.shape());
        }
    }

    private static void noAlias(Matrix a, Matrix b, Matrix c) {
        noAlias(a, c);
        noAlias(b, c);
    }

    private static IllegalArgumentException shapes(String op, Matrix a, Matrix b, Matrix c) {
        return new IllegalArgumentException(op + ": shapes do not fit: a " + a.shape() + ", b "
                + b.shape() + ", c " + c.shape());
    }
}
