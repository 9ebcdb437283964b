package org.sbi4j.nn;

import org.sbi4j.tensor.Matrix;

/** Argument checks shared by the layers; every failure names the shapes involved. */
final class Shapes {

    private Shapes() {
    }

    /** Checks that input is n×cols with n ≤ maxRows. */
    static void checkInput(String layer, Matrix input, int cols, int maxRows) {
        if (input.cols() != cols) {
            throw new IllegalArgumentException(layer + ": input " + input.shape()
                    + " does not fit the expected shape nx" + cols);
        }
        if (input.rows() > maxRows) {
            throw new IllegalArgumentException(layer + ": input " + input.shape()
                    + " has more rows than the workspace (" + maxRows + "x" + cols + ")");
        }
    }

    /** Checks that gradOutput has the shape of the last forward's output. */
    static void checkGradOutput(String layer, Matrix input, Matrix gradOutput, Matrix output) {
        if (input == null) {
            throw new IllegalStateException(layer + ": backward called before forward on this"
                    + " workspace");
        }
        if (gradOutput.rows() != output.rows() || gradOutput.cols() != output.cols()) {
            throw new IllegalArgumentException(layer + ": gradient of the output "
                    + gradOutput.shape() + " does not match the output " + output.shape());
        }
    }

    /** Casts a workspace to the layer's own type or explains the mismatch. */
    static <W> W cast(String layer, Layer.Workspace ws, Class<W> type) {
        if (!type.isInstance(ws)) {
            throw new IllegalArgumentException(layer + ": workspace "
                    + (ws == null ? "null" : ws.getClass().getName())
                    + " was not created by this kind of layer");
        }
        return type.cast(ws);
    }

    static void checkPositive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }
}
